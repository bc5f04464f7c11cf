using System;
using System.Collections.Generic;

namespace GoEnvTools
{
    /// <summary>Which editor's settings Set-VsCodeGoToolsEnv writes when -Editor is not given.</summary>
    public static class EditorChoice
    {
        /// <summary>
        /// <see cref="Choose"/> on this machine: the editors of the current user's running gopls processes, and the
        /// editors whose settings folders <paramref name="locator"/> finds. Where processes cannot be listed (no
        /// provider, no access), the choice rests on the installed editors and the reason says why.
        /// </summary>
        public static Editor? ChooseOnThisMachine(SettingsLocator locator, out string reason)
        {
            var running = new List<Editor>();
            string? unlisted = null;
            try
            {
                foreach (GoplsSummary gopls in new ProcessInspector(ProcessProviders.Current).SummarizeGopls())
                {
                    running.Add(gopls.Editor);
                }
            }
            catch (Exception ex) when (ex is PlatformNotSupportedException || ex is System.IO.IOException || ex is UnauthorizedAccessException)
            {
                unlisted = ex.Message;
            }

            Editor? chosen = Choose(running, locator.InstalledEditors(), out reason);
            if (unlisted is not null)
            {
                reason += " (gopls processes could not be listed: " + unlisted + ")";
            }

            return chosen;
        }

        /// <summary>
        /// The one editor the running gopls processes belong to; else the only editor installed; else null with
        /// the reason, for an error that asks for -Editor.
        /// </summary>
        public static Editor? Choose(IEnumerable<Editor> goplsEditors, IEnumerable<Editor> installed, out string reason)
        {
            var running = Distinct(goplsEditors);
            if (running.Count == 1)
            {
                reason = $"the running gopls belongs to {EditorProducts.DisplayName(running[0])}";
                return running[0];
            }

            if (running.Count > 1)
            {
                reason = "gopls runs under several editors (" + string.Join(", ", running.ConvertAll(e => e.ToString()).ToArray()) + ")";
                return null;
            }

            var found = Distinct(installed);
            if (found.Count == 1)
            {
                reason = $"{EditorProducts.DisplayName(found[0])} is the only editor installed";
                return found[0];
            }

            reason = found.Count == 0
                ? "no gopls runs and no editor's settings folder was found"
                : "no gopls runs and several editors are installed (" + string.Join(", ", found.ConvertAll(e => e.ToString()).ToArray()) + ")";
            return null;
        }

        private static List<Editor> Distinct(IEnumerable<Editor> editors)
        {
            var list = new List<Editor>();
            foreach (Editor editor in editors)
            {
                if (EditorProducts.UserDataFolder(editor) is not null && !list.Contains(editor))
                {
                    list.Add(editor);
                }
            }

            return list;
        }
    }

    /// <summary>Turns comparison rows into settings operations: Reference is the environment gopls should have.</summary>
    public static class DifferenceOperations
    {
        private static readonly string[] s_skipped = { "PWD", "OLDPWD", "SHLVL", "_", "VSCODE_RESOLVING_ENVIRONMENT" };

        /// <summary>
        /// Removed or Changed: set the reference value. PATH-like (PATH, Path): prepend the entries only the reference
        /// has. Added, Equal, Unknown and per-process variables (PWD, SHLVL, VSCODE_*, ELECTRON_*): nothing (null with a reason).
        /// </summary>
        public static SettingsOperation? From(GoEnvDifference row, string[] settingPath, out string? skipReason)
        {
            skipReason = null;
            string name = row.Name;
            if (Array.IndexOf(s_skipped, name) >= 0 || name.StartsWith("VSCODE_", StringComparison.OrdinalIgnoreCase)
                || name.StartsWith("ELECTRON_", StringComparison.OrdinalIgnoreCase))
            {
                skipReason = $"{name} belongs to one process, not to gopls's settings";
                return null;
            }

            if (string.Equals(name, "PATH", StringComparison.OrdinalIgnoreCase))
            {
                if (row.ChangeKind == ChangeKind.Equal || row.PathEntriesRemoved.Length == 0)
                {
                    skipReason = "gopls's PATH already has every entry of the reference";
                    return null;
                }

                return SettingsOperation.PrependPath(row.PathEntriesRemoved, Append(settingPath, "PATH"));
            }

            if (row.ChangeKind != ChangeKind.Removed && row.ChangeKind != ChangeKind.Changed)
            {
                skipReason = $"{name} is {row.ChangeKind}: nothing to set";
                return null;
            }

            if (row.ReferenceValue is null)
            {
                skipReason = $"{name} has no reference value";
                return null;
            }

            return SettingsOperation.Set(row.ReferenceValue, Append(settingPath, name));
        }

        private static string[] Append(string[] path, string key)
        {
            var result = new string[path.Length + 1];
            path.CopyTo(result, 0);
            result[path.Length] = key;
            return result;
        }
    }
}
