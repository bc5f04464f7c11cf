using System;
using System.Collections;
using System.IO;
using System.Threading;
using Xunit;

namespace GoEnvTools.Tests.GoEnvConfig
{
    // The real go 1.19 of Debian's golang-1.19-go, in a temporary HOME: its go env file is <home>/.config/go/env.
    public sealed class GoEnvConfigEditorTests : IDisposable
    {
        private const string Go = "/usr/lib/go-1.19/bin/go";
        private readonly string _home = Path.Combine(Path.GetTempPath(), "goenvtools-goenv-" + Guid.NewGuid().ToString("N"));
        private readonly Hashtable _environment;
        private readonly GoEnvConfigEditor _editor;

        public GoEnvConfigEditorTests()
        {
            if (!File.Exists(Go))
            {
                throw new InvalidOperationException($"{Go} is missing: install the Debian package 'golang-1.19-go'.");
            }

            Directory.CreateDirectory(_home);
            _environment = new Hashtable { ["HOME"] = _home, ["PATH"] = "/usr/lib/go-1.19/bin:/usr/bin:/bin", ["GOCACHE"] = Path.Combine(_home, "cache") };
            _editor = new GoEnvConfigEditor(new PosixChildProcessRunner(CancellationToken.None), Go, _environment, _home);
        }

        private string EnvFile => Path.Combine(_home, ".config", "go", "env");

        public void Dispose() => Directory.Delete(_home, recursive: true);

        [Fact]
        public void Set_RunsGoEnvW_ReportsTheFileGoWrote_AndASecondRunIsNoChange()
        {
            GoEnvConfigChange change = _editor.Apply(_editor.PlanSet("GOPRIVATE", "example.com/a b,$x\"y"));

            Assert.Equal("Changed", change.Status);
            Assert.Equal(EnvFile, change.GoEnvFile);
            Assert.Null(change.OldValue);
            Assert.Contains("GOPRIVATE=example.com/a b,$x\"y\n", File.ReadAllText(EnvFile), StringComparison.Ordinal);

            GoEnvConfigPlan again = _editor.PlanSet("GOPRIVATE", "example.com/a b,$x\"y");
            Assert.False(again.WritesAnything);
            Assert.Equal("NoChange", _editor.Apply(again).Status);
        }

        [Fact]
        public void Remove_AfterSetOverAnExistingValue_RestoresIt_AndForgetsTheName()
        {
            _editor.Apply(_editor.PlanSet("GOPROXY", "https://first.example"));
            File.Delete(EnvFile + GoEnvConfigEditor.LedgerSuffix);

            // From here the module replaces a value it did not write: the first Set records it, the second keeps the record.
            _editor.Apply(_editor.PlanSet("GOPROXY", "https://second.example"));
            _editor.Apply(_editor.PlanSet("GOPROXY", "https://third.example"));
            GoEnvConfigChange removed = _editor.Apply(_editor.PlanRemove("GOPROXY"));

            Assert.Equal("https://third.example", removed.OldValue);
            Assert.Equal("https://first.example", removed.NewValue);
            Assert.Contains("GOPROXY=https://first.example\n", File.ReadAllText(EnvFile), StringComparison.Ordinal);
            Assert.False(File.Exists(EnvFile + GoEnvConfigEditor.LedgerSuffix));

            // Nothing recorded now: Remove is go env -u.
            GoEnvConfigChange unset = _editor.Apply(_editor.PlanRemove("GOPROXY"));
            Assert.Equal("Changed", unset.Status);
            Assert.Null(unset.NewValue);
            Assert.DoesNotContain("GOPROXY=", File.ReadAllText(EnvFile), StringComparison.Ordinal);
            Assert.Equal("NoChange", _editor.Apply(_editor.PlanRemove("GOPROXY")).Status);
        }

        [Fact]
        public void Set_OfANameGoRefuses_PassesGosReason_AndChangesNothing()
        {
            var unknown = Assert.Throws<GoEnvConfigException>(() => _editor.Apply(_editor.PlanSet("NOT_A_GO_VARIABLE", "1")));
            var relative = Assert.Throws<GoEnvConfigException>(() => _editor.Apply(_editor.PlanSet("GOPATH", "relative/dir")));

            Assert.Contains("go: unknown go command variable NOT_A_GO_VARIABLE", unknown.Message, StringComparison.Ordinal);
            Assert.Contains("GOPATH entry is relative; must be absolute path", relative.Message, StringComparison.Ordinal);
            Assert.Contains("Nothing was changed", relative.Message, StringComparison.Ordinal);
            Assert.False(File.Exists(EnvFile + GoEnvConfigEditor.LedgerSuffix));
        }

        [Theory]
        [InlineData("PATH")]
        [InlineData("GOENV")]
        public void PathAndGoEnv_AreRefused_BeforeGoRuns(string name)
        {
            var ex = Assert.Throws<GoEnvConfigException>(() => _editor.PlanSet(name, "/x"));

            Assert.Contains(name, ex.Message, StringComparison.Ordinal);
            Assert.False(File.Exists(EnvFile));
        }

        [Fact]
        public void Set_WhenTheEnvironmentAlsoSetsIt_KeepsGosWarning()
        {
            _environment["GOFLAGS"] = "-mod=vendor";

            GoEnvConfigChange change = _editor.Apply(_editor.PlanSet("GOFLAGS", "-mod=mod"));

            Assert.Contains("does not override conflicting OS environment variable", change.GoMessage, StringComparison.Ordinal);
        }

        [Fact]
        public void GoEnvOff_IsRefusedWithWhatToDo()
        {
            _environment["GOENV"] = "off";

            var ex = Assert.Throws<GoEnvConfigException>(() => _editor.PlanSet("GOFLAGS", "-mod=mod"));

            Assert.Contains("GOENV=off", ex.Message, StringComparison.Ordinal);
        }
    }
}
