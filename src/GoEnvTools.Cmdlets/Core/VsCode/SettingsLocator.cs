using System;
using System.Collections.Generic;
using System.IO;

namespace GoEnvTools
{
    /// <summary>What to look for: editors and scopes (null for the defaults), a workspace path, a profile name.</summary>
    public sealed class SettingsQuery
    {
        public IReadOnlyCollection<Editor>? Editors { get; set; }
        public IReadOnlyCollection<SettingsScope>? Scopes { get; set; }

        /// <summary>A folder (its .vscode/settings.json), a *.code-workspace file, or any settings .json file.</summary>
        public string? Path { get; set; }

        /// <summary>Keep only profiles with this name (or folder id); case-insensitive.</summary>
        public string? ProfileName { get; set; }
    }

    /// <summary>
    /// Finds VS Code settings files where VS Code keeps them (see FACTS "Where settings live"): the user data folder
    /// of each product under %APPDATA%, ~/Library/Application Support or ${XDG_CONFIG_HOME:-~/.config}, or
    /// VSCODE_PORTABLE/user-data; profiles under User/profiles with the names of User/globalStorage/storage.json;
    /// workspace files; the machine settings of the remote servers.
    /// </summary>
    public sealed class SettingsLocator
    {
        private static readonly Editor[] s_editors = { Editor.Code, Editor.Insiders, Editor.VSCodium, Editor.Cursor };

        private readonly SettingsHost _host;

        public SettingsLocator(SettingsHost host)
        {
            _host = host ?? throw new ArgumentNullException(nameof(host));
        }

        /// <summary>The user data folder of an editor (holding User/settings.json).</summary>
        public string UserDataFolder(Editor editor)
        {
            string product = EditorProducts.UserDataFolder(editor)
                ?? throw new ArgumentException($"{editor} is not a VS Code build with settings files.", nameof(editor));
            if (_host.Env("VSCODE_PORTABLE") is string portable)
            {
                return Path.Combine(portable, "user-data");
            }

            return Path.Combine(ConfigRoot(), product);
        }

        private string ConfigRoot() => _host.Platform switch
        {
            SettingsPlatform.Windows => _host.Env("APPDATA") ?? Path.Combine(_host.Home, "AppData", "Roaming"),
            SettingsPlatform.MacOS => Path.Combine(_host.Home, "Library", "Application Support"),
            _ => _host.Env("XDG_CONFIG_HOME") ?? Path.Combine(_host.Home, ".config"),
        };

        public string UserSettingsPath(Editor editor) => Path.Combine(UserDataFolder(editor), "User", "settings.json");

        /// <summary>The server folder of an editor's remote server (~/.vscode-server and the forks').</summary>
        public string RemoteServerFolder(Editor editor) => Path.Combine(_host.Home, editor switch
        {
            Editor.Code => ".vscode-server",
            Editor.Insiders => ".vscode-server-insiders",
            Editor.VSCodium => ".vscodium-server",
            Editor.Cursor => ".cursor-server",
            _ => throw new ArgumentException($"{editor} has no remote server.", nameof(editor)),
        });

        public string RemoteSettingsPath(Editor editor) => Path.Combine(RemoteServerFolder(editor), "data", "Machine", "settings.json");

        /// <summary>The editors whose user data folder exists (with VSCODE_PORTABLE: Code only, as one folder serves them all).</summary>
        public IEnumerable<Editor> InstalledEditors()
        {
            if (_host.Env("VSCODE_PORTABLE") is not null)
            {
                yield return Editor.Code;
                yield break;
            }

            foreach (Editor editor in s_editors)
            {
                if (Directory.Exists(UserDataFolder(editor)))
                {
                    yield return editor;
                }
            }
        }

        /// <summary>The files a query selects, in the order editor, then scope.</summary>
        /// <exception cref="ArgumentException">Workspace without a path.</exception>
        public IEnumerable<VsCodeSettingsFile> Find(SettingsQuery query)
        {
            IReadOnlyCollection<SettingsScope> scopes = query.Scopes
                ?? (query.Path is not null
                    ? new[] { SettingsScope.Workspace }
                    : query.ProfileName is not null
                        ? new[] { SettingsScope.Profile }
                        : new[] { SettingsScope.User, SettingsScope.Profile, SettingsScope.Remote });
            bool explicitEditors = query.Editors is { Count: > 0 };

            if (Contains(scopes, SettingsScope.Workspace))
            {
                if (query.Path is null)
                {
                    throw new ArgumentException("-Scope Workspace needs -Path: a folder, a *.code-workspace file or a settings .json file.");
                }

                Editor editor = Editor.None;
                if (explicitEditors)
                {
                    foreach (Editor e in query.Editors!)
                    {
                        editor = e;
                        break;
                    }
                }

                yield return Workspace(query.Path, editor);
            }

            IEnumerable<Editor> editors = explicitEditors ? query.Editors! : InstalledEditors();
            foreach (Editor editor in editors)
            {
                if (EditorProducts.UserDataFolder(editor) is null)
                {
                    continue;
                }

                if (Contains(scopes, SettingsScope.User))
                {
                    yield return new VsCodeSettingsFile(editor, SettingsScope.User, null, UserSettingsPath(editor));
                }

                if (Contains(scopes, SettingsScope.Profile))
                {
                    foreach (VsCodeSettingsFile profile in Profiles(editor))
                    {
                        if (query.ProfileName is null
                            || string.Equals(profile.ProfileName, query.ProfileName, StringComparison.OrdinalIgnoreCase)
                            || string.Equals(profile.ProfileId, query.ProfileName, StringComparison.OrdinalIgnoreCase))
                        {
                            yield return profile;
                        }
                    }
                }
            }

            if (Contains(scopes, SettingsScope.Remote))
            {
                foreach (Editor editor in explicitEditors ? query.Editors! : s_editors)
                {
                    if (EditorProducts.UserDataFolder(editor) is null)
                    {
                        continue;
                    }

                    if (explicitEditors || Directory.Exists(RemoteServerFolder(editor)))
                    {
                        yield return new VsCodeSettingsFile(editor, SettingsScope.Remote, null, RemoteSettingsPath(editor));
                    }
                }
            }
        }

        /// <summary>A folder means its .vscode/settings.json; a file (a *.code-workspace or any .json) means itself.</summary>
        public static VsCodeSettingsFile Workspace(string path, Editor editor)
        {
            string full = Path.GetFullPath(path);
            if (Directory.Exists(full))
            {
                return new VsCodeSettingsFile(editor, SettingsScope.Workspace, null, Path.Combine(full, ".vscode", "settings.json"));
            }

            return new VsCodeSettingsFile(editor, SettingsScope.Workspace, null, full);
        }

        /// <summary>Every profile folder of an editor, named from storage.json where VS Code records a name.</summary>
        public IEnumerable<VsCodeSettingsFile> Profiles(Editor editor)
        {
            string user = Path.Combine(UserDataFolder(editor), "User");
            string profiles = Path.Combine(user, "profiles");
            Dictionary<string, string> names = ProfileNames(Path.Combine(user, "globalStorage", "storage.json"));
            var seen = new HashSet<string>(StringComparer.Ordinal);
            var result = new List<VsCodeSettingsFile>();
            if (Directory.Exists(profiles))
            {
                string[] folders = Directory.GetDirectories(profiles);
                Array.Sort(folders, StringComparer.Ordinal);
                foreach (string folder in folders)
                {
                    string id = Path.GetFileName(folder);
                    seen.Add(id);
                    result.Add(Profile(editor, folder, id, names));
                }
            }

            // A profile VS Code records whose folder is not there yet (created on first use).
            foreach (KeyValuePair<string, string> entry in names)
            {
                if (!seen.Contains(entry.Key))
                {
                    result.Add(Profile(editor, Path.Combine(profiles, entry.Key), entry.Key, names));
                }
            }

            return result;
        }

        private static VsCodeSettingsFile Profile(Editor editor, string folder, string id, Dictionary<string, string> names) =>
            new VsCodeSettingsFile(editor, SettingsScope.Profile, names.TryGetValue(id, out string? name) ? name : id, Path.Combine(folder, "settings.json"))
            {
                ProfileId = id,
            };

        /// <summary>Folder id to name, from the "userDataProfiles" entries {location, name} of storage.json.</summary>
        internal static Dictionary<string, string> ProfileNames(string storagePath)
        {
            var names = new Dictionary<string, string>(StringComparer.Ordinal);
            byte[] bytes;
            try
            {
                bytes = File.ReadAllBytes(storagePath);
            }
            catch (Exception ex) when (ex is IOException || ex is UnauthorizedAccessException)
            {
                return names;
            }

            JsoncNode? list;
            try
            {
                list = JsoncDocument.Parse(bytes).Find(new[] { "userDataProfiles" });
            }
            catch (JsoncException)
            {
                return names;
            }

            if (list is null || list.Kind != JsoncNodeKind.Array)
            {
                return names;
            }

            foreach (JsoncNode item in list.Items)
            {
                if (item.Kind != JsoncNodeKind.Object)
                {
                    continue;
                }

                string? location = item.GetProperty("location")?.Value.Value;
                string? name = item.GetProperty("name")?.Value.Value;
                if (location is null || name is null)
                {
                    continue;
                }

                // "location" is the folder id, or in some builds a URI ending in it.
                string id = location.TrimEnd('/', '\\');
                int slash = id.LastIndexOfAny(new[] { '/', '\\' });
                names[slash >= 0 ? id.Substring(slash + 1) : id] = name;
            }

            return names;
        }

        private static bool Contains(IReadOnlyCollection<SettingsScope> scopes, SettingsScope scope)
        {
            foreach (SettingsScope s in scopes)
            {
                if (s == scope)
                {
                    return true;
                }
            }

            return false;
        }
    }
}
