using System;
using System.Collections.Generic;
using System.IO;
using System.Management.Automation;
using System.Text;

namespace GoEnvTools.Commands
{
    /// <summary>Removes a wrapper Install-GoWrapper wrote and puts go.alternateTools back as it was.</summary>
    [Cmdlet(VerbsLifecycle.Uninstall, "GoWrapper", SupportsShouldProcess = true)]
    [OutputType(typeof(WrapperChange))]
    public sealed class UninstallGoWrapperCommand : PSCmdlet
    {
        [Parameter(Position = 0, ValueFromPipelineByPropertyName = true)]
        [ValidateSet("gopls", "go")]
        [ArgumentCompleter(typeof(Completers.ToolCompleter))]
        public string Tool { get; set; } = "gopls";

        [Parameter(ValueFromPipelineByPropertyName = true)]
        [ValidateNotNullOrEmpty]
        public string? Destination { get; set; }

        [Parameter]
        public SwitchParameter PassThru { get; set; }

        protected override void ProcessRecord()
        {
            WrapperCmdletSupport.RefuseWindows(this);
            string wrapperPath = WrapperCmdletSupport.WrapperPath(this, Destination, Tool);
            WrapperFileState state;
            try
            {
                state = WrapperInstaller.Inspect(wrapperPath);
            }
            catch (Exception ex) when (ex is IOException || ex is UnauthorizedAccessException)
            {
                ThrowTerminatingError(new ErrorRecord(ex, ErrorIds.WrapperRemoveFailed, ErrorCategory.ReadError, wrapperPath));
                return;
            }

            var change = new WrapperChange { Tool = Tool, WrapperPath = wrapperPath };
            if (state.Kind == WrapperFileKind.Missing)
            {
                WriteVerbose($"NoChange: there is no wrapper at '{wrapperPath}'.");
                Emit(change);
                return;
            }

            if (state.Kind == WrapperFileKind.Foreign)
            {
                WriteError(new ErrorRecord(
                    new IOException($"'{wrapperPath}' was not written by GoEnvTools (it has no GoEnvTools header), so it is left alone. Nothing was changed."),
                    ErrorIds.WrapperNotOwned,
                    ErrorCategory.PermissionDenied,
                    wrapperPath));
                return;
            }

            WrapperHeader header = state.Header!;
            change.TargetPath = header.TargetPath;
            var restores = new List<(VsCodeSettingsFile File, byte[] Original, PreparedSettingsEdit Edit, string? Previous)>();
            var rows = new List<SettingsChange>();
            foreach (WrapperSettingRecord record in header.Settings)
            {
                VsCodeSettingsFile file = SettingsLocator.Workspace(record.SettingsPath, GoEnvTools.Editor.None);
                try
                {
                    byte[]? original = WrapperInstaller.ReadIfPresent(file.Path);
                    string? current = WrapperInstaller.CurrentSetting(original, file, Tool);
                    if (original is null || !string.Equals(current, wrapperPath, StringComparison.Ordinal))
                    {
                        WriteVerbose($"{WrapperInstaller.AlternateToolsKey}.{Tool} in '{file.Path}' no longer names the wrapper ({current ?? "not set"}); left as it is.");
                        rows.Add(WrapperCmdletSupport.SettingRow(file.Path, Tool, current, current, changed: false));
                        continue;
                    }

                    restores.Add((file, original, WrapperInstaller.PrepareSetting(original, file, Tool, record.PreviousValue), record.PreviousValue));
                }
                catch (Exception ex) when (ex is JsoncException || ex is WrapperException || ex is IOException || ex is UnauthorizedAccessException)
                {
                    ThrowTerminatingError(new ErrorRecord(
                        new InvalidDataException($"Cannot read {WrapperInstaller.AlternateToolsKey}.{Tool} in '{file.Path}': {ex.Message} Nothing was changed: the wrapper and the setting are as they were.", ex),
                        ErrorIds.SettingsFileInvalid,
                        ErrorCategory.InvalidData,
                        file.Path));
                    return;
                }
            }

            var description = new StringBuilder($"Remove the wrapper '{wrapperPath}' (it starts '{header.TargetPath}')");
            foreach (var restore in restores)
            {
                description.Append($"; {(restore.Previous is null ? "remove" : "restore")} {WrapperInstaller.AlternateToolsKey}.{Tool} in \"{restore.File.Path}\":\n{restore.Edit.Diff}");
            }

            string text = description.ToString();
            if (!ShouldProcess(text, text + "\nGo on?", "Uninstall-GoWrapper"))
            {
                return;
            }

            // Settings first: the wrapper holds the previous values, so it goes only once they are back.
            var done = new List<string>();
            foreach (var restore in restores)
            {
                try
                {
                    SettingsFileWriter.Write(restore.File.Path, restore.Original, restore.Edit.Updated);
                }
                catch (Exception ex) when (ex is IOException || ex is UnauthorizedAccessException)
                {
                    ThrowTerminatingError(new ErrorRecord(
                        new IOException(
                            $"Cannot put {WrapperInstaller.AlternateToolsKey}.{Tool} back in '{restore.File.Path}': {ex.Message} " +
                            (done.Count > 0 ? $"Already put back in: {string.Join(", ", done.ToArray())}. " : string.Empty) +
                            $"The wrapper '{wrapperPath}' was kept (it records the previous values); run the command again.", ex),
                        ex is SettingsChangedOnDiskException ? ErrorIds.SettingsChangedOnDisk : ErrorIds.WrapperSettingNotChanged,
                        ErrorCategory.WriteError,
                        restore.File.Path));
                    return;
                }

                done.Add(restore.File.Path);
                rows.Add(WrapperCmdletSupport.SettingRow(restore.File.Path, Tool, wrapperPath, restore.Previous, changed: true));
                WriteVerbose($"{(restore.Previous is null ? "Removed" : "Restored")} {WrapperInstaller.AlternateToolsKey}.{Tool} in '{restore.File.Path}'.");
            }

            try
            {
                File.Delete(wrapperPath);
            }
            catch (Exception ex) when (ex is IOException || ex is UnauthorizedAccessException)
            {
                ThrowTerminatingError(new ErrorRecord(
                    new IOException(
                        $"Cannot remove '{wrapperPath}': {ex.Message} " +
                        (done.Count > 0 ? $"{WrapperInstaller.AlternateToolsKey}.{Tool} was already put back in: {string.Join(", ", done.ToArray())}." : "No setting was changed."), ex),
                    ErrorIds.WrapperRemoveFailed,
                    ErrorCategory.WriteError,
                    wrapperPath));
                return;
            }

            change.Status = "Changed";
            change.Action = "Removed";
            change.Settings = rows.ToArray();
            change.SettingsPath = rows.Count > 0 ? rows[0].Path : null;
            Emit(change);
        }

        private void Emit(WrapperChange change)
        {
            if (PassThru)
            {
                WriteObject(change);
            }
        }
    }
}
