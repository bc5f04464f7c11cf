using System;
using System.Collections.Specialized;
using System.Linq;
using Xunit;

namespace GoEnvTools.Tests.Diagnosis
{
    public class DiagnosisEngineTests
    {
        private const string Token = "ghp_abcdefghijklmnopqrstuvwxyz0123456789";

        private static OrderedDictionary Env(params (string Name, string Value)[] pairs)
        {
            var env = new OrderedDictionary(StringComparer.Ordinal);
            foreach ((string name, string value) in pairs)
            {
                env[name] = value;
            }

            return env;
        }

        private static GoEnvResult GoEnv(string version, params (string Name, string Value)[] pairs) =>
            new GoEnvResult { GoBinary = "/usr/local/go/bin/go", GoVersion = version, Values = Env(pairs) };

        // A gopls of VS Code that finds /usr/local/go/bin/go, and a login shell that finds the same go.
        private static (DiagnosisEvidence Evidence, GoplsEvidence Gopls) Scene(OrderedDictionary goplsEnv, OrderedDictionary shellEnv, OrderedDictionary? extensionHost = null)
        {
            var process = new GoplsEnvironment
            {
                ProcessId = 4242,
                Editor = Editor.Code,
                EnvironmentStatus = EnvironmentStatus.Ok,
                Environment = goplsEnv,
                GoBinary = "/usr/local/go/bin/go",
                PathEntries = ((string)goplsEnv["PATH"]!).Split(':'),
            };
            var gopls = new GoplsEvidence(process)
            {
                ExtensionHostEnvironment = extensionHost,
                GoEnv = GoEnv("go1.22.1", ("GOPATH", "/home/me/go"), ("GOPROXY", "https://proxy.golang.org,direct"), ("GOFLAGS", "")),
                GoBinaryRealPath = "/usr/local/go/bin/go",
            };
            var evidence = new DiagnosisEvidence
            {
                Platform = SnapshotPlatform.Linux,
                LoginShell = new ShellEvidence
                {
                    Shell = "/bin/zsh",
                    Snapshot = new GoEnvSnapshot { Source = "shell /bin/zsh -i -l -c", Variables = shellEnv, ElapsedMilliseconds = 120 },
                    ElapsedMilliseconds = 120,
                    Timeout = TimeSpan.FromSeconds(10),
                },
                ShellGoEnv = GoEnv("go1.22.1", ("GOPATH", "/home/me/go"), ("GOPROXY", "https://proxy.golang.org,direct"), ("GOFLAGS", "")),
                ShellGoBinary = "/usr/local/go/bin/go",
                ShellGoRealPath = "/usr/local/go/bin/go",
                Gui = new GuiEnvironmentEvidence { Available = true, Complete = true, Description = "test", Variables = Env(("PATH", "/usr/local/go/bin:/usr/bin")) },
            };
            evidence.Gopls.Add(gopls);
            return (evidence, gopls);
        }

        [Fact]
        public void ValuesVsCodeGoFillsFromGoEnv_AreNotDifferences()
        {
            // vscode-go put GOPATH and GOPROXY into gopls's environment from go env; the shell leaves them to go env.
            var (evidence, _) = Scene(
                Env(("PATH", "/usr/local/go/bin:/usr/bin"), ("GOPATH", "/home/me/go"), ("GOPROXY", "https://proxy.golang.org,direct")),
                Env(("PATH", "/usr/local/go/bin:/usr/bin")));

            Assert.Empty(DiagnosisEngine.Analyze(evidence));
        }

        [Fact]
        public void GoVariableTheExtensionHostLacks_IsFixedWithGoEnvW_ElseWithToolsEnvVars()
        {
            var goplsEnv = Env(("PATH", "/usr/local/go/bin"));
            var shellEnv = Env(("PATH", "/usr/local/go/bin"), ("GOFLAGS", "-mod=mod"));
            var (lacking, _) = Scene(goplsEnv, shellEnv, extensionHost: Env(("PATH", "/usr/bin")));
            GoEnvFinding viaFile = Assert.Single(DiagnosisEngine.Analyze(lacking));
            Assert.Equal(FindingIds.VariableDiffers, viaFile.Id);
            Assert.Equal("Set-GoEnvConfig -Name 'GOFLAGS' -Value '-mod=mod'", viaFile.Fix);
            Assert.Equal(RepairKind.GoEnvConfig, viaFile.Repair.Single().Kind);
            Assert.Equal("/usr/local/go/bin/go", viaFile.Repair.Single().GoBinary);

            var conflicting = Env(("PATH", "/usr/local/go/bin"), ("GOFLAGS", "-tags=old"));
            var (present, _) = Scene(conflicting, shellEnv, extensionHost: Env(("PATH", "/usr/bin"), ("GOFLAGS", "-tags=old")));
            GoEnvFinding viaSettings = Assert.Single(DiagnosisEngine.Analyze(present));
            Assert.Equal("Set-VsCodeGoToolsEnv -Editor 'Code' -Variable @{ GOFLAGS = '-mod=mod' }", viaSettings.Fix);
            Assert.Equal(RepairKind.Settings, viaSettings.Repair.Single().Kind);
        }

        [Fact]
        public void Secrets_AreRedactedInEvidenceFixAndReport_AndNotRepaired()
        {
            string proxy = "https://" + Token + "@proxy.example.test";
            var (evidence, _) = Scene(Env(("PATH", "/usr/local/go/bin"), ("GOPROXY", "https://proxy.golang.org,direct")), Env(("PATH", "/usr/local/go/bin"), ("GOPROXY", proxy)));

            GoEnvFinding finding = Assert.Single(DiagnosisEngine.Analyze(evidence));
            Assert.Equal(DiagnosisEngine.Redacted, finding.Evidence[0].ShellValue);
            Assert.DoesNotContain(Token, finding.Detail, StringComparison.Ordinal);
            Assert.Contains("<redacted>", finding.Fix, StringComparison.Ordinal);
            Assert.True(finding.Repair.Single().ContainsSecret);
            string report = DiagnosisReport.Format(new[] { finding }, evidence, "0.1.0", new DateTime(2026, 1, 2));
            Assert.DoesNotContain(Token, report, StringComparison.Ordinal);
            Assert.Contains("<redacted>", report, StringComparison.Ordinal);
        }

        [Fact]
        public void GoMissingFromGoplsPath_IsAnError_FixedByPrependingTheShellsGoFolder()
        {
            var (evidence, gopls) = Scene(Env(("PATH", "/usr/bin:/bin")), Env(("PATH", "/opt/go/bin:/usr/bin")));
            gopls.Process.GoBinary = null;
            gopls.GoEnv = null;
            gopls.GoBinaryRealPath = null;
            evidence.ShellGoBinary = "/opt/go/bin/go";

            GoEnvFinding finding = Assert.Single(DiagnosisEngine.Analyze(evidence));
            Assert.Equal(FindingIds.GoMissing, finding.Id);
            Assert.Equal(Severity.Error, finding.Severity);
            Assert.Equal("Set-VsCodeGoToolsEnv -Editor 'Code' -PrependPath '/opt/go/bin'", finding.Fix);
        }

        [Fact]
        public void NoGoplsAndNoGuiStore_AreSaid_AndAShellWithoutGoIsAnError()
        {
            var (evidence, _) = Scene(Env(("PATH", "/usr/bin")), Env(("PATH", "/usr/bin")));
            evidence.Gopls.Clear();
            evidence.ShellGoBinary = null;
            evidence.Gui = new UnavailableGuiEnvironmentSource().Read();

            string[] ids = DiagnosisEngine.Analyze(evidence).Select(f => f.Id).ToArray();
            Assert.Equal(new[] { FindingIds.NoGoAnywhere, FindingIds.NoGopls, FindingIds.GuiEnvironmentUnavailable }, ids);
        }

        [Fact]
        public void SlowAndFailedLoginShells_AreWarningAndError()
        {
            var (slow, _) = Scene(Env(("PATH", "/usr/local/go/bin")), Env(("PATH", "/usr/local/go/bin")));
            slow.LoginShell!.ElapsedMilliseconds = 4200;
            Assert.Equal(FindingIds.SlowShell, Assert.Single(DiagnosisEngine.Analyze(slow)).Id);

            var (failed, _) = Scene(Env(("PATH", "/usr/local/go/bin")), Env(("PATH", "/usr/local/go/bin")));
            failed.LoginShell = new ShellEvidence { Shell = "/bin/bash", TimedOut = true, Error = "did not finish", Timeout = TimeSpan.FromSeconds(10) };
            GoEnvFinding finding = Assert.Single(DiagnosisEngine.Analyze(failed));
            Assert.Equal((FindingIds.ShellFailed, Severity.Error), (finding.Id, finding.Severity));
        }

        [Fact]
        public void Repairs_RunInThePreferredOrder_EachOnce()
        {
            var wrapper = new RepairAction(RepairKind.Wrapper, "Install-GoWrapper", new OrderedDictionary { ["SetAlternateTool"] = true }, "VS Code");
            var settings = DiagnosisEngine.PrependPath(null, "/opt/go/bin");
            var goEnv = DiagnosisEngine.SetVariable(null, "GOPRIVATE", "corp.example/*", goplsLacks: true, secret: false);
            var findings = new[]
            {
                new GoEnvFinding { Id = "GOENV009", Repair = new[] { wrapper } },
                new GoEnvFinding { Id = "GOENV001", Repair = new[] { settings } },
                new GoEnvFinding { Id = "GOENV006", Repair = new[] { DiagnosisEngine.PrependPath(null, "/opt/go/bin") } },
                new GoEnvFinding { Id = "GOENV003", Repair = new[] { goEnv } },
            };

            var order = RepairPlanner.Order(findings);
            Assert.Equal(new[] { "GOENV003", "GOENV001", "GOENV009" }, order.Select(r => r.FindingId).ToArray());
        }

        [Fact]
        public void CommandLines_AreQuotedForPowerShell()
        {
            var parameters = new OrderedDictionary
            {
                ["Path"] = "/home/o'neil/settings.json",
                ["Variable"] = new OrderedDictionary { ["PATH"] = "/opt/go/bin:${env:PATH}", ["CGO-X"] = "a b" },
                ["PrependPath"] = new[] { "/a", "/b c" },
                ["SetAlternateTool"] = true,
            };

            Assert.Equal(
                "Cmd -Path '/home/o''neil/settings.json' -Variable @{ PATH = '/opt/go/bin:${env:PATH}'; 'CGO-X' = 'a b' } -PrependPath '/a', '/b c' -SetAlternateTool",
                PowerShellCommandLine.Format("Cmd", parameters));
        }

        [Fact]
        public void SettingsRepairs_AreOperations_NotParsedCommandLines()
        {
            var remove = new RepairAction(RepairKind.Settings, "Repair-GoEnvironment", new OrderedDictionary(), "VS Code")
            {
                RemoveSettings = new[] { "go.goroot", "go.alternateTools.go" },
            };
            var operations = RepairPlanner.SettingsOperations(remove);
            Assert.Equal(new[] { "go.goroot", "go.alternateTools.go" }, operations.Select(o => o.Key).ToArray());
            Assert.All(operations, o => Assert.True(o.IsRemove));

            var prepend = RepairPlanner.SettingsOperations(DiagnosisEngine.PrependPath(null, "/opt/go/bin")).Single();
            Assert.Equal(new[] { "/opt/go/bin" }, prepend.PrependEntries);
            Assert.Equal("go.toolsEnvVars.PATH", prepend.Key);
        }
    }
}
