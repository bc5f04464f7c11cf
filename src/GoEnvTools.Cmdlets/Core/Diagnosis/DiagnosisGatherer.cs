using System;
using System.Collections;
using System.Collections.Generic;
using System.Collections.Specialized;
using System.Diagnostics;
using System.IO;
using System.Threading.Tasks;

namespace GoEnvTools
{
    /// <summary>What Test-GoEnvironment was asked: its parameters as plain values.</summary>
    public sealed class DiagnosisOptions
    {
        /// <summary>The workspace folder (its .vscode/settings.json is read, and go env runs there); null: gopls's folder.</summary>
        public string? WorkspacePath { get; set; }

        /// <summary>Only this editor's gopls and settings; null for every editor.</summary>
        public Editor? Editor { get; set; }

        public TimeSpan ShellTimeout { get; set; } = ShellEnvironmentResolver.VsCodeTimeout;

        /// <summary>Only these gopls processes; null for every gopls of the user.</summary>
        public IReadOnlyCollection<int>? GoplsProcessIds { get; set; }
    }

    /// <summary>The side effects of the gathering, so tests can replace each one.</summary>
    public sealed class DiagnosisHost
    {
        public DiagnosisHost(ProcessInspector? inspector, ShellEnvironmentHost shell, SettingsHost settings, IGuiEnvironmentSource gui)
        {
            Inspector = inspector;
            Shell = shell;
            Settings = settings;
            Gui = gui;
        }

        /// <summary>Null where no process provider exists for this OS.</summary>
        public ProcessInspector? Inspector { get; }

        public ShellEnvironmentHost Shell { get; }

        public SettingsHost Settings { get; }

        public IGuiEnvironmentSource Gui { get; }

        public Func<string, string> RealPath { get; set; } = RealPaths.Resolve;

        /// <summary>Whether a file is a script or other non-Go program (checked for go.alternateTools.go).</summary>
        public Func<string, bool> IsWrapper { get; set; } = LooksLikeWrapper;

        /// <summary>A go binary sits in &lt;GOROOT&gt;/bin next to &lt;GOROOT&gt;/src; anything else (a script, a shim) wraps one.</summary>
        public static bool LooksLikeWrapper(string path)
        {
            try
            {
                if (!File.Exists(path))
                {
                    return false;
                }

                var head = new byte[2];
                using (FileStream stream = File.OpenRead(path))
                {
                    if (stream.Read(head, 0, 2) == 2 && head[0] == '#' && head[1] == '!')
                    {
                        return true;
                    }
                }

                string real = RealPaths.Resolve(path);
                string? bin = Path.GetDirectoryName(real);
                string? root = bin is null ? null : Path.GetDirectoryName(bin);
                return root is null || !Directory.Exists(Path.Combine(root, "src"));
            }
            catch (Exception ex) when (ex is IOException || ex is UnauthorizedAccessException)
            {
                return false;
            }
        }
    }

    /// <summary>
    /// Reads everything the findings need, phase by phase, each timed: gopls processes (one scan of the process table),
    /// settings, the login shell, an interactive non-login bash, the GUI environment, go env as gopls and the shell run it,
    /// and the terminal's environment.
    /// </summary>
    public sealed class DiagnosisGatherer
    {
        public const string PhaseProcesses = "gopls processes";
        public const string PhaseSettings = "settings";
        public const string PhaseLoginShell = "login shell";
        public const string PhaseInteractiveShell = "interactive shell";
        public const string PhaseGui = "GUI environment";
        public const string PhaseGoEnv = "go env";
        public const string PhaseTerminal = "terminal";

        private static readonly string[] s_phases = { PhaseProcesses, PhaseSettings, PhaseLoginShell, PhaseInteractiveShell, PhaseGui, PhaseGoEnv, PhaseTerminal };

        private readonly DiagnosisHost _host;

        public DiagnosisGatherer(DiagnosisHost host)
        {
            _host = host ?? throw new ArgumentNullException(nameof(host));
        }

        /// <summary>Called before each phase with its name and the percentage done.</summary>
        public Action<string, int>? Progress { get; set; }

        public DiagnosisEvidence Gather(DiagnosisOptions options)
        {
            var evidence = new DiagnosisEvidence { WorkspacePath = options.WorkspacePath, Editor = options.Editor };
            Phase(evidence, PhaseProcesses, () => ReadGopls(evidence, options));
            Phase(evidence, PhaseSettings, () => ReadSettings(evidence, options));
            Phase(evidence, PhaseLoginShell, () => evidence.LoginShell = ReadShell(options, login: true, _host.Shell));
            Phase(evidence, PhaseInteractiveShell, () => ReadInteractiveShell(evidence, options));
            Phase(evidence, PhaseGui, () => evidence.Gui = _host.Gui.Read());
            Phase(evidence, PhaseGoEnv, () => ReadGoEnv(evidence));
            Phase(evidence, PhaseTerminal, () => evidence.Terminal = Ordered(_host.Shell.CurrentEnvironment()));
            return evidence;
        }

        private void Phase(DiagnosisEvidence evidence, string name, Action action)
        {
            Progress?.Invoke(name, Array.IndexOf(s_phases, name) * 100 / s_phases.Length);
            Stopwatch watch = Stopwatch.StartNew();
            action();
            evidence.Timings.Add(new PhaseTiming(name, watch.Elapsed.TotalMilliseconds));
        }

        private void ReadGopls(DiagnosisEvidence evidence, DiagnosisOptions options)
        {
            ProcessInspector? inspector = _host.Inspector;
            if (inspector is null)
            {
                evidence.ProcessTableError = "this OS has no process provider in this build";
                return;
            }

            try
            {
                foreach ((int _, ProcessReadOutcome outcome, GoplsEnvironment? gopls) in inspector.ReadGopls())
                {
                    if (outcome != ProcessReadOutcome.Found || gopls is null || (options.Editor is Editor editor && gopls.Editor != editor)
                        || (options.GoplsProcessIds is not null && !Contains(options.GoplsProcessIds, gopls.ProcessId)))
                    {
                        continue;
                    }

                    var item = new GoplsEvidence(gopls);
                    if (gopls.ExtensionHostProcessId is int host)
                    {
                        EnvironmentRead read = inspector.Provider.GetEnvironment(host);
                        if (read.Entries is not null)
                        {
                            item.ExtensionHostEnvironment = EnvironmentBlock.ToDictionary(read.Entries, inspector.Provider.EnvironmentIgnoresCase);
                        }
                    }

                    if (gopls.GoBinary is string go)
                    {
                        item.GoBinaryRealPath = _host.RealPath(go);
                    }

                    evidence.Gopls.Add(item);
                }
            }
            catch (Exception ex) when (ex is IOException || ex is UnauthorizedAccessException || ex is PlatformNotSupportedException)
            {
                evidence.ProcessTableError = ex.Message;
            }

            if (evidence.WorkspacePath is null && evidence.Gopls.Count > 0)
            {
                evidence.WorkspacePath = evidence.Gopls[0].Process.WorkingDirectory;
            }
        }

        private static bool Contains(IReadOnlyCollection<int> ids, int id)
        {
            foreach (int candidate in ids)
            {
                if (candidate == id)
                {
                    return true;
                }
            }

            return false;
        }

        private void ReadSettings(DiagnosisEvidence evidence, DiagnosisOptions options)
        {
            var editors = new List<Editor>();
            if (options.Editor is Editor chosen)
            {
                editors.Add(chosen);
            }
            else
            {
                foreach (GoplsEvidence gopls in evidence.Gopls)
                {
                    if (EditorProducts.UserDataFolder(gopls.Process.Editor) is not null && !editors.Contains(gopls.Process.Editor))
                    {
                        editors.Add(gopls.Process.Editor);
                    }
                }
            }

            var locator = new SettingsLocator(_host.Settings);
            var files = new List<VsCodeSettingsFile>();
            var query = new SettingsQuery
            {
                Editors = editors.Count > 0 ? editors : null,
                Scopes = new[] { SettingsScope.User, SettingsScope.Profile, SettingsScope.Remote },
            };
            files.AddRange(locator.Find(query));
            if (evidence.WorkspacePath is string workspace && Directory.Exists(workspace))
            {
                files.Add(SettingsLocator.Workspace(workspace, editors.Count == 1 ? editors[0] : Editor.None));
            }

            var seen = new HashSet<string>(StringComparer.Ordinal);
            foreach (VsCodeSettingsFile file in files)
            {
                if (!file.Exists || !seen.Add(file.Path))
                {
                    continue;
                }

                VsCodeGoSettings settings = GoSettingsReader.Read(file, _host.Settings);
                evidence.Settings.Add(settings);
                if (settings.AlternateTools?["go"] is string alternate && alternate.Length > 0 && _host.IsWrapper(alternate))
                {
                    evidence.AlternateGoWrappers.Add(alternate);
                }
            }
        }

        /// <param name="shellHost">Where the shell starts from: this process's environment, or the login shell's.</param>
        /// <param name="shell">The shell to run; null chooses it as VS Code does.</param>
        private ShellEvidence? ReadShell(DiagnosisOptions options, bool login, ShellEnvironmentHost shellHost, string? shell = null)
        {
            if (_host.Settings.Platform == SettingsPlatform.Windows)
            {
                return null;
            }

            var resolver = new ShellEnvironmentResolver(shellHost);
            var result = new ShellEvidence { Timeout = options.ShellTimeout };
            try
            {
                result.Shell = resolver.ChooseShell(shell, shellHost.CurrentEnvironment());
                result.Snapshot = resolver.Resolve(new ShellEnvironmentOptions { Shell = result.Shell, Login = login, Interactive = true, Timeout = options.ShellTimeout });
                result.ElapsedMilliseconds = result.Snapshot.ElapsedMilliseconds;
                if (result.Snapshot.ExitCode is int code && code != 0)
                {
                    result.Error = $"{result.Snapshot.Source} exited with code {code}. " + result.Snapshot.StandardError?.Trim();
                    result.Snapshot = null;
                }
            }
            catch (ShellEnvironmentTimeoutException ex)
            {
                result.TimedOut = true;
                result.Error = ex.Message;
                result.ElapsedMilliseconds = (long)options.ShellTimeout.TotalMilliseconds;
            }
            catch (Exception ex) when (ex is ShellEnvironmentNotCapturedException || ex is ShellNotFoundException || ex is ChildProcessStartException)
            {
                result.Error = ex.Message;
            }

            return result;
        }

        private void ReadInteractiveShell(DiagnosisEvidence evidence, DiagnosisOptions options)
        {
            // Only bash skips its interactive start-up file (.bashrc) in a login shell; zsh and fish read theirs in both.
            string? shell = evidence.LoginShell?.Shell;
            if (evidence.LoginShell?.Snapshot is null || shell is null || !string.Equals(Path.GetFileName(shell), "bash", StringComparison.Ordinal))
            {
                return;
            }

            // Started from the login shell's environment, so what it adds is what .bashrc adds (a login shell resets PATH in
            // /etc/profile, so starting both from this process's environment would blame .bashrc for the terminal's PATH).
            OrderedDictionary login = evidence.LoginShell.Snapshot.Variables!;
            ShellEnvironmentHost from = _host.Shell;
            var fromLogin = new ShellEnvironmentHost(from.Runner, () => login, from.PasswdShell, from.IsExecutableFile)
            {
                NewMarker = from.NewMarker,
                Clock = from.Clock,
                Dumper = from.Dumper,
                WriteMarkerFile = from.WriteMarkerFile,
            };
            evidence.InteractiveShell = ReadShell(options, login: false, fromLogin, shell);
            if (evidence.InteractiveShell?.Variables is OrderedDictionary variables)
            {
                evidence.InteractiveGoBinary = FindGo(variables);
            }
        }

        private void ReadGoEnv(DiagnosisEvidence evidence)
        {
            // The go runs are independent of each other and mostly wait for go: they run side by side.
            var reader = new GoEnvReader(_host.Shell.Runner, _host.Shell.IsExecutableFile, evidence.Windows);
            string folder = evidence.WorkspacePath is string w && Directory.Exists(w) ? w : _host.Settings.Home;
            var runs = new List<Task>();
            foreach (GoplsEvidence gopls in evidence.Gopls)
            {
                if (gopls.Process.Environment is not OrderedDictionary environment || gopls.Process.GoBinary is null)
                {
                    continue;
                }

                string where = gopls.Process.WorkingDirectory is string cwd && Directory.Exists(cwd) ? cwd : folder;
                string source = $"gopls {gopls.Process.ProcessId}";
                runs.Add(Task.Run(() => (gopls.GoEnv, gopls.GoEnvError) = TryRead(reader, environment, where, source)));
            }

            if (evidence.LoginShell?.Variables is OrderedDictionary shell)
            {
                evidence.ShellGoBinary = FindGo(shell);
                if (evidence.ShellGoBinary is string go)
                {
                    evidence.ShellGoRealPath = _host.RealPath(go);
                    string source = evidence.LoginShell.Snapshot!.Source;
                    runs.Add(Task.Run(() => (evidence.ShellGoEnv, evidence.ShellGoEnvError) = TryRead(reader, shell, folder, source)));
                }
            }

            Task.WaitAll(runs.ToArray());
        }

        private static (GoEnvResult?, string?) TryRead(GoEnvReader reader, IDictionary environment, string folder, string source)
        {
            try
            {
                return (reader.Read(environment, folder, source), null);
            }
            catch (Exception ex) when (ex is GoNotInstalledException || ex is GoCommandFailedException || ex is ChildProcessStartException)
            {
                return (null, ex.Message);
            }
        }

        private string? FindGo(OrderedDictionary environment) =>
            PathLookup.Find("go", PathLookup.Split(environment["PATH"] as string, windows: _host.Settings.Platform == SettingsPlatform.Windows),
                _host.Settings.Platform == SettingsPlatform.Windows, _host.Shell.IsExecutableFile);

        private static OrderedDictionary Ordered(IDictionary source)
        {
            var result = new OrderedDictionary(StringComparer.Ordinal);
            var names = new List<string>();
            foreach (DictionaryEntry entry in source)
            {
                names.Add((string)entry.Key);
            }

            names.Sort(StringComparer.Ordinal);
            foreach (string name in names)
            {
                result[name] = source[name];
            }

            return result;
        }
    }
}
