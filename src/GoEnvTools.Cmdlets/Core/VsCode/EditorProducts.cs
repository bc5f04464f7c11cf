using System;

namespace GoEnvTools
{
    /// <summary>The product behind each Editor value: its display name and its user-data folder name.</summary>
    public static class EditorProducts
    {
        public static string DisplayName(Editor editor) => editor switch
        {
            Editor.Code => "Visual Studio Code",
            Editor.Insiders => "Visual Studio Code - Insiders",
            Editor.VSCodium => "VSCodium",
            Editor.Cursor => "Cursor",
            Editor.Other => "another editor (not a VS Code build)",
            Editor.None => "no editor",
            _ => throw new ArgumentOutOfRangeException(nameof(editor)),
        };

        /// <summary>The folder under the user-data root (for example ~/.config/Code), or null for Other and None.</summary>
        public static string? UserDataFolder(Editor editor) => editor switch
        {
            Editor.Code => "Code",
            Editor.Insiders => "Code - Insiders",
            Editor.VSCodium => "VSCodium",
            Editor.Cursor => "Cursor",
            _ => null,
        };

        public static string DescribeScope(SettingsScope scope) => scope switch
        {
            SettingsScope.User => "the user's settings.json",
            SettingsScope.Profile => "the settings.json of a named profile (needs -ProfileName)",
            SettingsScope.Workspace => "a folder's .vscode/settings.json or a *.code-workspace file",
            SettingsScope.Remote => "a remote server's machine settings (~/.vscode-server/data/Machine/settings.json)",
            _ => throw new ArgumentOutOfRangeException(nameof(scope)),
        };
    }
}
