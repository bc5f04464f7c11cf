using System;
using System.Collections;
using System.Collections.Generic;
using System.IO;
using System.Text;

namespace GoEnvTools
{
    /// <summary>
    /// Linux: one file, ${XDG_CONFIG_HOME:-~/.config}/environment.d/60-goenvtools.conf, which the systemd user
    /// manager reads at login, plus systemctl --user set-environment / unset-environment for the running session
    /// when a user manager answers. The ledger lives in the file's comments.
    /// </summary>
    public sealed class EnvironmentDStore : IGuiEnvironmentStore
    {
        public const string FileName = "60-goenvtools.conf";

        /// <summary>Where Debian and most distributions install systemd's generator.</summary>
        public static readonly string[] GeneratorPaths =
        {
            "/usr/lib/systemd/user-environment-generators/30-systemd-environment-d-generator",
            "/lib/systemd/user-environment-generators/30-systemd-environment-d-generator",
        };

        internal const string HeaderLine = "# Written by GoEnvTools (Set-GuiEnvironmentVariable); Remove-GuiEnvironmentVariable undoes each line.";
        private const string LedgerPrefix = "# ";
        private static readonly TimeSpan s_timeout = TimeSpan.FromSeconds(10);

        private readonly IChildProcessRunner _runner;
        private readonly IDictionary _environment;
        private readonly string? _systemctl;
        private readonly string? _generator;
        private ManagerState? _manager;

        /// <param name="configHome">The XDG config folder; the file goes into its environment.d.</param>
        /// <param name="runner">Runs systemctl and the generator.</param>
        /// <param name="environment">The environment they run with (it tells systemctl where the user's bus is).</param>
        /// <param name="systemctl">Absolute path of systemctl, or null when there is none (no user manager then).</param>
        /// <param name="generator">Absolute path of systemd's environment.d generator, or null.</param>
        public EnvironmentDStore(string configHome, IChildProcessRunner runner, IDictionary environment, string? systemctl, string? generator)
        {
            Folder = System.IO.Path.Combine(configHome, "environment.d");
            Path = System.IO.Path.Combine(Folder, FileName);
            _runner = runner;
            _environment = environment;
            _systemctl = systemctl;
            _generator = generator;
        }

        public GuiEnvironmentStore Kind => GuiEnvironmentStore.EnvironmentD;

        public string Folder { get; }

        public string Path { get; }

        public bool IgnoreCase => false;

        public string RestartNeeded =>
            "Log out and in (the user manager reads environment.d at login), then quit VS Code fully and start it again; " +
            "apps started after systemctl --user set-environment get it sooner.";

        /// <summary>The config folder the XDG rules give: XDG_CONFIG_HOME when absolute, else $HOME/.config.</summary>
        public static string ConfigHome(IDictionary environment)
        {
            string? xdg = environment["XDG_CONFIG_HOME"] as string;
            if (!string.IsNullOrEmpty(xdg) && xdg!.StartsWith("/", StringComparison.Ordinal))
            {
                return xdg;
            }

            string home = environment["HOME"] as string ?? throw new InvalidOperationException("HOME is not set, so the environment.d folder cannot be found.");
            return System.IO.Path.Combine(home, ".config");
        }

        /// <summary>The first of <see cref="GeneratorPaths"/> that exists, or null.</summary>
        public static string? FindGenerator(Func<string, bool> isExecutableFile)
        {
            foreach (string path in GeneratorPaths)
            {
                if (isExecutableFile(path))
                {
                    return path;
                }
            }

            return null;
        }

        public void Validate(string name, string value)
        {
            if (!GuiEnvironmentNames.IsPortableName(name))
            {
                throw new GuiEnvironmentValueException($"'{name}' cannot be a variable in environment.d: names are letters, digits and '_', not starting with a digit.");
            }

            if (value.Length == 0)
            {
                // systemd 252 reports NAME="" as invalid syntax and ignores the line.
                throw new GuiEnvironmentValueException($"environment.d cannot hold an empty value for {name}: the user manager ignores such a line. Remove-GuiEnvironmentVariable {name} unsets a value this module set.");
            }

            foreach (char c in value)
            {
                if ((c < 0x20 && c != '\t' && c != '\n') || c == 0x7f)
                {
                    throw new GuiEnvironmentValueException($"The value of {name} holds the control character U+{(int)c:X4}; the systemd user manager refuses such values. Remove it.");
                }
            }
        }

        public GuiEnvironmentLedger LoadLedger()
        {
            string? text = ReadOwnFile();
            return text is null
                ? new GuiEnvironmentLedger(false)
                : LedgerText.Parse(text.Split('\n'), LedgerPrefix, false, Path);
        }

        public StoredValue? ReadOutside(string name)
        {
            foreach (KeyValuePair<string, string> pair in ReadEffective(out _, out _) ?? new List<KeyValuePair<string, string>>())
            {
                if (pair.Key == name)
                {
                    return new StoredValue(pair.Value, false);
                }
            }

            return null;
        }

        public void Persist(GuiEnvironmentLedger ledger, string name, StoredValue? value, bool restored)
        {
            ReadOwnFile();
            if (ledger.Entries.Count == 0)
            {
                // Nothing left to manage: the file goes, so no empty file of ours stays behind.
                AtomicFile.DeleteIfPresent(Path);
                return;
            }

            Directory.CreateDirectory(Folder);
            AtomicFile.Write(Path, Render(ledger), overwrite: true, ownerOnly: false);
        }

        /// <summary>The whole file for a ledger: header, the ledger as comments, then one NAME="value" line a variable.</summary>
        public static string Render(GuiEnvironmentLedger ledger)
        {
            var sb = new StringBuilder();
            sb.Append(HeaderLine).Append('\n');
            sb.Append("# Change it with those cmdlets: the goenvtools-entry lines record what each name held before, which Remove puts back.\n");
            foreach (string line in LedgerText.Format(ledger))
            {
                sb.Append(LedgerPrefix).Append(line).Append('\n');
            }

            foreach (GuiEnvironmentEntry entry in ledger.Entries)
            {
                sb.Append(entry.Name).Append('=').Append(SystemdQuoting.QuoteForEnvironmentD(entry.Value)).Append('\n');
            }

            return sb.ToString();
        }

        public bool ApplyRuntime(string name, StoredValue? value, out string note)
        {
            ManagerState manager = Manager();
            if (!manager.Answers)
            {
                note = $"No systemd user manager answers here ({manager.Reason}), so only '{Path}' was changed; it takes effect at the next login.";
                return false;
            }

            string[] arguments = value is StoredValue v
                ? new[] { "--user", "set-environment", name + "=" + v.Value }
                : new[] { "--user", "unset-environment", name };
            ChildProcessResult result = Run(_systemctl!, arguments);
            if (result.ExitCode != 0)
            {
                throw new GuiRuntimeException($"'systemctl {string.Join(" ", arguments)}' failed{Describe(result)}.");
            }

            _manager = null;
            note = value is null
                ? $"The systemd user manager no longer passes {name} to apps it starts."
                : $"The systemd user manager passes {name} to apps it starts from now on.";
            return true;
        }

        public GoEnvSnapshot Snapshot(DateTime capturedAt)
        {
            List<KeyValuePair<string, string>>? effective = ReadEffective(out string source, out EnvironmentStatus status);
            if (effective is null)
            {
                var pairs = new List<KeyValuePair<string, string?>>();
                foreach (GuiEnvironmentEntry entry in LoadLedger().Entries)
                {
                    pairs.Add(new KeyValuePair<string, string?>(entry.Name, entry.Value));
                }

                return SnapshotFactory.Create(source, capturedAt, SnapshotPlatform.Linux, EnvironmentStatus.Lossy, pairs);
            }

            return SnapshotFactory.Create(source, capturedAt, SnapshotPlatform.Linux, status, Nullable(effective));
        }

        /// <summary>True when systemctl --user reaches a user manager; <paramref name="reason"/> says why not otherwise.</summary>
        public bool UserManagerAnswers(out string reason)
        {
            ManagerState state = Manager();
            reason = state.Reason;
            return state.Answers;
        }

        // The manager's environment when one answers; else what the generator makes of the files; else null.
        private List<KeyValuePair<string, string>>? ReadEffective(out string source, out EnvironmentStatus status)
        {
            status = EnvironmentStatus.Ok;
            ManagerState manager = Manager();
            if (manager.Answers)
            {
                source = "systemd user manager (systemctl --user show-environment)";
                return manager.Environment;
            }

            if (_generator is not null)
            {
                ChildProcessResult result = Run(_generator, Array.Empty<string>());
                if (result.ExitCode == 0)
                {
                    source = $"environment.d as the user manager reads it at login ({_generator}); no user manager answers: {manager.Reason}";
                    return SystemdQuoting.ParseAssignments(Encoding.UTF8.GetString(result.StandardOutput));
                }

                source = $"{Path} only: {_generator} failed{Describe(result)}";
                return null;
            }

            source = $"{Path} only: no user manager answers ({manager.Reason}) and systemd's environment.d generator is not installed";
            return null;
        }

        private ManagerState Manager()
        {
            if (_manager is not null)
            {
                return _manager;
            }

            if (_systemctl is null)
            {
                return _manager = new ManagerState(false, "systemctl is not installed", null);
            }

            ChildProcessResult result;
            try
            {
                result = Run(_systemctl, new[] { "--user", "show-environment" });
            }
            catch (ChildProcessStartException ex)
            {
                return _manager = new ManagerState(false, ex.Message, null);
            }

            if (result.ExitCode != 0)
            {
                return _manager = new ManagerState(false, $"systemctl --user show-environment failed{Describe(result)}", null);
            }

            return _manager = new ManagerState(true, "it answers", SystemdQuoting.ParseAssignments(Encoding.UTF8.GetString(result.StandardOutput)));
        }

        private ChildProcessResult Run(string program, string[] arguments) =>
            _runner.Run(new ChildProcessRequest(program, arguments, _environment) { Timeout = s_timeout });

        private static string Describe(ChildProcessResult result)
        {
            string stderr = Encoding.UTF8.GetString(result.StandardError).Trim();
            string how = result.TimedOut ? $" (no answer within {s_timeout.TotalSeconds:0} s)" : result.ExitCode is int code ? $" with exit code {code}" : " (killed by a signal)";
            return how + (stderr.Length == 0 ? string.Empty : ": " + stderr);
        }

        // The file's text when it is ours, null when it does not exist; a file of someone else's is never touched.
        private string? ReadOwnFile()
        {
            string text;
            try
            {
                if (!File.Exists(Path))
                {
                    return null;
                }

                text = File.ReadAllText(Path, Encoding.UTF8);
            }
            catch (Exception ex) when (ex is IOException || ex is UnauthorizedAccessException)
            {
                throw new GuiEnvironmentFileException(Path, $"Cannot read '{Path}': {ex.Message}", ex);
            }

            if (!text.StartsWith(HeaderLine, StringComparison.Ordinal))
            {
                throw new GuiEnvironmentFileException(Path, $"'{Path}' exists but was not written by GoEnvTools, so it is left alone. Rename it (environment.d reads any *.conf there) and run the command again.");
            }

            return text;
        }

        private static IEnumerable<KeyValuePair<string, string?>> Nullable(List<KeyValuePair<string, string>> pairs)
        {
            foreach (KeyValuePair<string, string> pair in pairs)
            {
                yield return new KeyValuePair<string, string?>(pair.Key, pair.Value);
            }
        }

        private sealed class ManagerState
        {
            public ManagerState(bool answers, string reason, List<KeyValuePair<string, string>>? environment)
            {
                Answers = answers;
                Reason = reason;
                Environment = environment;
            }

            public bool Answers { get; }

            public string Reason { get; }

            public List<KeyValuePair<string, string>>? Environment { get; }
        }
    }
}
