using System;
using System.Collections;
using System.Collections.Generic;
using System.IO;
using System.Text;

namespace GoEnvTools
{
    /// <summary>One change Set-GoEnvConfig or Remove-GoEnvConfig made in the go env file, or found already made.</summary>
    public sealed class GoEnvConfigChange
    {
        public string Name { get; set; } = string.Empty;

        /// <summary>The value in the go env file before; null when the file did not set it.</summary>
        public string? OldValue { get; set; }

        /// <summary>The value in the go env file after; null when the file no longer sets it.</summary>
        public string? NewValue { get; set; }

        /// <summary>The file go wrote: go env GOENV.</summary>
        public string GoEnvFile { get; set; } = string.Empty;

        /// <summary>Changed or NoChange.</summary>
        public string Status { get; set; } = "NoChange";

        /// <summary>The go that wrote it.</summary>
        public string GoBinary { get; set; } = string.Empty;

        /// <summary>What go wrote to standard error while it succeeded (for example that the OS environment overrides the file).</summary>
        public string? GoMessage { get; set; }

        public override string ToString() => $"{Name} ({Status})";
    }

    /// <summary>A change worked out but not made yet.</summary>
    public sealed class GoEnvConfigPlan
    {
        internal GoEnvConfigPlan(GoEnvConfigChange change, string[] arguments, GuiEnvironmentLedger ledger)
        {
            Change = change;
            Arguments = arguments;
            Ledger = ledger;
        }

        public GoEnvConfigChange Change { get; }

        public bool WritesAnything => Change.Status == "Changed";

        /// <summary>The go command that makes the change, for ShouldProcess.</summary>
        public string Description => $"go {string.Join(" ", Arguments)} (file '{Change.GoEnvFile}')";

        internal string[] Arguments { get; }

        internal GuiEnvironmentLedger Ledger { get; }
    }

    /// <summary>go refused the change, or its env file is off; the message holds go's own reason.</summary>
    public sealed class GoEnvConfigException : Exception
    {
        public GoEnvConfigException(string message)
            : base(message)
        {
        }
    }

    /// <summary>
    /// go env -w and go env -u through a given go and environment. Set records, the first time it sets a name, the
    /// value the go env file held, in a ledger beside that file (GOENV + ".goenvtools"); Remove puts it back with
    /// go env -w, or runs go env -u when the file held none, and forgets the name. Remove of a name Set never touched
    /// is a plain go env -u.
    /// </summary>
    public sealed class GoEnvConfigEditor
    {
        public const string LedgerSuffix = ".goenvtools";
        private static readonly TimeSpan s_timeout = TimeSpan.FromSeconds(60);

        private readonly IChildProcessRunner _runner;
        private readonly string _go;
        private readonly IDictionary _environment;
        private readonly string? _workingDirectory;
        private string? _goEnvFile;

        public GoEnvConfigEditor(IChildProcessRunner runner, string go, IDictionary environment, string? workingDirectory)
        {
            _runner = runner;
            _go = go;
            _environment = environment;
            _workingDirectory = workingDirectory;
        }

        public string GoBinary => _go;

        /// <summary>The file go env -w writes (go env GOENV); throws when go's env file is off.</summary>
        public string GoEnvFile()
        {
            if (_goEnvFile is not null)
            {
                return _goEnvFile;
            }

            string path = Go("env", "GOENV").Output.Trim();
            if (path.Length == 0 || string.Equals(path, "off", StringComparison.Ordinal))
            {
                throw new GoEnvConfigException($"{_go} has no go env file here (go env GOENV is '{path}'): GOENV=off in the environment turns it off, so go env -w cannot write. Unset GOENV in your login shell, or set the variable in the environment instead (Set-GuiEnvironmentVariable).");
            }

            return _goEnvFile = path;
        }

        /// <summary>The variables the go env file sets now (its NAME=VALUE lines; go reads the first of a name).</summary>
        public Dictionary<string, string> ReadFile()
        {
            var values = new Dictionary<string, string>(StringComparer.Ordinal);
            string path = GoEnvFile();
            if (!File.Exists(path))
            {
                return values;
            }

            foreach (string line in File.ReadAllText(path, Encoding.UTF8).Split('\n'))
            {
                int eq = line.IndexOf('=');
                if (eq > 0 && !values.ContainsKey(line.Substring(0, eq)))
                {
                    values[line.Substring(0, eq)] = line.Substring(eq + 1).TrimEnd('\r');
                }
            }

            return values;
        }

        public GoEnvConfigPlan PlanSet(string name, string value)
        {
            Refuse(name);
            if (value.IndexOf('\n') >= 0 || value.IndexOf('\r') >= 0 || value.IndexOf('\0') >= 0)
            {
                throw new GoEnvConfigException($"The value of {name} holds a line break or NUL; the go env file keeps one NAME=VALUE line a variable, so it cannot hold it.");
            }

            Dictionary<string, string> file = ReadFile();
            file.TryGetValue(name, out string? old);
            GoEnvConfigChange change = NewChange(name, old, value);
            LedgerFile ledgerFile = Ledger();
            GuiEnvironmentLedger ledger = ledgerFile.Load();
            if (string.Equals(old, value, StringComparison.Ordinal))
            {
                return new GoEnvConfigPlan(change, Array.Empty<string>(), ledger);
            }

            change.Status = "Changed";
            GuiEnvironmentEntry? entry = ledger.Find(name);
            GuiEnvironmentEntry updated = new GuiEnvironmentEntry(name, value, entry is null ? old : entry.Previous, false);
            return new GoEnvConfigPlan(change, new[] { "env", "-w", name + "=" + value }, ledger.With(updated));
        }

        public GoEnvConfigPlan PlanRemove(string name)
        {
            Refuse(name);
            Dictionary<string, string> file = ReadFile();
            file.TryGetValue(name, out string? old);
            GuiEnvironmentLedger ledger = Ledger().Load();
            GuiEnvironmentEntry? entry = ledger.Find(name);
            string? restore = entry?.Previous;
            GoEnvConfigChange change = NewChange(name, old, restore);
            if (string.Equals(old, restore, StringComparison.Ordinal))
            {
                return new GoEnvConfigPlan(change, Array.Empty<string>(), entry is null ? ledger : ledger.Without(name));
            }

            change.Status = "Changed";
            string[] arguments = restore is null ? new[] { "env", "-u", name } : new[] { "env", "-w", name + "=" + restore };
            return new GoEnvConfigPlan(change, arguments, ledger.Without(name));
        }

        /// <summary>Runs go; then records the ledger. When go refuses, nothing was changed and go's reason is thrown.</summary>
        public GoEnvConfigChange Apply(GoEnvConfigPlan plan)
        {
            if (plan.WritesAnything)
            {
                (string _, string error) = Go(plan.Arguments);
                plan.Change.GoMessage = error.Length == 0 ? null : error;
            }

            LedgerFile ledger = Ledger();
            try
            {
                if (plan.WritesAnything || ledger.Load().Entries.Count != plan.Ledger.Entries.Count)
                {
                    ledger.Save(plan.Ledger);
                }
            }
            catch (Exception ex) when (ex is IOException || ex is UnauthorizedAccessException || ex is GuiEnvironmentFileException)
            {
                throw new GoEnvConfigException($"go {string.Join(" ", plan.Arguments)} changed '{plan.Change.GoEnvFile}', but the record of the previous value could not be written to '{ledger.Path}' ({ex.Message}); Remove-GoEnvConfig will therefore not restore {plan.Change.Name}'s earlier value '{plan.Change.OldValue}'.");
            }

            return plan.Change;
        }

        private void Refuse(string name)
        {
            if (string.Equals(name, "PATH", StringComparison.OrdinalIgnoreCase))
            {
                throw new GoEnvConfigException("PATH is not a go setting: go env -w cannot set it, and gopls finds go through the PATH of its own environment. Use Set-VsCodeGoToolsEnv -PrependPath or Set-GuiEnvironmentVariable -Name PATH.");
            }

            if (string.Equals(name, "GOENV", StringComparison.OrdinalIgnoreCase))
            {
                throw new GoEnvConfigException("GOENV names the go env file itself, so it cannot be set inside it (go: GOENV can only be set using the OS environment). Set it in the environment: Set-GuiEnvironmentVariable -Name GOENV.");
            }

            if (name.Length == 0 || name.IndexOf('=') >= 0)
            {
                throw new GoEnvConfigException($"'{name}' is not a variable name.");
            }
        }

        private LedgerFile Ledger() => new LedgerFile(GoEnvFile() + LedgerSuffix, ignoreCase: false);

        private GoEnvConfigChange NewChange(string name, string? old, string? value) => new GoEnvConfigChange
        {
            Name = name,
            OldValue = old,
            NewValue = value,
            GoEnvFile = GoEnvFile(),
            GoBinary = _go,
        };

        private (string Output, string Error) Go(params string[] arguments)
        {
            var request = new ChildProcessRequest(_go, arguments, _environment) { Timeout = s_timeout, WorkingDirectory = _workingDirectory };
            ChildProcessResult result = _runner.Run(request);
            string error = Encoding.UTF8.GetString(result.StandardError).Trim();
            if (result.TimedOut || result.ExitCode != 0)
            {
                string how = result.TimedOut ? $"did not finish within {s_timeout.TotalSeconds:0} s" : $"refused (exit code {result.ExitCode?.ToString() ?? "none"})";
                throw new GoEnvConfigException($"'{_go} {string.Join(" ", arguments)}' {how}: {(error.Length == 0 ? "it wrote no reason." : error)} Nothing was changed.");
            }

            return (Encoding.UTF8.GetString(result.StandardOutput), error);
        }
    }
}
