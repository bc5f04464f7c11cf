using System;
using System.Collections;
using System.Collections.Generic;
using System.Collections.Specialized;
using System.Text;
using System.Text.RegularExpressions;

namespace GoEnvTools
{
    /// <summary>
    /// The kinds of repair, in the order they are preferred and applied: the go env file, then the editor's settings,
    /// then the GUI session environment, then a gopls wrapper.
    /// </summary>
    public enum RepairKind
    {
        /// <summary>go env -w, for a GO* variable gopls's environment lacks (a process variable wins over the file).</summary>
        GoEnvConfig = 1,

        /// <summary>A VS Code settings edit: go.toolsEnvVars (PATH and the rest), or removing a setting that misleads vscode-go.</summary>
        Settings = 2,

        /// <summary>The environment the desktop gives the applications it starts (environment.d, launchd, HKCU).</summary>
        GuiEnvironment = 3,

        /// <summary>A gopls wrapper that starts gopls from the login shell's environment (go.alternateTools.gopls).</summary>
        Wrapper = 4,
    }

    /// <summary>
    /// One repair as data: the module command that makes it and its parameters. Repair-GoEnvironment makes each kind
    /// through that command's Core, from these parameters, never by parsing the command line.
    /// </summary>
    public sealed class RepairAction
    {
        public RepairAction(RepairKind kind, string command, OrderedDictionary parameters, string restartNeeded)
        {
            Kind = kind;
            Command = command;
            Parameters = parameters;
            RestartNeeded = restartNeeded;
        }

        public RepairKind Kind { get; }

        /// <summary>The module command, for example Set-VsCodeGoToolsEnv.</summary>
        public string Command { get; }

        /// <summary>
        /// Parameter name to value: a string, a string[], an OrderedDictionary (a hashtable parameter), or true for a switch.
        /// </summary>
        public OrderedDictionary Parameters { get; }

        /// <summary>What must be restarted before gopls sees the change.</summary>
        public string RestartNeeded { get; }

        /// <summary>A value holds a secret, shown as &lt;redacted&gt;: the command line cannot be run as it is and Repair skips it.</summary>
        public bool ContainsSecret { get; set; }

        /// <summary>For a settings edit: the file, its scope and the keys to remove (go.goroot) besides the parameters.</summary>
        public string? SettingsPath { get; set; }

        public string[] RemoveSettings { get; set; } = Array.Empty<string>();

        /// <summary>For go env -w: the go to run (the login shell's), so the go env file it writes is the one that go reads.</summary>
        public string? GoBinary { get; set; }

        /// <summary>The command line, quoted for PowerShell.</summary>
        public string CommandLine => PowerShellCommandLine.Format(Command, Parameters);

        public override string ToString() => CommandLine;
    }

    /// <summary>Writes a command with its parameters as PowerShell would read it back.</summary>
    public static class PowerShellCommandLine
    {
        private static readonly Regex s_bareKey = new Regex("^[A-Za-z_][A-Za-z0-9_]*$", RegexOptions.CultureInvariant);

        public static string Format(string command, IDictionary parameters)
        {
            var text = new StringBuilder(command);
            foreach (DictionaryEntry entry in parameters)
            {
                text.Append(" -").Append(entry.Key);
                if (entry.Value is bool flag)
                {
                    if (!flag)
                    {
                        text.Append(":$false");
                    }

                    continue;
                }

                text.Append(' ').Append(Value(entry.Value));
            }

            return text.ToString();
        }

        /// <summary>A single-quoted string: nothing inside is expanded, so ${env:PATH} stays as it is.</summary>
        public static string Quote(string value) => "'" + value.Replace("'", "''") + "'";

        private static string Value(object? value)
        {
            switch (value)
            {
                case null:
                    return "$null";
                case string s:
                    return Quote(s);
                case IDictionary map:
                    var parts = new List<string>();
                    foreach (DictionaryEntry pair in map)
                    {
                        string key = pair.Key.ToString() ?? string.Empty;
                        parts.Add((s_bareKey.IsMatch(key) ? key : Quote(key)) + " = " + Value(pair.Value));
                    }

                    return "@{ " + string.Join("; ", parts) + " }";
                case IEnumerable list:
                    var items = new List<string>();
                    foreach (object? item in list)
                    {
                        items.Add(Value(item));
                    }

                    return string.Join(", ", items);
                default:
                    return Quote(Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture) ?? string.Empty);
            }
        }
    }
}
