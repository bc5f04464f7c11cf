using System;
using System.Collections;
using System.Collections.Generic;
using System.Collections.Specialized;
using System.IO;
using System.Text;

namespace GoEnvTools
{
    /// <summary>What one repair did.</summary>
    public sealed class RepairResult
    {
        public string FindingId { get; set; } = string.Empty;

        /// <summary>The command line of the repair (as the finding's Fix shows it).</summary>
        public string Action { get; set; } = string.Empty;

        public RepairKind Kind { get; set; }

        /// <summary>Changed, NoChange, Skipped (-WhatIf, declined, or a secret), Failed.</summary>
        public string Status { get; set; } = RepairStatus.NoChange;

        /// <summary>What must be restarted before gopls sees the change; null when nothing changed.</summary>
        public string? RestartNeeded { get; set; }

        /// <summary>The file changed, or the one that would be.</summary>
        public string? Target { get; set; }

        public string? Message { get; set; }

        public override string ToString() => $"{FindingId} {Status}: {Action}";
    }

    /// <summary>The status words of <see cref="RepairResult"/>.</summary>
    public static class RepairStatus
    {
        public const string Changed = "Changed";
        public const string NoChange = "NoChange";
        public const string Skipped = "Skipped";
        public const string Failed = "Failed";
    }

    /// <summary>One repair with the finding it comes from.</summary>
    public sealed class PlannedRepair
    {
        public PlannedRepair(string findingId, RepairAction action)
        {
            FindingId = findingId;
            Action = action;
        }

        public string FindingId { get; }

        public RepairAction Action { get; }
    }

    /// <summary>Orders repairs and makes the ones Core can make: settings edits and go env -w.</summary>
    public static class RepairPlanner
    {
        /// <summary>
        /// The repairs in the preferred order (go env file, settings, GUI environment, wrapper), each once: two findings that
        /// need the same change (a PATH entry) share it.
        /// </summary>
        public static List<PlannedRepair> Order(IEnumerable<GoEnvFinding> findings)
        {
            var result = new List<PlannedRepair>();
            var seen = new HashSet<string>(StringComparer.Ordinal);
            foreach (GoEnvFinding finding in findings)
            {
                foreach (RepairAction action in finding.Repair)
                {
                    string key = action.CommandLine + "|" + action.SettingsPath + "|" + string.Join(",", action.RemoveSettings);
                    if (seen.Add(key))
                    {
                        result.Add(new PlannedRepair(finding.Id, action));
                    }
                }
            }

            // List.Sort is not stable; order by kind, then by arrival.
            var indexed = new List<(int Index, PlannedRepair Repair)>();
            for (int i = 0; i < result.Count; i++)
            {
                indexed.Add((i, result[i]));
            }

            indexed.Sort((a, b) =>
            {
                int byKind = a.Repair.Action.Kind.CompareTo(b.Repair.Action.Kind);
                return byKind != 0 ? byKind : a.Index.CompareTo(b.Index);
            });
            return indexed.ConvertAll(x => x.Repair);
        }

        /// <summary>The fix as one line for a finding: its actions' commands, or Repair-GoEnvironment for edits no command makes.</summary>
        public static string? FixLine(GoEnvFinding finding)
        {
            if (finding.Repair.Length == 0)
            {
                return null;
            }

            var parts = new List<string>();
            foreach (RepairAction action in finding.Repair)
            {
                parts.Add(action.RemoveSettings.Length > 0
                    ? $"Test-GoEnvironment | Where-Object Id -eq '{finding.Id}' | Repair-GoEnvironment"
                    : action.CommandLine);
            }

            return string.Join("; ", parts);
        }

        /// <summary>
        /// The settings file a settings repair changes: its SettingsPath, its -Path, else the user (or remote) settings of its
        /// -Editor, else of the one editor <paramref name="chooseEditor"/> picks.
        /// </summary>
        public static VsCodeSettingsFile SettingsTarget(RepairAction action, SettingsHost host, Func<Editor> chooseEditor)
        {
            string? path = action.SettingsPath ?? action.Parameters["Path"] as string;
            if (path is not null)
            {
                return new VsCodeSettingsFile(Editor.None, SettingsScope.User, null, path);
            }

            Editor editor = action.Parameters["Editor"] is string name && Enum.TryParse(name, out Editor named) ? named : chooseEditor();
            var locator = new SettingsLocator(host);
            return string.Equals(action.Parameters["Scope"] as string, nameof(SettingsScope.Remote), StringComparison.Ordinal)
                ? new VsCodeSettingsFile(editor, SettingsScope.Remote, null, locator.RemoteSettingsPath(editor))
                : new VsCodeSettingsFile(editor, SettingsScope.User, null, locator.UserSettingsPath(editor));
        }

        /// <summary>The settings operations of a settings repair, from its parameters (never from its command line).</summary>
        public static List<SettingsOperation> SettingsOperations(RepairAction action)
        {
            var operations = new List<SettingsOperation>();
            if (action.Parameters["PrependPath"] is string[] entries)
            {
                operations.Add(SettingsOperation.PrependPath(entries, "go.toolsEnvVars", "PATH"));
            }

            if (action.Parameters["Variable"] is IDictionary variables)
            {
                foreach (DictionaryEntry entry in variables)
                {
                    operations.Add(SettingsOperation.Set(entry.Value as string ?? string.Empty, "go.toolsEnvVars", (string)entry.Key));
                }
            }

            foreach (string key in action.RemoveSettings)
            {
                int dot = key.StartsWith("go.alternateTools.", StringComparison.Ordinal) ? "go.alternateTools".Length : -1;
                operations.Add(dot > 0 ? SettingsOperation.Remove(key.Substring(0, dot), key.Substring(dot + 1)) : SettingsOperation.Remove(key));
            }

            return operations;
        }

        /// <summary>The edit of a settings repair, not yet written; throws <see cref="JsoncException"/> for a file VS Code could not write either.</summary>
        public static PreparedSettingsEdit PrepareSettings(RepairAction action, VsCodeSettingsFile target, SettingsHost host)
        {
            byte[]? original = File.Exists(target.Path) ? File.ReadAllBytes(target.Path) : null;
            return SettingsEditPlan.Prepare(original, GoSettingsReader.SettingsPrefix(target), SettingsOperations(action), host.PathSeparator,
                new JsoncFormatting { DefaultLineBreak = host.Platform == SettingsPlatform.Windows ? "\r\n" : "\n" });
        }
    }
}
