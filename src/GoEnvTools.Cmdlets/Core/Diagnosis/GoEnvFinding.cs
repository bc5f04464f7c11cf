using System;
using System.Collections.Generic;
using System.Text;

namespace GoEnvTools
{
    /// <summary>How much a finding matters: Error (gopls cannot work as meant), Warning (it works with other values), Info.</summary>
    public enum Severity
    {
        Error,
        Warning,
        Info,
    }

    /// <summary>One value behind a finding: a variable or a setting, its value on each side, where a setting sits.</summary>
    public sealed class FindingEvidence
    {
        /// <summary>The variable (GOPROXY) or setting (go.toolsEnvVars.PATH) the evidence is about.</summary>
        public string Subject { get; set; } = string.Empty;

        /// <summary>The value in the running gopls's environment; secrets as &lt;redacted&gt;.</summary>
        public string? GoplsValue { get; set; }

        /// <summary>The value in the login shell's environment (what VS Code resolves at start-up).</summary>
        public string? ShellValue { get; set; }

        /// <summary>The value in the current terminal's environment.</summary>
        public string? TerminalValue { get; set; }

        /// <summary>A single value: a setting's value, a duration, a path.</summary>
        public string? Value { get; set; }

        /// <summary>The settings file (or other file) the evidence comes from.</summary>
        public string? File { get; set; }

        public int? Line { get; set; }

        public int? ProcessId { get; set; }

        public override string ToString()
        {
            var text = new StringBuilder(Subject);
            Append(text, "gopls", GoplsValue);
            Append(text, "shell", ShellValue);
            Append(text, "terminal", TerminalValue);
            Append(text, null, Value);
            if (File is not null)
            {
                text.Append(" (").Append(File);
                if (Line is int line)
                {
                    text.Append(':').Append(line);
                }

                text.Append(')');
            }

            return text.ToString();
        }

        private static void Append(StringBuilder text, string? label, string? value)
        {
            if (value is null)
            {
                return;
            }

            text.Append(text.Length == 0 ? string.Empty : " ");
            if (label is not null)
            {
                text.Append(label).Append('=');
            }

            text.Append('\'').Append(value).Append('\'');
        }
    }

    /// <summary>One thing that keeps gopls from the environment meant for it, with the evidence and the fix.</summary>
    public sealed class GoEnvFinding
    {
        public const string DefaultHelpTopic = "about_GoEnvTools_Findings";

        /// <summary>GOENV and three digits; see <see cref="FindingIds"/>.</summary>
        public string Id { get; set; } = string.Empty;

        public Severity Severity { get; set; }

        public string Title { get; set; } = string.Empty;

        public string Detail { get; set; } = string.Empty;

        public FindingEvidence[] Evidence { get; set; } = Array.Empty<FindingEvidence>();

        /// <summary>A command of this module that fixes it, ready to paste into PowerShell; null when only a manual change helps.</summary>
        public string? Fix { get; set; }

        public string HelpTopic { get; set; } = DefaultHelpTopic;

        /// <summary>The fix as data, in the order Repair-GoEnvironment applies it.</summary>
        public RepairAction[] Repair { get; set; } = Array.Empty<RepairAction>();

        /// <summary>The gopls the finding is about, when it is about one.</summary>
        public int? ProcessId { get; set; }

        public override string ToString() => $"{Id} {Severity}: {Title}";
    }

    /// <summary>The ids of the findings; each keeps its meaning for good (documented in about_GoEnvTools_Findings).</summary>
    public static class FindingIds
    {
        public const string GoMissing = "GOENV001";
        public const string OtherGo = "GOENV002";
        public const string VariableDiffers = "GOENV003";
        public const string SlowShell = "GOENV004";
        public const string ShellFailed = "GOENV005";
        public const string InteractiveOnly = "GOENV006";
        public const string GoRootInvalid = "GOENV007";
        public const string PinnedPath = "GOENV008";
        public const string AlternateGoWrapper = "GOENV009";
        public const string SettingsUnparsable = "GOENV010";
        public const string TerminalOnly = "GOENV011";
        public const string Sandbox = "GOENV012";
        public const string StartedFromTerminal = "GOENV013";
        public const string GoVersionDiffers = "GOENV014";
        public const string NoGopls = "GOENV015";
        public const string GuiEnvironmentUnavailable = "GOENV016";
        public const string GoplsUnreadable = "GOENV017";
        public const string NoGoAnywhere = "GOENV018";
        public const string SettingIgnored = "GOENV019";
        public const string GuiPathLacksGo = "GOENV020";

        /// <summary>Every id, in order.</summary>
        public static IReadOnlyList<string> All { get; } = new[]
        {
            GoMissing, OtherGo, VariableDiffers, SlowShell, ShellFailed, InteractiveOnly, GoRootInvalid, PinnedPath,
            AlternateGoWrapper, SettingsUnparsable, TerminalOnly, Sandbox, StartedFromTerminal, GoVersionDiffers, NoGopls,
            GuiEnvironmentUnavailable, GoplsUnreadable, NoGoAnywhere, SettingIgnored, GuiPathLacksGo,
        };
    }
}
