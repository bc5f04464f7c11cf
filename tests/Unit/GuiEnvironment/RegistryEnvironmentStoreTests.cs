using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using Xunit;

namespace GoEnvTools.Tests.GuiEnvironment
{
    // The logic against a fake registry; the P/Invoke side (NativeRegistryEnvironment) needs Windows or Wine.
    public sealed class RegistryEnvironmentStoreTests : IDisposable
    {
        private readonly string _root = Path.Combine(Path.GetTempPath(), "goenvtools-registry-" + Guid.NewGuid().ToString("N"));
        private readonly FakeRegistry _registry = new FakeRegistry();
        private readonly RegistryEnvironmentStore _store;

        public RegistryEnvironmentStoreTests()
        {
            _store = new RegistryEnvironmentStore(_registry, Path.Combine(_root, "registry-environment.state"));
        }

        public void Dispose()
        {
            if (Directory.Exists(_root))
            {
                Directory.Delete(_root, recursive: true);
            }
        }

        [Theory]
        [InlineData("PATH", @"C:\Go\bin", true)]
        [InlineData("Path", @"C:\Go\bin", true)]
        [InlineData("GOPATH", @"%USERPROFILE%\go", true)]
        [InlineData("GOPROXY", "https://proxy.example,direct", false)]
        [InlineData("GOFLAGS", "100% sure", false)]
        public void Set_WritesRegExpandSz_ForPathAndReferences_RegSzOtherwise_ThenBroadcasts(string name, string value, bool expand)
        {
            var editor = new GuiEnvironmentEditor(_store);

            GuiEnvironmentChange change = editor.Apply(editor.PlanSet(name, value));

            RegistryEnvironmentValue written = _registry.User[name];
            Assert.Equal(value, written.Value);
            Assert.Equal(expand, written.Expand);
            Assert.Equal(1, _registry.Broadcasts);
            Assert.Equal(GuiEnvironmentStore.Registry, change.Store);
            Assert.Equal(@"HKEY_CURRENT_USER\Environment", change.Path);
            Assert.True(change.SessionUpdated);
        }

        [Fact]
        public void AValueOverTheLimit_IsRefused_AndNothingIsWritten()
        {
            var editor = new GuiEnvironmentEditor(_store);
            string longest = new string('x', RegistryEnvironmentStore.MaxValueLength);

            Assert.Throws<GuiEnvironmentValueException>(() => editor.PlanSet("GOFLAGS", longest + "x"));
            Assert.Empty(_registry.User);
            Assert.Equal("Changed", editor.Apply(editor.PlanSet("GOFLAGS", longest)).Status);
        }

        [Fact]
        public void Remove_RestoresThePreviousValue_WithItsKind_NamesIgnoringCase()
        {
            _registry.User["GOPATH"] = new RegistryEnvironmentValue("GOPATH", @"%USERPROFILE%\go", true);
            var editor = new GuiEnvironmentEditor(_store);
            editor.Apply(editor.PlanSet("GOPATH", @"D:\go"));
            Assert.False(_registry.User["GOPATH"].Expand);
            Assert.Equal("NoChange", editor.Apply(editor.PlanSet("gopath", @"D:\go")).Status);

            GuiEnvironmentChange removed = editor.Apply(editor.PlanRemove("GoPath"));

            Assert.Equal(@"%USERPROFILE%\go", removed.Value);
            Assert.Equal(@"D:\go", removed.OldValue);
            Assert.Equal(@"%USERPROFILE%\go", _registry.User["GOPATH"].Value);
            Assert.True(_registry.User["GOPATH"].Expand);
            Assert.False(File.Exists(_store.LedgerPath));
            Assert.Equal(2, _registry.Broadcasts);
        }

        [Fact]
        public void Remove_OfANameTheModuleNeverSet_LeavesItAlone_AndSaysWhy()
        {
            _registry.User["GOPROXY"] = new RegistryEnvironmentValue("GOPROXY", "off", false);

            GuiEnvironmentPlan plan = new GuiEnvironmentEditor(_store).PlanRemove("GOPROXY");

            Assert.False(plan.WritesAnything);
            Assert.Contains("left alone", plan.NotManagedNote, StringComparison.Ordinal);
            Assert.Equal("off", _registry.User["GOPROXY"].Value);
        }

        [Fact]
        public void AFailedBroadcast_SaysTheRegistryWasWrittenButExplorerMayNotKnow()
        {
            _registry.BroadcastFailure = "SendMessageTimeout: This operation returned because the timeout period expired. (error 1460)";
            var editor = new GuiEnvironmentEditor(_store);

            var ex = Assert.Throws<GuiEnvironmentPartialException>(() => editor.Apply(editor.PlanSet("GOBIN", @"C:\bin")));

            Assert.Contains("was written", ex.Message, StringComparison.Ordinal);
            Assert.Contains("error 1460", ex.Message, StringComparison.Ordinal);
            Assert.Equal(@"C:\bin", _registry.User["GOBIN"].Value);
        }

        [Fact]
        public void AFailedRegistryWrite_LeavesTheLedgerAsItWas_SoASecondTryIsNotNoChange()
        {
            var editor = new GuiEnvironmentEditor(_store);
            _registry.FailWrites = true;

            Assert.Throws<IOException>(() => editor.Apply(editor.PlanSet("GOBIN", @"C:\bin")));

            Assert.False(File.Exists(_store.LedgerPath));
            _registry.FailWrites = false;
            Assert.Equal("Changed", editor.Apply(editor.PlanSet("GOBIN", @"C:\bin")).Status);
            Assert.Equal(@"C:\bin", _registry.User["GOBIN"].Value);
        }

        [Fact]
        public void Snapshot_MergesMachineAndUser_AsExplorerDoes()
        {
            _registry.Machine.Add(new RegistryEnvironmentValue("Path", @"C:\Windows;C:\Program Files\Go\bin", true));
            _registry.Machine.Add(new RegistryEnvironmentValue("GOROOT", @"C:\Program Files\Go", false));
            _registry.Machine.Add(new RegistryEnvironmentValue("TEMP", @"C:\Windows\Temp", false));
            _registry.User["TEMP"] = new RegistryEnvironmentValue("TEMP", @"C:\Users\me\Temp", false);
            _registry.User["PATH"] = new RegistryEnvironmentValue("PATH", @"%GOROOT%\extra;C:\Users\me\go\bin", true);

            GoEnvSnapshot snapshot = _store.Snapshot(DateTime.Now);

            Assert.Equal("Windows", snapshot.Platform);
            Assert.Equal(@"C:\Users\me\Temp", snapshot.Variables!["temp"]);
            Assert.Equal(@"C:\Windows;C:\Program Files\Go\bin;C:\Program Files\Go\extra;C:\Users\me\go\bin", snapshot.Variables["PATH"]);
            Assert.Equal(3, snapshot.Variables.Count);
        }

        [Fact]
        public void Snapshot_ExpandsWhatWindowsSetsBeforeTheRegistry_WithoutListingIt()
        {
            // Neither hive holds SystemRoot or USERPROFILE, yet the machine's Path and a user's GOPATH refer to them.
            var session = RegistryEnvironmentStore.SessionVariables(new System.Collections.Hashtable
            {
                ["SystemRoot"] = @"C:\Windows",
                ["USERPROFILE"] = @"C:\Users\me",
                ["GOENVTOOLS_PROCESS_ONLY"] = "not a session variable",
            });
            var store = new RegistryEnvironmentStore(_registry, Path.Combine(_root, "registry-environment.state"), session);
            _registry.Machine.Add(new RegistryEnvironmentValue("Path", @"%SystemRoot%\system32;%SystemRoot%", true));
            _registry.User["GOPATH"] = new RegistryEnvironmentValue("GOPATH", @"%USERPROFILE%\go", true);
            _registry.User["PATH"] = new RegistryEnvironmentValue("PATH", @"%GOPATH%\bin;%GOENVTOOLS_PROCESS_ONLY%", true);

            GoEnvSnapshot snapshot = store.Snapshot(DateTime.Now);

            Assert.Equal(new[] { "SystemRoot", "USERPROFILE" }, session.Keys.OrderBy(k => k, StringComparer.Ordinal));
            Assert.Equal(@"C:\Users\me\go", snapshot.Variables!["GOPATH"]);
            Assert.Equal(@"C:\Windows\system32;C:\Windows;C:\Users\me\go\bin;%GOENVTOOLS_PROCESS_ONLY%", snapshot.Variables["PATH"]);
            Assert.Equal(2, snapshot.Variables.Count);
        }

        [Theory]
        [InlineData("%A%\\x", "1\\x")]
        [InlineData("%MISSING%\\x", "%MISSING%\\x")]
        [InlineData("100%", "100%")]
        [InlineData("%%A%", "%1")]
        [InlineData("%MISSING%A%", "%MISSING1")]
        public void Expand_ReplacesKnownReferences_AndKeepsUnknownOnesAsWritten(string value, string expected)
        {
            var known = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase) { ["A"] = "1" };

            Assert.Equal(expected, RegistryEnvironmentStore.Expand(value, known));
        }

        private sealed class FakeRegistry : IRegistryEnvironment
        {
            public Dictionary<string, RegistryEnvironmentValue> User { get; } = new Dictionary<string, RegistryEnvironmentValue>(StringComparer.OrdinalIgnoreCase);

            public List<RegistryEnvironmentValue> Machine { get; } = new List<RegistryEnvironmentValue>();

            public int Broadcasts { get; private set; }

            public string? BroadcastFailure { get; set; }

            public IReadOnlyList<RegistryEnvironmentValue> List(RegistryEnvironmentHive hive) =>
                hive == RegistryEnvironmentHive.User ? User.Values.ToList() : Machine;

            public RegistryEnvironmentValue? Get(string name) => User.TryGetValue(name, out RegistryEnvironmentValue? v) ? v : null;

            public bool FailWrites { get; set; }

            public void Set(string name, string value, bool expand)
            {
                if (FailWrites)
                {
                    throw new IOException("RegSetValueExW failed: Access is denied. (error 5).");
                }

                User[name] = new RegistryEnvironmentValue(name, value, expand);
            }

            public void Delete(string name) => User.Remove(name);

            public string? BroadcastEnvironmentChange()
            {
                Broadcasts++;
                return BroadcastFailure;
            }
        }
    }
}
