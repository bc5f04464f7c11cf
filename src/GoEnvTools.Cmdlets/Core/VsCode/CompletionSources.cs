using System;
using System.Collections;
using System.Collections.Generic;
using System.Collections.Specialized;
using System.IO;

namespace GoEnvTools
{
    /// <summary>A value a completer offers, and where it was found (for the tooltip).</summary>
    public sealed class CompletionCandidate
    {
        public CompletionCandidate(string name, string source, string? value)
        {
            Name = name;
            Source = source;
            Value = value;
        }

        public string Name { get; }

        /// <summary>Where the name was found: a settings key and file, the current environment, an editor's profiles.</summary>
        public string Source { get; }

        /// <summary>The value there; "&lt;redacted&gt;" for a secret, null when there is none.</summary>
        public string? Value { get; }
    }

    /// <summary>
    /// What tab completion offers for variable names and profile names: read from the settings files and the
    /// environment each time, and never failing (a file that cannot be read adds nothing).
    /// </summary>
    public static class CompletionSources
    {
        private const string Redacted = "<redacted>";

        /// <summary>
        /// Names set in go.toolsEnvVars and terminal.integrated.env.&lt;os&gt; of the settings files of
        /// <paramref name="editors"/> (null: the installed editors) and of the workspace at
        /// <paramref name="workspacePath"/>, then the names of <paramref name="environment"/>, each name once.
        /// </summary>
        public static IReadOnlyList<CompletionCandidate> VariableNames(SettingsHost host, IEnumerable<Editor>? editors, string? workspacePath, IDictionary environment)
        {
            var result = new List<CompletionCandidate>();
            var seen = new HashSet<string>(StringComparer.Ordinal);
            foreach (VsCodeSettingsFile file in SettingsFiles(host, editors, workspacePath))
            {
                VsCodeGoSettings settings = GoSettingsReader.Read(file, host);
                Add(result, seen, settings.ToolsEnvVars, "go.toolsEnvVars in " + file.Path);
                Add(result, seen, settings.TerminalEnv, $"terminal.integrated.env.{host.TerminalOsKey} in {file.Path}");
            }

            var names = new List<string>();
            foreach (DictionaryEntry entry in environment)
            {
                if (entry.Key is string name && name.Length > 0)
                {
                    names.Add(name);
                }
            }

            names.Sort(StringComparer.OrdinalIgnoreCase);
            foreach (string name in names)
            {
                if (seen.Add(name))
                {
                    result.Add(new CompletionCandidate(name, "the current environment", Shown(name, environment[name]?.ToString())));
                }
            }

            return result;
        }

        /// <summary>The profiles of <paramref name="editors"/> (null: the installed editors), each name once.</summary>
        public static IReadOnlyList<CompletionCandidate> ProfileNames(SettingsHost host, IEnumerable<Editor>? editors)
        {
            var locator = new SettingsLocator(host);
            var result = new List<CompletionCandidate>();
            var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
            foreach (Editor editor in editors ?? locator.InstalledEditors())
            {
                if (EditorProducts.UserDataFolder(editor) is null)
                {
                    continue;
                }

                IEnumerable<VsCodeSettingsFile> profiles;
                try
                {
                    profiles = locator.Profiles(editor);
                }
                catch (Exception ex) when (ex is IOException || ex is UnauthorizedAccessException)
                {
                    continue;
                }

                foreach (VsCodeSettingsFile profile in profiles)
                {
                    if (profile.ProfileName is not null && seen.Add(profile.ProfileName))
                    {
                        result.Add(new CompletionCandidate(profile.ProfileName, $"{EditorProducts.DisplayName(editor)} profile", profile.Path));
                    }
                }
            }

            return result;
        }

        private static IEnumerable<VsCodeSettingsFile> SettingsFiles(SettingsHost host, IEnumerable<Editor>? editors, string? workspacePath)
        {
            var files = new List<VsCodeSettingsFile>();
            try
            {
                if (!string.IsNullOrEmpty(workspacePath))
                {
                    files.Add(SettingsLocator.Workspace(workspacePath!, Editor.None));
                }

                var editorList = editors is null ? null : new List<Editor>(editors);
                files.AddRange(new SettingsLocator(host).Find(new SettingsQuery { Editors = editorList }));
            }
            catch (Exception ex) when (ex is IOException || ex is UnauthorizedAccessException || ex is ArgumentException || ex is NotSupportedException)
            {
                // A path that is not one, or a folder that cannot be listed: complete from what was found.
            }

            return files;
        }

        private static void Add(List<CompletionCandidate> result, HashSet<string> seen, OrderedDictionary? values, string source)
        {
            if (values is null)
            {
                return;
            }

            foreach (DictionaryEntry entry in values)
            {
                string name = entry.Key.ToString() ?? string.Empty;
                if (name.Length > 0 && seen.Add(name))
                {
                    result.Add(new CompletionCandidate(name, source, Shown(name, entry.Value?.ToString())));
                }
            }
        }

        private static string? Shown(string name, string? value) => SecretDetector.IsSecret(name, value) ? Redacted : value;
    }
}
