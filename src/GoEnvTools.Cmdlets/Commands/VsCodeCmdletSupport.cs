using System;
using System.Collections.Generic;
using System.Management.Automation;

namespace GoEnvTools.Commands
{
    /// <summary>What the VS Code settings cmdlets share: the selection parameters and the settings file input.</summary>
    internal static class VsCodeCmdletSupport
    {
        public static IEnumerable<VsCodeSettingsFile> Find(PSCmdlet cmdlet, Editor[]? editors, SettingsScope[]? scopes, string? path, string? profileName)
        {
            var query = new SettingsQuery
            {
                Editors = editors,
                Scopes = scopes,
                Path = path is null ? null : cmdlet.GetUnresolvedProviderPathFromPSPath(path),
                ProfileName = profileName,
            };

            if (scopes is not null && Array.IndexOf(scopes, SettingsScope.Workspace) >= 0 && query.Path is null)
            {
                cmdlet.ThrowTerminatingError(new ErrorRecord(
                    new ArgumentException("-Scope Workspace needs -Path: a folder (its .vscode/settings.json), a *.code-workspace file or a settings .json file."),
                    ErrorIds.SettingsWorkspacePathMissing,
                    ErrorCategory.InvalidArgument,
                    null));
            }

            var locator = new SettingsLocator(SettingsHost.Current);
            foreach (VsCodeSettingsFile file in locator.Find(query))
            {
                cmdlet.WriteVerbose($"{file.Editor} {file.Scope}{(file.ProfileName is null ? string.Empty : " '" + file.ProfileName + "'")}: {file.Path}{(file.Exists ? string.Empty : " (missing)")}");
                yield return file;
            }
        }

        /// <summary>A settings file from the pipeline: a VsCodeSettingsFile, its Deserialized form, or a path string.</summary>
        public static VsCodeSettingsFile? FromInput(PSCmdlet cmdlet, PSObject input)
        {
            if (input.BaseObject is VsCodeSettingsFile file)
            {
                file.Refresh();
                return file;
            }

            if (input.BaseObject is string text)
            {
                return SettingsLocator.Workspace(cmdlet.GetUnresolvedProviderPathFromPSPath(text), GoEnvTools.Editor.None);
            }

            string? path = input.Properties["Path"]?.Value?.ToString();
            if (path is null)
            {
                cmdlet.WriteError(new ErrorRecord(
                    new ArgumentException("Expected a VsCodeSettingsFile (from Get-VsCodeSettingsFile) or a path."),
                    ErrorIds.SettingsInputNotSupported,
                    ErrorCategory.InvalidArgument,
                    input));
                return null;
            }

            Enum.TryParse(input.Properties["Editor"]?.Value?.ToString(), out Editor editor);
            if (!Enum.TryParse(input.Properties["Scope"]?.Value?.ToString(), out SettingsScope scope))
            {
                scope = SettingsScope.Workspace;
            }

            return new VsCodeSettingsFile(editor, scope, input.Properties["ProfileName"]?.Value?.ToString(), path);
        }
    }
}
