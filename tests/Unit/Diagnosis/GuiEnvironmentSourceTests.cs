using System;
using System.Collections;
using System.Collections.Specialized;
using System.IO;
using System.Linq;
using System.Text;
using System.Threading;
using GoEnvTools.Tests.Support;
using Xunit;

namespace GoEnvTools.Tests.Diagnosis
{
    /// <summary>The GUI phase of Test-GoEnvironment read through the GUI-environment stores, and the finding that compares it.</summary>
    public sealed class GuiEnvironmentSourceTests : IDisposable
    {
        private const string Systemctl = "/usr/bin/systemctl";
        private readonly string _root = Path.Combine(Path.GetTempPath(), "goenvtools-guisrc-" + Guid.NewGuid().ToString("N"));
        private readonly Hashtable _environment;

        public GuiEnvironmentSourceTests()
        {
            Directory.CreateDirectory(Path.Combine(_root, "cfg", "environment.d"));
            _environment = new Hashtable { ["HOME"] = _root, ["XDG_CONFIG_HOME"] = Path.Combine(_root, "cfg"), ["PATH"] = "/usr/bin:/bin" };
        }

        public void Dispose() => Directory.Delete(_root, recursive: true);

        [Fact]
        public void AnsweringUserManager_GivesTheWholeEnvironment()
        {
            var runner = new FakeChildProcessRunner(r => FakeChildProcessRunner.Exited(0, Encoding.UTF8.GetBytes("PATH=/usr/local/bin:/usr/bin\nGOPROXY=https://proxy.example\n")));
            var source = new StoreGuiEnvironmentSource(() => new EnvironmentDStore(Path.Combine(_root, "cfg"), runner, _environment, Systemctl, null));

            GuiEnvironmentEvidence gui = source.Read();

            Assert.True(gui.Available);
            Assert.True(gui.Complete);
            Assert.Equal(GuiEnvironmentStore.EnvironmentD, gui.Store);
            Assert.Equal("/usr/local/bin:/usr/bin", gui.Variables!["PATH"]);
            Assert.Contains("show-environment", gui.Description, StringComparison.Ordinal);
            Assert.Contains("Log out and in", gui.RestartNeeded, StringComparison.Ordinal);
        }

        [Fact]
        public void WithoutAUserManager_SystemdsGeneratorGivesWhatEnvironmentDAdds()
        {
            string generator = EnvironmentDStore.FindGenerator(File.Exists)
                ?? throw new InvalidOperationException("systemd's environment.d generator is missing: install the Debian package 'systemd'.");
            File.WriteAllText(Path.Combine(_root, "cfg", "environment.d", "50-mine.conf"), "GOFLAGS=-mod=mod\nPATH=/opt/go/bin:$PATH\n");
            var runner = new SystemctlFails();
            var source = new StoreGuiEnvironmentSource(() => new EnvironmentDStore(Path.Combine(_root, "cfg"), runner, _environment, Systemctl, generator));

            GuiEnvironmentEvidence gui = source.Read();

            Assert.True(gui.Available);
            Assert.False(gui.Complete);
            Assert.Equal("-mod=mod", gui.Variables!["GOFLAGS"]);
            Assert.Equal("/opt/go/bin:/usr/bin:/bin", gui.Variables["PATH"]);
            Assert.StartsWith("environment.d as the user manager reads it", gui.Description, StringComparison.Ordinal);
        }

        [Fact]
        public void NoManagerAndNoGenerator_OrNoStore_IsNotAvailable_AndSaidAsGoenv016()
        {
            var withoutEither = new StoreGuiEnvironmentSource(() => new EnvironmentDStore(Path.Combine(_root, "cfg"), new SystemctlFails(), _environment, Systemctl, null));
            GuiEnvironmentEvidence none = withoutEither.Read();
            Assert.False(none.Available);
            Assert.Contains("generator is not installed", none.Description, StringComparison.Ordinal);

            var throwing = new StoreGuiEnvironmentSource(() => throw new InvalidOperationException("HOME is not set."));
            GuiEnvironmentEvidence noHome = throwing.Read();
            Assert.False(noHome.Available);
            Assert.Contains("HOME is not set", noHome.Description, StringComparison.Ordinal);

            var evidence = new DiagnosisEvidence { Platform = SnapshotPlatform.Linux, Gui = noHome };
            Assert.Contains(DiagnosisEngine.Analyze(evidence), f => f.Id == FindingIds.GuiEnvironmentUnavailable && f.Detail.Contains("HOME is not set", StringComparison.Ordinal));
        }

        [Fact]
        public void SlowShellThatAlonePutsGoOnPath_IsFixedInTheGuiEnvironment_AfterTheSettings()
        {
            DiagnosisEvidence evidence = SlowShell(new GuiEnvironmentEvidence
            {
                Available = true,
                Complete = true,
                Description = "systemd user manager",
                Variables = Env(("PATH", "/usr/bin:/bin")),
                StorePath = "/home/me/.config/environment.d/60-goenvtools.conf",
                RestartNeeded = "Log out and in",
            });

            var findings = DiagnosisEngine.Analyze(evidence);

            Assert.Equal(new[] { FindingIds.SlowShell, FindingIds.GuiPathLacksGo }, findings.Select(f => f.Id).ToArray());
            GoEnvFinding gui = findings[1];
            Assert.Equal(Severity.Warning, gui.Severity);
            Assert.Equal("Set-GuiEnvironmentVariable -Name 'PATH' -Value '/opt/go/bin:/usr/bin:/bin'", gui.Fix);
            RepairAction action = gui.Repair.Single();
            Assert.Equal((RepairKind.GuiEnvironment, "Log out and in"), (action.Kind, action.RestartNeeded));
            Assert.Equal("/home/me/.config/environment.d/60-goenvtools.conf", gui.Evidence[0].File);

            var settings = new GoEnvFinding { Id = FindingIds.GoMissing, Repair = new[] { DiagnosisEngine.PrependPath(null, "/opt/go/bin") } };
            Assert.Equal(new[] { FindingIds.GoMissing, FindingIds.GuiPathLacksGo }, RepairPlanner.Order(new[] { gui, settings }).Select(r => r.FindingId).ToArray());
        }

        [Fact]
        public void PartialSourceWithoutPath_UsesTheLoginShellsPath_AndTheSessionDefaultsCount()
        {
            var partial = new GuiEnvironmentEvidence { Available = true, Complete = false, Description = "environment.d", Variables = Env(("GOFLAGS", "-mod=mod")) };
            GoEnvFinding finding = DiagnosisEngine.Analyze(SlowShell(partial)).Single(f => f.Id == FindingIds.GuiPathLacksGo);
            Assert.Equal("/opt/go/bin:/usr/bin", finding.Repair.Single().Parameters["Value"]);

            // A go in a folder every session's PATH holds needs nothing.
            DiagnosisEvidence system = SlowShell(partial, go: "/usr/local/bin/go");
            Assert.DoesNotContain(DiagnosisEngine.Analyze(system), f => f.Id == FindingIds.GuiPathLacksGo);
        }

        [Fact]
        public void GuiPathThatHoldsGo_OrAFastShell_IsNoFinding()
        {
            var holds = new GuiEnvironmentEvidence { Available = true, Complete = true, Description = "m", Variables = Env(("PATH", "/opt/go/bin:/usr/bin")) };
            Assert.Equal(new[] { FindingIds.SlowShell }, DiagnosisEngine.Analyze(SlowShell(holds)).Select(f => f.Id).ToArray());

            var lacks = new GuiEnvironmentEvidence { Available = true, Complete = true, Description = "m", Variables = Env(("PATH", "/usr/bin")) };
            DiagnosisEvidence fast = SlowShell(lacks);
            fast.LoginShell!.ElapsedMilliseconds = 400;
            Assert.Empty(DiagnosisEngine.Analyze(fast));
        }

        // No gopls (an Isolated run), a login shell that takes 4.2 s and finds go in /opt/go/bin.
        private static DiagnosisEvidence SlowShell(GuiEnvironmentEvidence gui, string go = "/opt/go/bin/go")
        {
            var evidence = new DiagnosisEvidence
            {
                Platform = SnapshotPlatform.Linux,
                LoginShell = new ShellEvidence
                {
                    Shell = "/bin/bash",
                    Snapshot = new GoEnvSnapshot { Source = "shell /bin/bash -i -l -c", Variables = Env(("PATH", Path.GetDirectoryName(go) + ":/usr/bin")), ElapsedMilliseconds = 4200 },
                    ElapsedMilliseconds = 4200,
                    Timeout = TimeSpan.FromSeconds(10),
                },
                ShellGoBinary = go,
                Gui = gui,
            };
            // Gopls present so that GOENV015 does not join the findings.
            evidence.Gopls.Add(new GoplsEvidence(new GoplsEnvironment
            {
                ProcessId = 7, Editor = Editor.Code, EnvironmentStatus = EnvironmentStatus.Ok, Environment = Env(("PATH", Path.GetDirectoryName(go) + ":/usr/bin")),
                GoBinary = go, PathEntries = new[] { Path.GetDirectoryName(go)!, "/usr/bin" },
            })
            { GoBinaryRealPath = go });
            evidence.ShellGoRealPath = go;
            return evidence;
        }

        private static OrderedDictionary Env(params (string Name, string Value)[] pairs)
        {
            var env = new OrderedDictionary(StringComparer.Ordinal);
            foreach ((string name, string value) in pairs)
            {
                env[name] = value;
            }

            return env;
        }

        // systemctl finds no bus; systemd's generator really runs.
        private sealed class SystemctlFails : IChildProcessRunner
        {
            private readonly PosixChildProcessRunner _real = new PosixChildProcessRunner(CancellationToken.None);

            public ChildProcessResult Run(ChildProcessRequest request) =>
                request.FileName == Systemctl
                    ? FakeChildProcessRunner.Exited(1, Array.Empty<byte>(), "Failed to connect to bus: No medium found")
                    : _real.Run(request);
        }
    }
}
