using System;
using System.Collections.Generic;
using System.IO;

namespace GoEnvTools
{
    /// <summary>What one process in gopls's ancestry says about the editor.</summary>
    public readonly struct EditorMatch
    {
        public EditorMatch(Editor editor, bool isRemote)
        {
            Editor = editor;
            IsRemote = isRemote;
        }

        public Editor Editor { get; }
        public bool IsRemote { get; }
    }

    /// <summary>Recognises editor processes by executable name and install layout.</summary>
    public static class EditorDetector
    {
        // Remote servers run node from these folders in the user's home (the trailing slash keeps
        // ".vscode-server/" from matching ".vscode-server-insiders/").
        private static readonly (string Marker, Editor Editor)[] s_serverFolders =
        {
            ("/.vscode-server-insiders/", Editor.Insiders),
            ("/.vscode-server/", Editor.Code),
            ("/.vscodium-server/", Editor.VSCodium),
            ("/.cursor-server/", Editor.Cursor),
        };

        // Executable names of the Electron main and helper processes, compared without ".exe".
        private static readonly Dictionary<string, Editor> s_executables = new Dictionary<string, Editor>(StringComparer.OrdinalIgnoreCase)
        {
            ["code"] = Editor.Code,
            ["code-oss"] = Editor.Code,
            ["Code Helper"] = Editor.Code,
            ["Code Helper (Plugin)"] = Editor.Code,
            ["code-insiders"] = Editor.Insiders,
            ["Code - Insiders"] = Editor.Insiders,
            ["Code - Insiders Helper"] = Editor.Insiders,
            ["Code - Insiders Helper (Plugin)"] = Editor.Insiders,
            ["codium"] = Editor.VSCodium,
            ["vscodium"] = Editor.VSCodium,
            ["VSCodium Helper"] = Editor.VSCodium,
            ["VSCodium Helper (Plugin)"] = Editor.VSCodium,
            ["cursor"] = Editor.Cursor,
            ["Cursor Helper"] = Editor.Cursor,
            ["Cursor Helper (Plugin)"] = Editor.Cursor,
        };

        // Other programs that start gopls as their language server.
        private static readonly HashSet<string> s_otherEditors = new HashSet<string>(StringComparer.OrdinalIgnoreCase)
        {
            "nvim", "vim", "gvim", "emacs", "hx", "helix", "kak", "subl", "sublime_text", "zed", "zed-editor",
            "goland", "goland64", "idea", "idea64", "fleet", "lapce", "micro",
        };

        /// <summary>The editor this process belongs to, or null when it is not an editor process.</summary>
        public static EditorMatch? Classify(ProcessInfo process)
        {
            string? exe = process.ExecutablePath;
            string? argv0 = process.CommandLine.Length > 0 ? process.CommandLine[0] : null;
            foreach (string? path in new[] { exe, argv0 })
            {
                if (path is null)
                {
                    continue;
                }

                string unixPath = path.Replace('\\', '/');
                foreach ((string marker, Editor editor) in s_serverFolders)
                {
                    if (unixPath.IndexOf(marker, StringComparison.Ordinal) >= 0)
                    {
                        return new EditorMatch(editor, isRemote: true);
                    }
                }
            }

            foreach (string? candidate in new[] { exe is null ? null : Path.GetFileName(exe), process.Name })
            {
                if (string.IsNullOrEmpty(candidate))
                {
                    continue;
                }

                string name = StripExe(candidate!);
                if (s_executables.TryGetValue(name, out Editor found))
                {
                    return new EditorMatch(found, isRemote: false);
                }

                if (s_otherEditors.Contains(name))
                {
                    return new EditorMatch(Editor.Other, isRemote: false);
                }
            }

            return null;
        }

        /// <summary>
        /// The extension host is an Electron utility process locally (<c>--type=utility</c>, Node service) and a
        /// <c>--type=extensionHost</c> node process on remote servers and in old builds. Case is ignored: Windows
        /// has been seen to pass these switches lower-cased.
        /// </summary>
        public static bool LooksLikeExtensionHost(ProcessInfo process)
        {
            foreach (string arg in process.CommandLine)
            {
                if (arg.Equals("--type=extensionHost", StringComparison.OrdinalIgnoreCase) ||
                    arg.Equals("--type=utility", StringComparison.OrdinalIgnoreCase))
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>Whether an environment marks its process as the extension host.</summary>
        public static bool IsExtensionHostEnvironment(string? crashReporterProcessType) =>
            string.Equals(crashReporterProcessType, "extensionHost", StringComparison.Ordinal);

        public static string StripExe(string name) =>
            name.EndsWith(".exe", StringComparison.OrdinalIgnoreCase) ? name.Substring(0, name.Length - 4) : name;
    }
}
