namespace GoEnvTools
{
    /// <summary>Where a VS Code settings file applies.</summary>
    public enum SettingsScope
    {
        /// <summary>The user's settings.json of one editor.</summary>
        User,
        /// <summary>The settings.json of one named profile.</summary>
        Profile,
        /// <summary>A folder's .vscode/settings.json or a *.code-workspace file.</summary>
        Workspace,
        /// <summary>The machine settings of a remote server (~/.vscode-server/data/Machine).</summary>
        Remote,
    }
}
