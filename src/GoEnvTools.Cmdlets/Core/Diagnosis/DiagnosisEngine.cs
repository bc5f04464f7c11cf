using System;
using System.Collections;
using System.Collections.Generic;
using System.Collections.Specialized;
using System.Globalization;
using System.IO;

namespace GoEnvTools
{
    /// <summary>
    /// Turns what was read into findings. Pure: it reads no file, process or clock, so every finding can be tested
    /// from a hand-made <see cref="DiagnosisEvidence"/>.
    /// </summary>
    public static class DiagnosisEngine
    {
        public const string Redacted = "<redacted>";

        private const string SetToolsEnv = "Set-VsCodeGoToolsEnv";
        private const string ToolsEnvRestart = "gopls: vscode-go restarts it when go.toolsEnvVars changes (else run \"Go: Restart Language Server\")";
        private const string SettingsRestart = "VS Code: run \"Developer: Reload Window\" so vscode-go reads the settings again";
        private const string GuiRestart = "the desktop session (log out and in), then VS Code (quit it fully and start it again)";
        private const string GoEnvRestart = "VS Code: run \"Developer: Reload Window\" so vscode-go and gopls read the go env file again";

        // The variables that decide what go and gopls do, compared between gopls and the login shell (CGO_* are added as found).
        private static readonly string[] s_goVariables =
        {
            "GOROOT", "GOPATH", "GOPROXY", "GOPRIVATE", "GONOPROXY", "GONOSUMDB", "GOSUMDB", "GOINSECURE", "GOFLAGS",
            "GOTOOLCHAIN", "GOBIN", "GOMODCACHE", "GOENV", "GOWORK", "PKG_CONFIG_PATH",
        };

        // The folders every session's PATH holds (systemd's default for its managers, and what login programs set), so a go
        // there is found even when a partial GUI-environment source does not list PATH.
        private static readonly string[] s_sessionDefaultPath = { "/usr/local/sbin", "/usr/local/bin", "/usr/sbin", "/usr/bin", "/sbin", "/bin" };

        public static List<GoEnvFinding> Analyze(DiagnosisEvidence evidence)
        {
            if (evidence is null)
            {
                throw new ArgumentNullException(nameof(evidence));
            }

            var findings = new List<GoEnvFinding>();
            CheckShell(evidence, findings);
            CheckGopls(evidence, findings);
            CheckInteractiveOnly(evidence, findings);
            CheckSettings(evidence, findings);
            CheckGui(evidence, findings);
            findings.Sort((a, b) =>
            {
                int bySeverity = a.Severity.CompareTo(b.Severity);
                int byId = string.CompareOrdinal(a.Id, b.Id);
                return bySeverity != 0 ? bySeverity : byId != 0 ? byId : string.CompareOrdinal(a.Title, b.Title);
            });
            foreach (GoEnvFinding finding in findings)
            {
                foreach (RepairAction action in finding.Repair)
                {
                    if (action.Kind == RepairKind.GoEnvConfig)
                    {
                        action.GoBinary = evidence.ShellGoBinary ?? evidence.InteractiveGoBinary;
                    }
                }

                finding.Fix = RepairPlanner.FixLine(finding);
            }

            return findings;
        }

        private static void CheckShell(DiagnosisEvidence evidence, List<GoEnvFinding> findings)
        {
            ShellEvidence? shell = evidence.LoginShell;
            if (shell is null)
            {
                return;
            }

            string timeout = shell.Timeout.TotalSeconds.ToString("0.###", CultureInfo.InvariantCulture);
            if (shell.Snapshot is null)
            {
                findings.Add(new GoEnvFinding
                {
                    Id = FindingIds.ShellFailed,
                    Severity = Severity.Error,
                    Title = shell.TimedOut ? $"The login shell did not finish within {timeout} s" : "The login shell gave VS Code no environment",
                    Detail = (shell.TimedOut
                        ? "VS Code stops waiting for the login shell and starts without the variables your start-up files set (\"Unable to resolve your shell environment in a reasonable time\"). "
                        : "VS Code keeps none of the variables of a login shell that fails. ") +
                        shell.Error +
                        " Make the start-up files finish quickly (they can test VSCODE_RESOLVING_ENVIRONMENT=1 to skip slow work); until then put what gopls needs in go.toolsEnvVars.",
                    Evidence = new[] { new FindingEvidence { Subject = "login shell", Value = shell.Shell, ShellValue = shell.ElapsedMilliseconds is long ms ? ms + " ms" : null } },
                });
                return;
            }

            long elapsed = shell.ElapsedMilliseconds ?? 0;
            if (elapsed > (long)ShellEnvironmentResolver.SlowThreshold.TotalMilliseconds)
            {
                findings.Add(new GoEnvFinding
                {
                    Id = FindingIds.SlowShell,
                    Severity = Severity.Warning,
                    Title = $"The login shell takes {elapsed / 1000.0:0.0} s to start",
                    Detail = $"{shell.Snapshot.Source} took {elapsed} ms. VS Code waits {timeout} s at most and then starts without your shell's variables, " +
                             "so on a busy day gopls may not get them. Start-up files can test VSCODE_RESOLVING_ENVIRONMENT=1 to skip slow work (version managers, network calls).",
                    Evidence = new[] { new FindingEvidence { Subject = "login shell", Value = shell.Shell, ShellValue = elapsed + " ms" } },
                });
            }
        }

        private static void CheckGopls(DiagnosisEvidence evidence, List<GoEnvFinding> findings)
        {
            OrderedDictionary? shellEnv = evidence.LoginShell?.Variables;
            if (evidence.Gopls.Count == 0)
            {
                findings.Add(new GoEnvFinding
                {
                    Id = FindingIds.NoGopls,
                    Severity = Severity.Info,
                    Title = "No gopls is running: diagnosed from the settings and shells alone",
                    Detail = (evidence.ProcessTableError is null ? "No gopls process of this user was found. " : "The process table could not be read: " + evidence.ProcessTableError + " ") +
                             "Open a Go file in VS Code (which starts gopls) and run Test-GoEnvironment again to compare gopls's real environment with your shell's.",
                });

                if (shellEnv is not null && evidence.ShellGoBinary is null && evidence.InteractiveGoBinary is null)
                {
                    findings.Add(NoGoAnywhere(evidence, null));
                }

                return;
            }

            foreach (GoplsEvidence gopls in evidence.Gopls)
            {
                CheckOneGopls(evidence, gopls, findings);
            }
        }

        private static void CheckOneGopls(DiagnosisEvidence evidence, GoplsEvidence gopls, List<GoEnvFinding> findings)
        {
            GoplsEnvironment process = gopls.Process;
            int pid = process.ProcessId;
            OrderedDictionary? env = process.Environment;
            if (env is null)
            {
                findings.Add(new GoEnvFinding
                {
                    Id = FindingIds.GoplsUnreadable,
                    Severity = Severity.Warning,
                    Title = $"The environment of gopls {pid} cannot be read ({process.EnvironmentStatus})",
                    Detail = $"gopls {pid} runs, but its environment could not be read: {process.EnvironmentError}. Run Test-GoEnvironment as the user who runs VS Code; the other checks still ran.",
                    ProcessId = pid,
                    Evidence = new[] { new FindingEvidence { Subject = "EnvironmentStatus", Value = process.EnvironmentStatus.ToString(), ProcessId = pid } },
                });
                return;
            }

            CheckSandbox(process, findings);
            string? cli = Get(env, "VSCODE_CLI") ?? Get(gopls.ExtensionHostEnvironment, "VSCODE_CLI");
            if (cli is not null)
            {
                findings.Add(new GoEnvFinding
                {
                    Id = FindingIds.StartedFromTerminal,
                    Severity = Severity.Info,
                    Title = "VS Code was started from a terminal (code CLI): gopls has that terminal's environment",
                    Detail = "VS Code started by the code command skips its login-shell resolution and keeps the environment of the terminal it was started from. " +
                             "Started from the desktop it would get the login shell's instead, so what works now may not work then: compare with the login shell's values below.",
                    ProcessId = pid,
                    Evidence = new[] { new FindingEvidence { Subject = "VSCODE_CLI", GoplsValue = cli, ProcessId = pid } },
                });
            }

            ShellEvidence? shell = evidence.LoginShell;
            OrderedDictionary? shellEnv = shell?.Variables;
            string? shellGo = evidence.ShellGoBinary ?? evidence.InteractiveGoBinary;
            bool differentGo = false;
            if (process.GoBinary is null)
            {
                if (shellGo is not null)
                {
                    string dir = DirectoryOf(shellGo);
                    findings.Add(new GoEnvFinding
                    {
                        Id = FindingIds.GoMissing,
                        Severity = Severity.Error,
                        Title = "gopls cannot find go on its PATH, while your shell finds " + shellGo,
                        Detail = $"gopls {pid} looks for go on its own PATH, and none of its entries holds go; VS Code reports \"Failed to find the go binary\" and gopls cannot load packages. " +
                                 $"Your {(evidence.ShellGoBinary is null ? "interactive" : "login")} shell finds {shellGo}. Putting {dir} first on go.toolsEnvVars's PATH makes it gopls's PATH.",
                        ProcessId = pid,
                        Evidence = new[] { new FindingEvidence { Subject = "PATH", GoplsValue = Get(env, "PATH"), ShellValue = Get(shellEnv, "PATH"), TerminalValue = Get(evidence.Terminal, "PATH"), ProcessId = pid } },
                        Repair = new[] { PrependPath(process, dir) },
                    });
                }
                else if (shellEnv is not null)
                {
                    findings.Add(NoGoAnywhere(evidence, pid));
                }
            }
            else if (shellGo is not null && gopls.GoBinaryRealPath is string goplsReal && evidence.ShellGoRealPath is string shellReal
                     && !string.Equals(goplsReal, shellReal, evidence.Windows ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal))
            {
                differentGo = true;
                string dir = DirectoryOf(shellGo);
                string? goplsVersion = gopls.GoEnv?.GoVersion;
                string? shellVersion = evidence.ShellGoEnv?.GoVersion;
                bool versionsDiffer = goplsVersion is not null && shellVersion is not null && !string.Equals(goplsVersion, shellVersion, StringComparison.Ordinal);
                findings.Add(new GoEnvFinding
                {
                    Id = versionsDiffer ? FindingIds.GoVersionDiffers : FindingIds.OtherGo,
                    Severity = Severity.Warning,
                    Title = versionsDiffer
                        ? $"gopls runs {goplsVersion}, your shell {shellVersion}"
                        : "gopls runs a different go than your shell",
                    Detail = $"gopls {pid} finds {process.GoBinary} on its PATH; your login shell finds {shellGo}. " +
                             (versionsDiffer
                                 ? "Different Go releases accept different go.mod go lines and standard library APIs, so gopls may report errors that go build does not (or the reverse). "
                                 : "The two may have different GOROOTs and go env files. ") +
                             $"Putting {dir} first on go.toolsEnvVars's PATH makes gopls use your shell's go.",
                    ProcessId = pid,
                    Evidence = new[]
                    {
                        new FindingEvidence { Subject = "go", GoplsValue = process.GoBinary, ShellValue = shellGo, ProcessId = pid },
                        new FindingEvidence { Subject = "GOVERSION", GoplsValue = goplsVersion, ShellValue = shellVersion, ProcessId = pid },
                    },
                    Repair = new[] { PrependPath(process, dir) },
                });
            }

            if (shellEnv is not null)
            {
                CheckVariables(evidence, gopls, shellEnv, differentGo, findings);
            }
        }

        private static GoEnvFinding NoGoAnywhere(DiagnosisEvidence evidence, int? pid) => new GoEnvFinding
        {
            Id = FindingIds.NoGoAnywhere,
            Severity = Severity.Error,
            Title = pid is null ? "Your login shell finds no go" : "Neither gopls nor your login shell finds go",
            Detail = "No go is on the PATH of the login shell VS Code starts" + (pid is null ? string.Empty : " nor on gopls's PATH") +
                     ". Install Go (https://go.dev/dl/) or add the folder that holds go to PATH in your login shell's start-up file (~/.profile, ~/.zprofile); " +
                     "then run Test-GoEnvironment again.",
            ProcessId = pid,
            Evidence = new[] { new FindingEvidence { Subject = "PATH", ShellValue = Get(evidence.LoginShell?.Variables, "PATH"), TerminalValue = Get(evidence.Terminal, "PATH"), ProcessId = pid } },
        };

        private static void CheckSandbox(GoplsEnvironment process, List<GoEnvFinding> findings)
        {
            string? sandbox = null;
            string? subject = null;
            foreach (string name in new[] { "FLATPAK_ID", "SNAP_NAME", "SNAP" })
            {
                if (process.GetVariable(name) is string value)
                {
                    sandbox = name.StartsWith("FLATPAK", StringComparison.Ordinal) ? "Flatpak" : "Snap";
                    subject = name + "=" + value;
                    break;
                }
            }

            if (sandbox is null)
            {
                foreach (ProcessInfo ancestor in process.Ancestors)
                {
                    string? exe = ancestor.ExecutablePath;
                    if (exe is not null && (exe.StartsWith("/snap/", StringComparison.Ordinal) || exe.StartsWith("/app/", StringComparison.Ordinal)))
                    {
                        sandbox = exe.StartsWith("/snap/", StringComparison.Ordinal) ? "Snap" : "Flatpak";
                        subject = exe;
                        break;
                    }
                }
            }

            if (sandbox is null)
            {
                return;
            }

            findings.Add(new GoEnvFinding
            {
                Id = FindingIds.Sandbox,
                Severity = Severity.Warning,
                Title = $"VS Code runs in a {sandbox} sandbox",
                Detail = $"gopls {process.ProcessId} runs inside VS Code's {sandbox} sandbox, which has its own file system and environment: Go installed on the host, " +
                         "your shell's start-up files and the GUI environment may not reach it. Install VS Code from its .deb/.rpm or tarball, " +
                         (sandbox == "Flatpak" ? "or give the sandbox the host's Go (flatpak override --user --filesystem=host --env=PATH=...). " : "or use the classic-confinement snap. ") +
                         "The other findings are what the sandbox sees.",
                ProcessId = process.ProcessId,
                Evidence = new[] { new FindingEvidence { Subject = "sandbox", Value = subject, ProcessId = process.ProcessId } },
            });
        }

        private static void CheckVariables(DiagnosisEvidence evidence, GoplsEvidence gopls, OrderedDictionary shellEnv, bool differentGo, List<GoEnvFinding> findings)
        {
            OrderedDictionary env = gopls.Process.Environment!;
            bool bothGoEnv = gopls.GoEnv is not null && evidence.ShellGoEnv is not null;
            var names = new List<string>(s_goVariables);
            foreach (OrderedDictionary? source in new[] { env, shellEnv })
            {
                foreach (DictionaryEntry entry in source!)
                {
                    string name = (string)entry.Key;
                    if (name.StartsWith("CGO_", StringComparison.Ordinal) && !names.Contains(name))
                    {
                        names.Add(name);
                    }
                }
            }

            foreach (string name in names)
            {
                if (differentGo && name == "GOROOT")
                {
                    continue;
                }

                string? goplsRaw = Get(env, name);
                string? shellRaw = Get(shellEnv, name);
                string? goplsValue;
                string? shellValue;
                if (bothGoEnv)
                {
                    goplsValue = goplsRaw ?? (gopls.GoEnv!.Values[name] as string);
                    shellValue = shellRaw ?? (evidence.ShellGoEnv!.Values[name] as string);
                }
                else
                {
                    if (shellRaw is null)
                    {
                        continue;
                    }

                    goplsValue = goplsRaw;
                    shellValue = shellRaw;
                }

                if (string.Equals(Empty(goplsValue), Empty(shellValue), StringComparison.Ordinal))
                {
                    continue;
                }

                bool secret = SecretDetector.IsSecret(name, goplsValue) || SecretDetector.IsSecret(name, shellValue);
                bool goplsLacks = gopls.ExtensionHostEnvironment is OrderedDictionary host
                    ? Get(host, name) is null && !InToolsEnvVars(evidence, name)
                    : goplsRaw is null;
                RepairAction fix = SetVariable(gopls.Process, name, shellValue ?? string.Empty, goplsLacks && shellRaw is not null, secret);
                findings.Add(new GoEnvFinding
                {
                    Id = FindingIds.VariableDiffers,
                    Severity = Severity.Warning,
                    Title = $"{name} differs between gopls and your login shell",
                    Detail = $"gopls {gopls.Process.ProcessId} uses {name}={Show(name, goplsValue)}; your login shell {(shellRaw is null ? "(through go env)" : "exports")} {name}={Show(name, shellValue)}. " +
                             (fix.Kind == RepairKind.GoEnvConfig
                                 ? $"gopls's environment does not set {name}, so writing it to the go env file (go env -w) reaches gopls and every go it runs."
                                 : $"gopls's process environment sets {name}{(goplsRaw is null ? " through vscode-go" : string.Empty)}, which wins over the go env file, so the fix is go.toolsEnvVars."),
                    ProcessId = gopls.Process.ProcessId,
                    Evidence = new[]
                    {
                        new FindingEvidence
                        {
                            Subject = name,
                            GoplsValue = Show(name, goplsValue),
                            ShellValue = Show(name, shellValue),
                            TerminalValue = Show(name, Get(evidence.Terminal, name)),
                            ProcessId = gopls.Process.ProcessId,
                        },
                    },
                    Repair = new[] { fix },
                });
            }
        }

        private static void CheckInteractiveOnly(DiagnosisEvidence evidence, List<GoEnvFinding> findings)
        {
            OrderedDictionary? login = evidence.LoginShell?.Variables;
            OrderedDictionary? interactive = evidence.InteractiveShell?.Variables;
            if (login is null || interactive is null)
            {
                return;
            }

            GoplsEvidence? first = evidence.Gopls.Count > 0 ? evidence.Gopls[0] : null;
            GoplsEnvironment? process = first?.Process;
            foreach (DictionaryEntry entry in interactive)
            {
                string name = (string)entry.Key;
                string value = entry.Value as string ?? string.Empty;
                if (!IsGoRelevant(name) && name != "PATH")
                {
                    continue;
                }

                string? loginValue = Get(login, name);
                RepairAction? fix;
                if (name == "PATH")
                {
                    var missing = new List<string>();
                    var loginEntries = new HashSet<string>(PathLookup.Split(loginValue, evidence.Windows), StringComparer.Ordinal);
                    // Entries gopls already has are no longer a problem for it.
                    foreach (string dir in process?.PathEntries ?? Array.Empty<string>())
                    {
                        loginEntries.Add(dir);
                    }

                    foreach (string dir in PathLookup.Split(value, evidence.Windows))
                    {
                        if (dir.Length > 0 && !loginEntries.Contains(dir) && !missing.Contains(dir))
                        {
                            missing.Add(dir);
                        }
                    }

                    if (missing.Count == 0)
                    {
                        continue;
                    }

                    fix = PrependPath(process, missing.ToArray());
                    value = string.Join(PathLookup.Separator(evidence.Windows).ToString(), missing);
                }
                else
                {
                    string? goplsValue = process is null ? null : Get(process.Environment, name) ?? (first!.GoEnv?.Values[name] as string);
                    if (loginValue is not null || string.Equals(goplsValue, value, StringComparison.Ordinal))
                    {
                        continue;
                    }

                    fix = SetVariable(process, name, value, goplsLacks: true, SecretDetector.IsSecret(name, value));
                }

                findings.Add(new GoEnvFinding
                {
                    Id = FindingIds.InteractiveOnly,
                    Severity = Severity.Warning,
                    Title = $"{name} is set only for interactive non-login shells (.bashrc)",
                    Detail = $"An interactive bash that is not a login shell exports {name}={Show(name, value)}{(name == "PATH" ? " (entries the login shell lacks)" : string.Empty)}, " +
                             $"but the login shell VS Code starts ({evidence.LoginShell!.Snapshot!.Source}) does not: bash -l reads ~/.bash_profile or ~/.profile, which do not source ~/.bashrc here. " +
                             "Move the export to ~/.profile (or source ~/.bashrc from it), or apply the fix below.",
                    ProcessId = process?.ProcessId,
                    Evidence = new[] { new FindingEvidence { Subject = name, Value = Show(name, value), ShellValue = Show(name, loginValue) } },
                    Repair = new[] { fix },
                });
            }
        }

        private static void CheckSettings(DiagnosisEvidence evidence, List<GoEnvFinding> findings)
        {
            foreach (VsCodeGoSettings settings in evidence.Settings)
            {
                string file = settings.SettingsFile.Path;
                foreach (SettingsProblem problem in settings.Problems)
                {
                    if (problem.Key is null)
                    {
                        findings.Add(new GoEnvFinding
                        {
                            Id = FindingIds.SettingsUnparsable,
                            Severity = Severity.Error,
                            Title = $"The {settings.SettingsFile.Scope} settings file has errors: VS Code cannot write it",
                            Detail = $"{problem} VS Code ignores the settings after the error and refuses every change to the file, so no fix (of VS Code, vscode-go or this module) can be written. " +
                                     "Open the file and correct it at the line shown, then run Test-GoEnvironment again.",
                            Evidence = new[] { new FindingEvidence { Subject = "settings file", File = file, Line = problem.Line, Value = problem.Message } },
                        });
                    }
                    else if (GoSettingsReader.IsPinnedProblem(problem))
                    {
                        findings.Add(new GoEnvFinding
                        {
                            Id = FindingIds.PinnedPath,
                            Severity = Severity.Warning,
                            Title = $"{problem.Key} names one Go version's folder",
                            Detail = $"{problem.Key} in {file} (line {problem.Line}): {problem.Message}.",
                            Evidence = new[] { new FindingEvidence { Subject = problem.Key, Value = SettingValue(settings, problem.Key), File = file, Line = problem.Line } },
                        });
                    }
                    else if (problem.Key == "go.goroot")
                    {
                        var remove = new RepairAction(RepairKind.Settings, "Repair-GoEnvironment", new OrderedDictionary(), SettingsRestart)
                        {
                            SettingsPath = file,
                            RemoveSettings = new[] { "go.goroot" },
                        };
                        findings.Add(new GoEnvFinding
                        {
                            Id = FindingIds.GoRootInvalid,
                            Severity = Severity.Error,
                            Title = "go.goroot is not a GOROOT folder",
                            Detail = $"go.goroot in {file} (line {problem.Line}): {problem.Message}. vscode-go only uses a GOROOT folder there; " +
                                     "leave go.goroot out (the go on PATH knows its GOROOT), and put a wrapper script in go.alternateTools.gopls if you need one.",
                            Evidence = new[] { new FindingEvidence { Subject = "go.goroot", Value = settings.GoRoot, File = file, Line = problem.Line } },
                            Repair = new[] { remove },
                        });
                    }
                    else
                    {
                        findings.Add(new GoEnvFinding
                        {
                            Id = FindingIds.SettingIgnored,
                            Severity = Severity.Warning,
                            Title = $"{problem.Key} is ignored",
                            Detail = $"{problem}. Correct the value in the file.",
                            Evidence = new[] { new FindingEvidence { Subject = problem.Key, File = file, Line = problem.Line, Value = problem.Message } },
                        });
                    }
                }

                CheckAlternateGo(evidence, settings, findings);
                CheckTerminalOnly(evidence, settings, findings);
            }
        }

        private static void CheckAlternateGo(DiagnosisEvidence evidence, VsCodeGoSettings settings, List<GoEnvFinding> findings)
        {
            if (settings.AlternateTools?["go"] is not string wrapper || !evidence.AlternateGoWrappers.Contains(wrapper))
            {
                return;
            }

            string file = settings.SettingsFile.Path;
            var remove = new RepairAction(RepairKind.Settings, "Repair-GoEnvironment", new OrderedDictionary(), SettingsRestart)
            {
                SettingsPath = file,
                RemoveSettings = new[] { "go.alternateTools.go" },
            };
            var install = new RepairAction(RepairKind.Wrapper, "Install-GoWrapper", new OrderedDictionary { ["SetAlternateTool"] = true, ["Path"] = file }, SettingsRestart)
            {
                SettingsPath = file,
            };
            findings.Add(new GoEnvFinding
            {
                Id = FindingIds.AlternateGoWrapper,
                Severity = Severity.Warning,
                Title = "go.alternateTools.go points at a wrapper: gopls still runs the real go without your environment",
                Detail = $"go.alternateTools.go in {file} is {wrapper}, which is not a go binary of a GOROOT. With it set, vscode-go puts the real $GOROOT/bin first on gopls's PATH, " +
                         "so the go commands gopls runs bypass the wrapper and what it sets. Wrap gopls instead (go.alternateTools.gopls): gopls and every go it starts then get the wrapper's environment.",
                Evidence = new[] { new FindingEvidence { Subject = "go.alternateTools.go", Value = wrapper, File = file } },
                Repair = new[] { remove, install },
            });
        }

        private static void CheckTerminalOnly(DiagnosisEvidence evidence, VsCodeGoSettings settings, List<GoEnvFinding> findings)
        {
            if (settings.TerminalEnv is null)
            {
                return;
            }

            foreach (DictionaryEntry entry in settings.TerminalEnv)
            {
                string name = (string)entry.Key;
                if ((!IsGoRelevant(name) && name != "PATH") || entry.Value is not string value || InToolsEnvVars(evidence, name))
                {
                    continue;
                }

                bool secret = SecretDetector.IsSecret(name, value);
                var parameters = new OrderedDictionary
                {
                    ["Path"] = settings.SettingsFile.Path,
                    ["Variable"] = new OrderedDictionary { [name] = secret ? Redacted : value },
                };
                var fix = new RepairAction(RepairKind.Settings, SetToolsEnv, parameters, ToolsEnvRestart) { ContainsSecret = secret };
                findings.Add(new GoEnvFinding
                {
                    Id = FindingIds.TerminalOnly,
                    Severity = Severity.Warning,
                    Title = $"{name} is set for integrated terminals only, not for gopls",
                    Detail = $"terminal.integrated.env sets {name}={Show(name, value)} in {settings.SettingsFile.Path}, which reaches the terminals inside VS Code but never gopls or the Go tools. " +
                             "The same entry in go.toolsEnvVars reaches them.",
                    Evidence = new[] { new FindingEvidence { Subject = "terminal.integrated.env." + name, Value = Show(name, value), File = settings.SettingsFile.Path } },
                    Repair = new[] { fix },
                });
            }
        }

        private static void CheckGui(DiagnosisEvidence evidence, List<GoEnvFinding> findings)
        {
            if (!evidence.Gui.Available)
            {
                findings.Add(new GoEnvFinding
                {
                    Id = FindingIds.GuiEnvironmentUnavailable,
                    Severity = Severity.Info,
                    Title = "The GUI session environment was not checked",
                    Detail = "The environment the desktop gives the applications it starts was not compared: " + evidence.Gui.Description + ".",
                });
                return;
            }

            CheckGuiPath(evidence, findings);
        }

        /// <summary>
        /// A slow login shell that alone puts go on PATH: when VS Code, started from the desktop, gives up on it, VS Code and
        /// gopls have the desktop session's PATH only. Putting the folder on the session's PATH makes the shell's speed not matter.
        /// </summary>
        private static void CheckGuiPath(DiagnosisEvidence evidence, List<GoEnvFinding> findings)
        {
            ShellEvidence? shell = evidence.LoginShell;
            string? shellGo = evidence.ShellGoBinary;
            if (shell?.Variables is not OrderedDictionary login || shellGo is null || evidence.Windows
                || (shell.ElapsedMilliseconds ?? 0) <= (long)ShellEnvironmentResolver.SlowThreshold.TotalMilliseconds)
            {
                return;
            }

            string dir = DirectoryOf(shellGo);
            GuiEnvironmentEvidence gui = evidence.Gui;
            string? guiPath = Get(gui.Variables, "PATH");
            bool held = guiPath is not null
                ? Array.IndexOf(PathLookup.Split(guiPath, false), dir) >= 0
                : !gui.Complete && Array.IndexOf(s_sessionDefaultPath, dir) >= 0;
            if (held)
            {
                return;
            }

            // The new value is literal (environment.d would expand $PATH, the other stores would not): the folder first,
            // then the session's PATH when the store gives one, else the login shell's, which is what VS Code gets when the
            // shell finishes in time.
            var entries = new List<string> { dir };
            foreach (string entry in PathLookup.Split(guiPath ?? Get(login, "PATH"), false))
            {
                if (entry.Length > 0 && !entries.Contains(entry))
                {
                    entries.Add(entry);
                }
            }

            string value = string.Join(":", entries);
            long elapsed = shell.ElapsedMilliseconds ?? 0;
            var fix = new RepairAction(RepairKind.GuiEnvironment, "Set-GuiEnvironmentVariable", new OrderedDictionary { ["Name"] = "PATH", ["Value"] = value },
                gui.RestartNeeded ?? GuiRestart);
            findings.Add(new GoEnvFinding
            {
                Id = FindingIds.GuiPathLacksGo,
                Severity = Severity.Warning,
                Title = $"Only your slow login shell puts {dir} on PATH: the desktop session lacks it",
                Detail = $"Your login shell takes {elapsed} ms and is what puts {dir} (with {shellGo}) on PATH; the environment the desktop gives the apps it starts " +
                         $"({gui.Description}) {(guiPath is null ? "sets no PATH holding it" : "has a PATH without it")}. When VS Code, started from the desktop, " +
                         $"gives up on the shell ({shell.Timeout.TotalSeconds:0.###} s), VS Code and gopls have the desktop's PATH only and cannot find go. " +
                         "Putting the folder on the desktop session's PATH makes it reach VS Code (vscode-go, gopls, tasks, the debugger) however the shell does.",
                Evidence = new[]
                {
                    new FindingEvidence { Subject = "PATH", ShellValue = Get(login, "PATH"), Value = guiPath, File = gui.StorePath },
                    new FindingEvidence { Subject = "login shell", Value = shell.Shell, ShellValue = elapsed + " ms" },
                },
                Repair = new[] { fix },
            });
        }

        /// <summary>
        /// The fix for a variable gopls should have: go env -w for a GO* variable gopls's environment lacks (a process variable
        /// wins over the go env file), else go.toolsEnvVars.
        /// </summary>
        public static RepairAction SetVariable(GoplsEnvironment? gopls, string name, string value, bool goplsLacks, bool secret)
        {
            string shown = secret ? Redacted : value;
            if (goplsLacks && name.StartsWith("GO", StringComparison.Ordinal) && name != "GOENV" && name != "GOROOT")
            {
                return new RepairAction(RepairKind.GoEnvConfig, "Set-GoEnvConfig", new OrderedDictionary { ["Name"] = name, ["Value"] = shown }, GoEnvRestart)
                {
                    ContainsSecret = secret,
                };
            }

            OrderedDictionary parameters = EditorParameters(gopls);
            parameters["Variable"] = new OrderedDictionary { [name] = shown };
            return new RepairAction(RepairKind.Settings, SetToolsEnv, parameters, ToolsEnvRestart) { ContainsSecret = secret };
        }

        public static RepairAction PrependPath(GoplsEnvironment? gopls, params string[] directories)
        {
            OrderedDictionary parameters = EditorParameters(gopls);
            parameters["PrependPath"] = directories;
            return new RepairAction(RepairKind.Settings, SetToolsEnv, parameters, ToolsEnvRestart);
        }

        private static OrderedDictionary EditorParameters(GoplsEnvironment? gopls)
        {
            var parameters = new OrderedDictionary();
            if (gopls is not null && EditorProducts.UserDataFolder(gopls.Editor) is not null)
            {
                parameters["Editor"] = gopls.Editor.ToString();
                if (gopls.IsRemote)
                {
                    parameters["Scope"] = nameof(SettingsScope.Remote);
                }
            }

            return parameters;
        }

        private static bool InToolsEnvVars(DiagnosisEvidence evidence, string name)
        {
            foreach (VsCodeGoSettings settings in evidence.Settings)
            {
                if (settings.ToolsEnvVars is not null && settings.ToolsEnvVars.Contains(name))
                {
                    return true;
                }
            }

            return false;
        }

        private static string? SettingValue(VsCodeGoSettings settings, string key)
        {
            foreach ((string prefix, OrderedDictionary? map) in new[]
            {
                ("go.toolsEnvVars.", settings.ToolsEnvVars), ("go.alternateTools.", settings.AlternateTools), ("gopls.build.env.", settings.GoplsBuildEnv),
            })
            {
                if (key.StartsWith(prefix, StringComparison.Ordinal) && map is not null)
                {
                    string name = key.Substring(prefix.Length);
                    return Show(name, map[name] as string);
                }
            }

            return key == "go.goroot" ? settings.GoRoot : key == "go.gopath" ? settings.GoPath : null;
        }

        public static bool IsGoRelevant(string name) =>
            Array.IndexOf(s_goVariables, name) >= 0 || name.StartsWith("CGO_", StringComparison.Ordinal) ||
            (name.StartsWith("GO", StringComparison.Ordinal) && name.Length > 2 && char.IsUpper(name[2]));

        /// <summary>A value as findings and reports may show it: secrets as &lt;redacted&gt;.</summary>
        public static string? Show(string name, string? value) =>
            value is not null && SecretDetector.IsSecret(name, value) ? Redacted : value;

        private static string Empty(string? value) => value ?? string.Empty;

        private static string DirectoryOf(string path) => Path.GetDirectoryName(path) ?? path;

        private static string? Get(OrderedDictionary? env, string name) => env?[name] as string;
    }
}
