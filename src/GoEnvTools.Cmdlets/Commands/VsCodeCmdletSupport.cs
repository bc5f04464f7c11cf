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

        /// <summary>
        /// The one settings file a change goes to: -Path, or -Scope (default User) of -Editor; without -Editor the editor
        /// of the running gopls, else the only one installed, else a terminating error asking for -Editor.
        /// </summary>
        public static VsCodeSettingsFile ChooseSettingsFile(PSCmdlet cmdlet, SettingsHost host, string? path, Editor? editor, SettingsScope scope, string? profileName)
        {
            var locator = new SettingsLocator(host);
            if (path is not null)
            {
                return SettingsLocator.Workspace(cmdlet.GetUnresolvedProviderPathFromPSPath(path), editor ?? Editor.None);
            }

            if (scope == SettingsScope.Workspace)
            {
                Fail(cmdlet, new ArgumentException("-Scope Workspace needs -Path: a folder (its .vscode/settings.json) or a *.code-workspace file."),
                    ErrorIds.SettingsWorkspacePathMissing, ErrorCategory.InvalidArgument, null);
            }

            if (scope == SettingsScope.Profile && string.IsNullOrEmpty(profileName))
            {
                Fail(cmdlet, new ArgumentException("-Scope Profile needs -ProfileName: Get-VsCodeSettingsFile -Scope Profile lists the profiles."),
                    ErrorIds.SettingsProfileNameMissing, ErrorCategory.InvalidArgument, null);
            }

            Editor chosen = editor ?? ChooseEditor(cmdlet, locator);
            if (EditorProducts.UserDataFolder(chosen) is null)
            {
                Fail(cmdlet, new ArgumentException($"{chosen} has no VS Code settings files: name Code, Insiders, VSCodium or Cursor with -Editor, or give -Path."),
                    ErrorIds.SettingsEditorNotChosen, ErrorCategory.InvalidArgument, chosen);
            }

            switch (scope)
            {
                case SettingsScope.Remote:
                    return new VsCodeSettingsFile(chosen, SettingsScope.Remote, null, locator.RemoteSettingsPath(chosen));
                case SettingsScope.Profile:
                    foreach (VsCodeSettingsFile profile in locator.Profiles(chosen))
                    {
                        if (string.Equals(profile.ProfileName, profileName, StringComparison.OrdinalIgnoreCase)
                            || string.Equals(profile.ProfileId, profileName, StringComparison.OrdinalIgnoreCase))
                        {
                            return profile;
                        }
                    }

                    Fail(cmdlet, new ItemNotFoundException($"{EditorProducts.DisplayName(chosen)} has no profile named '{profileName}'. Get-VsCodeSettingsFile -Editor {chosen} -Scope Profile lists the profiles; create a profile in VS Code first."),
                        ErrorIds.SettingsProfileNotFound, ErrorCategory.ObjectNotFound, profileName);
                    throw new InvalidOperationException();
                default:
                    return new VsCodeSettingsFile(chosen, SettingsScope.User, null, locator.UserSettingsPath(chosen));
            }
        }

        private static Editor ChooseEditor(PSCmdlet cmdlet, SettingsLocator locator)
        {
            if (EditorChoice.ChooseOnThisMachine(locator, out string reason) is Editor chosen)
            {
                cmdlet.WriteVerbose($"Editing {chosen}'s settings: {reason}.");
                return chosen;
            }

            Fail(cmdlet, new InvalidOperationException($"Cannot tell which editor's settings to change: {reason}. Name it with -Editor (Code, Insiders, VSCodium or Cursor), or give -Path."),
                ErrorIds.SettingsEditorNotChosen, ErrorCategory.InvalidArgument, null);
            throw new InvalidOperationException();
        }

        private static void Fail(PSCmdlet cmdlet, Exception ex, string id, ErrorCategory category, object? target) =>
            cmdlet.ThrowTerminatingError(new ErrorRecord(ex, id, category, target));
    }
}
