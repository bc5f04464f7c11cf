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

        // macOS application bundles. The main process of VS Code and VSCodium is Contents/MacOS/Electron, a name
        // many other apps share, so the bundle tells whose it is; helpers live under Contents/Frameworks.
        private static readonly (string Marker, Editor Editor)[] s_macBundles =
        {
            ("/Visual Studio Code - Insiders.app/Contents/", Editor.Insiders),
            ("/Visual Studio Code.app/Contents/", Editor.Code),
            ("/VSCodium - Insiders.app/Contents/", Editor.VSCodium),
            ("/VSCodium.app/Contents/", Editor.VSCodium),
            ("/Cursor.app/Contents/", Editor.Cursor),
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

            // Each candidate is tried in turn without collecting them into an array first: this runs for every
            // ancestor of every gopls.
            if ((ServerEditor(exe) ?? ServerEditor(argv0)) is Editor remote)
            {
                return new EditorMatch(remote, isRemote: true);
            }

            if ((NameEditor(exe is null ? null : Path.GetFileName(exe)) ?? NameEditor(process.Name)) is Editor named)
            {
                return new EditorMatch(named, isRemote: false);
            }

            // Last, so that no process of Linux or Windows pays for it unless nothing else matched.
            if ((BundleEditor(exe) ?? BundleEditor(argv0)) is Editor bundled)
            {
                return new EditorMatch(bundled, isRemote: false);
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

        /// <summary>The editor whose remote server folder holds <paramref name="path"/>, or null.</summary>
        private static Editor? ServerEditor(string? path)
        {
            if (path is null)
            {
                return null;
            }

            string unixPath = path.Replace('\\', '/');
            foreach ((string marker, Editor editor) in s_serverFolders)
            {
                if (unixPath.IndexOf(marker, StringComparison.Ordinal) >= 0)
                {
                    return editor;
                }
            }

            return null;
        }

        /// <summary>The editor an executable name belongs to (Other for editors outside the VS Code family), or null.</summary>
        private static Editor? NameEditor(string? candidate)
        {
            if (string.IsNullOrEmpty(candidate))
            {
                return null;
            }

            string name = StripHelperRole(StripExe(candidate!));
            if (s_executables.TryGetValue(name, out Editor found))
            {
                return found;
            }

            return s_otherEditors.Contains(name) ? Editor.Other : (Editor?)null;
        }

        /// <summary>The editor whose macOS app bundle holds <paramref name="path"/>, or null.</summary>
        private static Editor? BundleEditor(string? path)
        {
            // One search rules out every path outside an app bundle (all of them on Linux and Windows).
            if (path is null || path.IndexOf(".app/Contents/", StringComparison.Ordinal) < 0)
            {
                return null;
            }

            foreach ((string marker, Editor editor) in s_macBundles)
            {
                if (path.IndexOf(marker, StringComparison.Ordinal) >= 0)
                {
                    return editor;
                }
            }

            return null;
        }

        /// <summary>
        /// "Code Helper (Renderer)", "Code Helper (GPU)" and the like become "Code Helper": Electron names each macOS
        /// helper after the app and its role. Only names of that shape are changed.
        /// </summary>
        private static string StripHelperRole(string name)
        {
            if (!name.EndsWith(")", StringComparison.Ordinal))
            {
                return name;
            }

            int open = name.LastIndexOf(" (", StringComparison.Ordinal);
            return open > 0 && name.Substring(0, open).EndsWith(" Helper", StringComparison.Ordinal) && !s_executables.ContainsKey(name)
                ? name.Substring(0, open)
                : name;
        }

        public static string StripExe(string name) =>
            name.EndsWith(".exe", StringComparison.OrdinalIgnoreCase) ? name.Substring(0, name.Length - 4) : name;
    }
}
