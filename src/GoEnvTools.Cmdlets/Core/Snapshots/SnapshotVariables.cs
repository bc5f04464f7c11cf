using System;
using System.Collections.Generic;

namespace GoEnvTools
{
    /// <summary>What the comparison knows about variable names.</summary>
    public static class SnapshotVariables
    {
        // Variables whose value is a list of folders joined by the platform's separator (':' or ';').
        private static readonly HashSet<string> s_lists = new HashSet<string>(StringComparer.OrdinalIgnoreCase)
        {
            "PATH", "GOPATH", "PKG_CONFIG_PATH", "LD_LIBRARY_PATH", "DYLD_LIBRARY_PATH", "DYLD_FALLBACK_LIBRARY_PATH",
            "DYLD_FRAMEWORK_PATH", "MANPATH", "INFOPATH", "CPATH", "C_INCLUDE_PATH", "CPLUS_INCLUDE_PATH", "LIBRARY_PATH",
            "PYTHONPATH", "XDG_DATA_DIRS", "XDG_CONFIG_DIRS", "CLASSPATH", "PERL5LIB", "NODE_PATH", "GEM_PATH",
            "FPATH", "PSModulePath", "PATHEXT", "CDPATH", "ACLOCAL_PATH", "GOROOT_BOOTSTRAP_PATH",
        };

        // What VS Code and Electron add to their own processes (VSCODE_*, ELECTRON_RUN_AS_NODE, the Application
        // Insights switch, the crash reporter's pipe, Electron's copy of XDG_CURRENT_DESKTOP, GIO's launcher
        // variables) and what VS Code drops from the environment it resolves (XDG_RUNTIME_DIR) or removes
        // (NODE_OPTIONS, LD_PRELOAD, DYLD_INSERT_LIBRARIES, DEBUG). They differ between the editor and a shell by
        // design, so they only hide the differences that matter.
        private static readonly HashSet<string> s_editor = new HashSet<string>(StringComparer.OrdinalIgnoreCase)
        {
            "ELECTRON_RUN_AS_NODE", "XDG_RUNTIME_DIR", "NODE_OPTIONS", "LD_PRELOAD", "DYLD_INSERT_LIBRARIES", "DEBUG",
            "APPLICATION_INSIGHTS_NO_DIAGNOSTIC_CHANNEL", "CHROME_CRASHPAD_PIPE_NAME", "ORIGINAL_XDG_CURRENT_DESKTOP",
        };

        private static readonly string[] s_editorPrefixes = { "VSCODE_", "GIO_LAUNCHED_DESKTOP_FILE" };

        public static bool IsList(string name) => s_lists.Contains(name);

        public static bool IsEditorVariable(string name)
        {
            if (s_editor.Contains(name))
            {
                return true;
            }

            foreach (string prefix in s_editorPrefixes)
            {
                if (name.StartsWith(prefix, StringComparison.OrdinalIgnoreCase))
                {
                    return true;
                }
            }

            return false;
        }
    }
}
