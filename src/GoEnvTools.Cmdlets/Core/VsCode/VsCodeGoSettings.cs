using System.Collections.Specialized;

namespace GoEnvTools
{
    /// <summary>Something wrong with a Go setting, or with the whole file: where, and what to do.</summary>
    public sealed class SettingsProblem
    {
        public SettingsProblem(string path, string? key, int? line, int? column, string message)
        {
            Path = path;
            Key = key;
            Line = line;
            Column = column;
            Message = message;
        }

        public string Path { get; }

        /// <summary>The setting (for example go.toolsEnvVars.GOPROXY), or null for the whole file.</summary>
        public string? Key { get; }

        public int? Line { get; }
        public int? Column { get; }
        public string Message { get; }

        public override string ToString() =>
            (Line is int line ? $"{Path}:{line}:{Column}: " : Path + ": ") + (Key is null ? string.Empty : Key + ": ") + Message;
    }

    /// <summary>The Go settings of one settings file, as VS Code reads them, and what is wrong with them.</summary>
    public sealed class VsCodeGoSettings
    {
        public VsCodeGoSettings(VsCodeSettingsFile settingsFile)
        {
            SettingsFile = settingsFile;
        }

        public VsCodeSettingsFile SettingsFile { get; }

        /// <summary>go.toolsEnvVars: the environment vscode-go gives gopls and the tools (${env:X} expanded by vscode-go).</summary>
        public OrderedDictionary? ToolsEnvVars { get; set; }

        /// <summary>go.alternateTools: tool name (go, gopls, dlv) to the program used instead.</summary>
        public OrderedDictionary? AlternateTools { get; set; }

        public string? GoRoot { get; set; }
        public string? GoPath { get; set; }

        /// <summary>"gopls": {"build.env": {...}}: the environment of the go commands gopls runs (not gopls's own).</summary>
        public OrderedDictionary? GoplsBuildEnv { get; set; }

        /// <summary>terminal.integrated.env.&lt;os&gt; for this OS: integrated terminals only, never gopls.</summary>
        public OrderedDictionary? TerminalEnv { get; set; }

        public SettingsProblem[] Problems { get; set; } = new SettingsProblem[0];
    }

    /// <summary>One setting Set-VsCodeGoToolsEnv handled, and what it did.</summary>
    public sealed class SettingsChange
    {
        public string Path { get; set; } = string.Empty;

        /// <summary>Changed, or NoChange (the file already said so, or -WhatIf).</summary>
        public string Status { get; set; } = "NoChange";

        /// <summary>The setting, as keys joined with '.' (go.toolsEnvVars.PATH).</summary>
        public string Key { get; set; } = string.Empty;

        public string? OldValue { get; set; }

        /// <summary>The value written; null when the key was removed.</summary>
        public string? NewValue { get; set; }

        /// <summary>The copy of the file as it was before the change; null when none was made.</summary>
        public string? BackupPath { get; set; }

        public override string ToString() => $"{Status} {Key}";
    }
}
