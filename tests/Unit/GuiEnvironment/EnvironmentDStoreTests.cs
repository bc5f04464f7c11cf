using System;
using System.Collections;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using System.Threading;
using GoEnvTools.Tests.Support;
using Xunit;

namespace GoEnvTools.Tests.GuiEnvironment
{
    public sealed class EnvironmentDStoreTests : IDisposable
    {
        private const string Systemctl = "/usr/bin/systemctl";
        private readonly string _root = Path.Combine(Path.GetTempPath(), "goenvtools-envd-" + Guid.NewGuid().ToString("N"));
        private readonly Hashtable _environment;

        public EnvironmentDStoreTests()
        {
            Directory.CreateDirectory(_root);
            _environment = new Hashtable { ["HOME"] = _root, ["XDG_CONFIG_HOME"] = Path.Combine(_root, "cfg"), ["PATH"] = "/usr/bin:/bin" };
        }

        public void Dispose() => Directory.Delete(_root, recursive: true);

        public static IEnumerable<object[]> AwkwardValues() => new[]
        {
            new object[] { "hello world" },
            new object[] { "  blanks before and after  " },
            new object[] { "$HOME" },
            new object[] { "${PATH}:/opt/go/bin" },
            new object[] { "${UNSET:-default}" },
            new object[] { "cost $5 and $$" },
            new object[] { "say \"hi\" and 'bye'" },
            new object[] { "it's" },
            new object[] { "C:\\dir\\" },
            new object[] { "back\\$HOME" },
            new object[] { "line one\nline two" },
            new object[] { "tab\there" },
            new object[] { "#not a comment" },
            new object[] { "`date` and $(date)" },
            new object[] { "ünïcödé € 😀" },
            new object[] { "a=b=c" },
        };

        [Theory]
        [MemberData(nameof(AwkwardValues))]
        public void SystemdsOwnGenerator_ReadsBackExactlyTheValueThatWasSet(string value)
        {
            string generator = RequireGenerator();
            var runner = new RoutingRunner(NoManager);
            var store = new EnvironmentDStore(Path.Combine(_root, "cfg"), runner, _environment, Systemctl, generator);
            var editor = new GuiEnvironmentEditor(store);

            GuiEnvironmentChange change = editor.Apply(editor.PlanSet("GOENVTOOLS_TEST", value));

            Assert.Equal("Changed", change.Status);
            GoEnvSnapshot snapshot = store.Snapshot(DateTime.Now);
            Assert.StartsWith("environment.d as the user manager reads it", snapshot.Source, StringComparison.Ordinal);
            Assert.Equal(value, snapshot.Variables!["GOENVTOOLS_TEST"]);
        }

        [Fact]
        public void SystemdsGenerator_PrintsTheExpectedLines_ForKnownValues()
        {
            string generator = RequireGenerator();
            var store = new EnvironmentDStore(Path.Combine(_root, "cfg"), new RoutingRunner(NoManager), _environment, Systemctl, generator);
            var editor = new GuiEnvironmentEditor(store);
            editor.Apply(editor.PlanSet("A", "x $HOME y"));
            editor.Apply(editor.PlanSet("B", "q\"b\\s"));
            editor.Apply(editor.PlanSet("C", "plain"));

            ChildProcessResult result = new PosixChildProcessRunner(CancellationToken.None).Run(new ChildProcessRequest(generator, Array.Empty<string>(), _environment));
            string[] lines = Encoding.UTF8.GetString(result.StandardOutput).Split('\n');

            // systemd prints shell-quoted values: "\$" for a literal dollar, "\"" and "\\" inside double quotes.
            Assert.Contains("A=\"x \\$HOME y\"", lines);
            Assert.Contains("B=\"q\\\"b\\\\s\"", lines);
            Assert.Contains("C=plain", lines);
        }

        [Fact]
        public void Set_WithARunningUserManager_CallsSetEnvironment_AndRemoveRestoresItsPreviousValue()
        {
            var manager = new Dictionary<string, string> { ["GOPROXY"] = "https://old.example" };
            var runner = new RoutingRunner(r => FakeManager(r, manager));
            var store = new EnvironmentDStore(Path.Combine(_root, "cfg"), runner, _environment, Systemctl, null);
            var editor = new GuiEnvironmentEditor(store);

            GuiEnvironmentChange set = editor.Apply(editor.PlanSet("GOPROXY", "https://new.example,direct"));

            Assert.Equal("https://old.example", set.OldValue);
            Assert.True(set.SessionUpdated);
            Assert.Contains(runner.Requests, r => r.Arguments.SequenceEqual(new[] { "--user", "set-environment", "GOPROXY=https://new.example,direct" }));
            Assert.Contains("GOPROXY=\"https://new.example,direct\"\n", File.ReadAllText(store.Path), StringComparison.Ordinal);

            Assert.Equal("NoChange", editor.Apply(editor.PlanSet("GOPROXY", "https://new.example,direct")).Status);

            GuiEnvironmentChange removed = editor.Apply(editor.PlanRemove("GOPROXY"));

            Assert.Equal("https://old.example", removed.Value);
            Assert.Equal("https://old.example", manager["GOPROXY"]);
            Assert.False(File.Exists(store.Path));
        }

        [Fact]
        public void Snapshot_IsTheUserManagersEnvironment_WhenOneAnswers_EscapesDecoded()
        {
            var runner = new RoutingRunner(_ => FakeChildProcessRunner.Exited(0, Encoding.UTF8.GetBytes("HOME=/home/me\nMULTI=$'one\\ntwo'\nGOPATH=/home/me/go\n")));
            var store = new EnvironmentDStore(Path.Combine(_root, "cfg"), runner, _environment, Systemctl, "/no/generator");

            GoEnvSnapshot snapshot = store.Snapshot(DateTime.Now);

            Assert.Equal("systemd user manager (systemctl --user show-environment)", snapshot.Source);
            Assert.Equal("one\ntwo", snapshot.Variables!["MULTI"]);
            Assert.Equal("/home/me/go", snapshot.Variables["GOPATH"]);
            Assert.Equal(new[] { "--user", "show-environment" }, Assert.Single(runner.Requests).Arguments);
        }

        [Fact]
        public void SetTwice_ThenRemove_RestoresTheValueFromBeforeTheFirstSet()
        {
            var manager = new Dictionary<string, string>();
            var runner = new RoutingRunner(r => FakeManager(r, manager));
            var editor = new GuiEnvironmentEditor(new EnvironmentDStore(Path.Combine(_root, "cfg"), runner, _environment, Systemctl, null));

            editor.Apply(editor.PlanSet("GOFLAGS", "-mod=mod"));
            GuiEnvironmentChange second = editor.Apply(editor.PlanSet("GOFLAGS", "-mod=vendor"));
            GuiEnvironmentChange removed = editor.Apply(editor.PlanRemove("GOFLAGS"));

            Assert.Equal("-mod=mod", second.OldValue);
            Assert.Null(removed.Value);
            Assert.Equal("-mod=vendor", removed.OldValue);
            Assert.Equal(new[] { "--user", "unset-environment", "GOFLAGS" }, runner.Requests.Last().Arguments);
            Assert.False(manager.ContainsKey("GOFLAGS"));
            Assert.Equal("NoChange", editor.Apply(editor.PlanRemove("GOFLAGS")).Status);
        }

        [Fact]
        public void Set_WithoutAUserManager_WritesTheFile_CallsNoSetEnvironment_AndSaysSo()
        {
            var runner = new RoutingRunner(NoManager);
            var store = new EnvironmentDStore(Path.Combine(_root, "cfg"), runner, _environment, Systemctl, null);
            var editor = new GuiEnvironmentEditor(store);

            GuiEnvironmentChange change = editor.Apply(editor.PlanSet("GOPATH", "/home/me/go"));

            Assert.False(change.SessionUpdated);
            Assert.Contains("No systemd user manager answers", change.RuntimeNote, StringComparison.Ordinal);
            Assert.Contains("Failed to connect to bus", change.RuntimeNote, StringComparison.Ordinal);
            Assert.DoesNotContain(runner.Requests, r => r.Arguments.Contains("set-environment"));
            Assert.True(File.Exists(store.Path));
        }

        [Fact]
        public void Set_WhenSetEnvironmentFails_SaysTheFileWasWrittenButTheSessionWasNot()
        {
            var runner = new RoutingRunner(r => r.Arguments.Contains("set-environment")
                ? FakeChildProcessRunner.Exited(1, Array.Empty<byte>(), "Access denied")
                : FakeChildProcessRunner.Exited(0, Encoding.UTF8.GetBytes("HOME=/x\n")));
            var store = new EnvironmentDStore(Path.Combine(_root, "cfg"), runner, _environment, Systemctl, null);
            var editor = new GuiEnvironmentEditor(store);

            var ex = Assert.Throws<GuiEnvironmentPartialException>(() => editor.Apply(editor.PlanSet("GOBIN", "/opt/bin")));

            Assert.Contains("was written", ex.Message, StringComparison.Ordinal);
            Assert.Contains("the running session was not changed", ex.Message, StringComparison.Ordinal);
            Assert.Contains("Access denied", ex.Message, StringComparison.Ordinal);
            Assert.Contains("GOBIN=\"/opt/bin\"", File.ReadAllText(store.Path), StringComparison.Ordinal);
        }

        [Fact]
        public void AFileTheModuleDidNotWrite_IsNeverChanged()
        {
            string folder = Path.Combine(_root, "cfg", "environment.d");
            Directory.CreateDirectory(folder);
            string path = Path.Combine(folder, EnvironmentDStore.FileName);
            File.WriteAllText(path, "MINE=1\n");
            var editor = new GuiEnvironmentEditor(new EnvironmentDStore(Path.Combine(_root, "cfg"), new RoutingRunner(NoManager), _environment, Systemctl, null));

            var ex = Assert.Throws<GuiEnvironmentFileException>(() => editor.PlanSet("GOPATH", "/x"));

            Assert.Contains("not written by GoEnvTools", ex.Message, StringComparison.Ordinal);
            Assert.Equal("MINE=1\n", File.ReadAllText(path));
        }

        [Theory]
        [InlineData("1ABC", "x")]
        [InlineData("A-B", "x")]
        [InlineData("GOFLAGS", "bell\u0007")]
        [InlineData("GOFLAGS", "cr\rlf")]
        [InlineData("GOFLAGS", "")]
        public void BadNamesAndControlCharacters_AreRefused_BeforeAnythingIsWritten(string name, string value)
        {
            var store = new EnvironmentDStore(Path.Combine(_root, "cfg"), new RoutingRunner(NoManager), _environment, Systemctl, null);

            Assert.Throws<GuiEnvironmentValueException>(() => new GuiEnvironmentEditor(store).PlanSet(name, value));
            Assert.False(File.Exists(store.Path));
        }

        [Fact]
        public void ConfigHome_FollowsXdgConfigHome_WhenAbsolute_ElseHomeDotConfig()
        {
            Assert.Equal("/x/cfg", EnvironmentDStore.ConfigHome(new Hashtable { ["XDG_CONFIG_HOME"] = "/x/cfg", ["HOME"] = "/h" }));
            Assert.Equal("/h/.config", EnvironmentDStore.ConfigHome(new Hashtable { ["XDG_CONFIG_HOME"] = "relative", ["HOME"] = "/h" }));
            Assert.Equal("/h/.config", EnvironmentDStore.ConfigHome(new Hashtable { ["HOME"] = "/h" }));
        }

        private static string RequireGenerator() =>
            EnvironmentDStore.FindGenerator(File.Exists)
            ?? throw new InvalidOperationException("systemd's environment.d generator is missing: install the Debian package 'systemd'.");

        private static ChildProcessResult NoManager(ChildProcessRequest request) =>
            FakeChildProcessRunner.Exited(1, Array.Empty<byte>(), "Failed to connect to bus: No medium found");

        // A user manager that keeps its environment in a dictionary, printed as systemctl does ($'...' for escapes).
        private static ChildProcessResult FakeManager(ChildProcessRequest request, Dictionary<string, string> manager)
        {
            string[] a = request.Arguments.ToArray();
            switch (a[1])
            {
                case "show-environment":
                    return FakeChildProcessRunner.Exited(0, Encoding.UTF8.GetBytes(string.Concat(manager.Select(p => p.Key + "=" + p.Value + "\n"))));
                case "set-environment":
                    int eq = a[2].IndexOf('=');
                    manager[a[2].Substring(0, eq)] = a[2].Substring(eq + 1);
                    return FakeChildProcessRunner.Exited(0, Array.Empty<byte>());
                case "unset-environment":
                    manager.Remove(a[2]);
                    return FakeChildProcessRunner.Exited(0, Array.Empty<byte>());
                default:
                    throw new InvalidOperationException("unexpected systemctl call " + string.Join(" ", a));
            }
        }

        // systemctl goes to the fake; anything else (systemd's generator) really runs.
        private sealed class RoutingRunner : IChildProcessRunner
        {
            private readonly Func<ChildProcessRequest, ChildProcessResult> _systemctl;
            private readonly PosixChildProcessRunner _real = new PosixChildProcessRunner(CancellationToken.None);

            public RoutingRunner(Func<ChildProcessRequest, ChildProcessResult> systemctl) => _systemctl = systemctl;

            public List<ChildProcessRequest> Requests { get; } = new List<ChildProcessRequest>();

            public ChildProcessResult Run(ChildProcessRequest request)
            {
                Requests.Add(request);
                return request.FileName == Systemctl ? _systemctl(request) : _real.Run(request);
            }
        }
    }
}
