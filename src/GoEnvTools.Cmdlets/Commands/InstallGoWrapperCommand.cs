using System;
using System.Collections.Generic;
using System.IO;
using System.Management.Automation;
using System.Threading;

namespace GoEnvTools.Commands
{
    /// <summary>Writes a gopls (or go) wrapper that starts the real tool with the login shell's environment.</summary>
    [Cmdlet(VerbsLifecycle.Install, "GoWrapper", SupportsShouldProcess = true)]
    [OutputType(typeof(WrapperChange))]
    public sealed class InstallGoWrapperCommand : PSCmdlet
    {
        private readonly CancellationTokenSource _stopping = new CancellationTokenSource();

        [Parameter(Position = 0)]
        [ValidateSet("gopls", "go")]
        [ArgumentCompleter(typeof(Completers.ToolCompleter))]
        public string Tool { get; set; } = "gopls";

        [Parameter]
        [ValidateNotNullOrEmpty]
        public string? Destination { get; set; }

        [Parameter]
        [ValidateNotNullOrEmpty]
        public string? TargetPath { get; set; }

        [Parameter]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(Completers.ShellCompleter))]
        public string? Shell { get; set; }

        [Parameter]
        [ValidateRange(1, 120)]
        public int TimeoutSeconds { get; set; } = 10;

        [Parameter]
        public SwitchParameter SetAlternateTool { get; set; }

        [Parameter]
        [ArgumentCompleter(typeof(Completers.EditorCompleter))]
        public Editor? Editor { get; set; }

        [Parameter]
        [ArgumentCompleter(typeof(Completers.SettingsScopeCompleter))]
        public SettingsScope Scope { get; set; } = SettingsScope.User;

        [Parameter]
        public string? ProfileName { get; set; }

        [Parameter]
        [Alias("LiteralPath")]
        public string? Path { get; set; }

        [Parameter]
        public SwitchParameter Force { get; set; }

        [Parameter]
        public SwitchParameter PassThru { get; set; }

        protected override void EndProcessing()
        {
            WrapperCmdletSupport.RefuseWindows(this);
            string wrapperPath = WrapperCmdletSupport.WrapperPath(this, Destination, Tool);
            var shellHost = ShellEnvironmentHost.ForCurrentSystem(_stopping.Token);
            var resolver = new ShellEnvironmentResolver(shellHost);

            string shell;
            try
            {
                shell = resolver.ChooseShell(Shell is null || Shell.IndexOf('/') < 0 ? Shell : GetUnresolvedProviderPathFromPSPath(Shell), shellHost.CurrentEnvironment());
            }
            catch (ShellNotFoundException ex)
            {
                ThrowTerminatingError(new ErrorRecord(ex, ErrorIds.ShellNotFound, ErrorCategory.ObjectNotFound, ex.Shell));
                return;
            }

            string target = TargetPath is null ? FindTarget(resolver, shell, wrapperPath, shellHost) : CheckTarget(wrapperPath, shellHost);
            WrapperPrograms programs = Try(() => WrapperPrograms.Find(WrapperPrograms.SearchFolders(Environment.GetEnvironmentVariable("PATH")), shellHost.IsExecutableFile), ErrorIds.WrapperTargetNotFound, ErrorCategory.ObjectNotFound, null);

            VsCodeSettingsFile? settings = null;
            byte[]? original = null;
            string? current = null;
            if (SetAlternateTool)
            {
                settings = VsCodeCmdletSupport.ChooseSettingsFile(this, SettingsHost.Current, Path, Editor, Scope, ProfileName);
                original = Try(() => WrapperInstaller.ReadIfPresent(settings.Path), ErrorIds.SettingsReadFailed, ErrorCategory.ReadError, settings.Path);
                current = Try(() => WrapperInstaller.CurrentSetting(original, settings, Tool), ErrorIds.SettingsFileInvalid, ErrorCategory.InvalidData, settings.Path);
            }
            else if (Editor is not null || Path is not null || ProfileName is not null)
            {
                WriteWarning("-Editor, -Scope, -ProfileName and -Path choose the settings file of -SetAlternateTool; without it no settings file is changed.");
            }

            WrapperFileState existing = Try(() => WrapperInstaller.Inspect(wrapperPath), ErrorIds.WrapperWriteFailed, ErrorCategory.ReadError, wrapperPath);
            if (existing.Kind == WrapperFileKind.Foreign && !Force)
            {
                ThrowTerminatingError(new ErrorRecord(
                    new IOException($"'{wrapperPath}' exists and GoEnvTools did not write it (it has no GoEnvTools header). Nothing was changed. Choose another -Destination, or use -Force to replace it (a copy is kept as {System.IO.Path.GetFileName(wrapperPath)}.goenvtools.bak)."),
                    ErrorIds.WrapperPathTaken,
                    ErrorCategory.ResourceExists,
                    wrapperPath));
            }

            var spec = new WrapperSpec(Tool, wrapperPath, target, shell)
            {
                ShellPinned = Shell is not null,
                TimeoutSeconds = TimeoutSeconds,
                Programs = programs,
                PrivateFolder = WrapperInstaller.PrivateFolderFor(wrapperPath),
            };
            WrapperInstallPlan plan = Try(() => WrapperInstaller.PlanInstall(spec, existing, settings?.Path, current), ErrorIds.WrapperTargetInvalid, ErrorCategory.InvalidArgument, wrapperPath);
            PreparedSettingsEdit? edit = plan.SetsSetting
                ? Try(() => WrapperInstaller.PrepareSetting(original, settings!, Tool, wrapperPath), ErrorIds.SettingsFileInvalid, ErrorCategory.InvalidData, settings!.Path)
                : null;

            if (Tool == "go")
            {
                WriteWarning("A go wrapper often does not reach gopls: with go.alternateTools.go set, vscode-go puts the real $GOROOT/bin first on the PATH of the tools it starts, so gopls runs that go. Wrap gopls instead (Install-GoWrapper -Tool gopls): gopls and every go it runs then get the environment.");
            }

            var change = new WrapperChange
            {
                Tool = Tool,
                WrapperPath = wrapperPath,
                TargetPath = target,
                Shell = shell,
                TimeoutSeconds = TimeoutSeconds,
                SettingsPath = settings?.Path,
                Action = plan.Action,
            };
            if (settings is not null)
            {
                change.Settings = new[] { WrapperCmdletSupport.SettingRow(settings.Path, Tool, current, wrapperPath, plan.SetsSetting) };
            }

            if (!plan.WritesWrapper && !plan.SetsSetting)
            {
                WriteVerbose($"NoChange: '{wrapperPath}' already starts '{target}'{(settings is null ? string.Empty : $" and {WrapperInstaller.AlternateToolsKey}.{Tool} in '{settings.Path}' names it")}.");
                Emit(change);
                return;
            }

            var description = new System.Text.StringBuilder();
            if (plan.WritesWrapper)
            {
                description.Append(existing.Kind == WrapperFileKind.Missing ? "Write" : "Replace").Append($" the wrapper '{wrapperPath}' (starts '{target}' with the environment of {shell}, timeout {TimeoutSeconds} s)");
            }

            if (edit is not null && edit.WritesFile)
            {
                description.Append(description.Length > 0 ? "; set " : "Set ")
                    .Append($"{WrapperInstaller.AlternateToolsKey}.{Tool} in \"{settings!.Path}\"{(edit.Original is null ? " (a new file)" : string.Empty)}:\n{edit.Diff}");
            }

            string text = description.ToString();
            if (!ShouldProcess(text, text + "\nGo on?", "Install-GoWrapper"))
            {
                return;
            }

            if (plan.WritesWrapper)
            {
                try
                {
                    if (existing.Kind == WrapperFileKind.Foreign)
                    {
                        string backup = SettingsFileWriter.BackupPath(wrapperPath, DateTime.Now);
                        File.Copy(wrapperPath, backup);
                        WriteVerbose($"Kept a copy of the file that was at '{wrapperPath}' as '{backup}'.");
                    }

                    WrapperInstaller.Write(wrapperPath, plan.Content);
                }
                catch (Exception ex) when (ex is IOException || ex is UnauthorizedAccessException)
                {
                    ThrowTerminatingError(new ErrorRecord(
                        new IOException($"Cannot write the wrapper '{wrapperPath}': {ex.Message} Nothing was changed: no wrapper and no setting.", ex),
                        ErrorIds.WrapperWriteFailed,
                        ErrorCategory.WriteError,
                        wrapperPath));
                }

                WriteVerbose($"Wrote '{wrapperPath}'.");
            }

            if (edit is not null && edit.WritesFile)
            {
                try
                {
                    string? backup = SettingsFileWriter.Write(settings!.Path, original, edit.Updated);
                    WriteVerbose($"Set {WrapperInstaller.AlternateToolsKey}.{Tool} in '{settings.Path}'{(backup is null ? string.Empty : "; the old file is in '" + backup + "'")}. vscode-go starts the wrapper the next time it starts {Tool} (Go: Restart Language Server).");
                }
                catch (Exception ex) when (ex is IOException || ex is UnauthorizedAccessException)
                {
                    ThrowTerminatingError(new ErrorRecord(
                        new IOException(
                            $"The wrapper '{wrapperPath}' is {(plan.WritesWrapper ? "written" : "in place")}, but {WrapperInstaller.AlternateToolsKey}.{Tool} in '{settings!.Path}' was not changed: {ex.Message} " +
                            "Run the command again, set the key with Set-VsCodeGoToolsEnv -AlternateTool, or remove the wrapper with Uninstall-GoWrapper.", ex),
                        ex is SettingsChangedOnDiskException ? ErrorIds.SettingsChangedOnDisk : ErrorIds.WrapperSettingNotChanged,
                        ErrorCategory.WriteError,
                        settings.Path));
                }
            }

            change.Status = "Changed";
            Emit(change);
        }

        protected override void StopProcessing() => _stopping.Cancel();

        private void Emit(WrapperChange change)
        {
            if (PassThru)
            {
                WriteObject(change);
            }
        }

        private string CheckTarget(string wrapperPath, ShellEnvironmentHost host) =>
            Try(() => WrapperInstaller.CheckTarget(GetUnresolvedProviderPathFromPSPath(TargetPath!), wrapperPath, host.IsExecutableFile),
                ErrorIds.WrapperTargetInvalid, ErrorCategory.InvalidArgument, TargetPath);

        // The real tool as the login shell finds it; this session's PATH when the shell cannot be run.
        private string FindTarget(ShellEnvironmentResolver resolver, string shell, string wrapperPath, ShellEnvironmentHost host)
        {
            string? path;
            string where;
            WriteProgress(new ProgressRecord(1, "Install-GoWrapper", $"Reading PATH from {shell} as VS Code does (timeout {TimeoutSeconds} s)"));
            try
            {
                GoEnvSnapshot snapshot = resolver.Resolve(new ShellEnvironmentOptions { Shell = shell, Timeout = TimeSpan.FromSeconds(TimeoutSeconds) });
                path = snapshot.Variables?["PATH"] as string;
                where = $"the PATH of {snapshot.Source}";
            }
            catch (Exception ex) when (ex is ShellEnvironmentTimeoutException || ex is ShellEnvironmentNotCapturedException || ex is ChildProcessStartException)
            {
                WriteWarning($"Cannot read PATH from {shell}: {ex.Message} Looking for {Tool} on this session's PATH instead.");
                path = Environment.GetEnvironmentVariable("PATH");
                where = "this session's PATH";
            }
            finally
            {
                WriteProgress(new ProgressRecord(1, "Install-GoWrapper", "Done") { RecordType = ProgressRecordType.Completed });
            }

            var skipped = new List<string>();
            string? found = WrapperInstaller.FindTarget(Tool, PathLookup.Split(path, windows: false), wrapperPath, host.IsExecutableFile, skipped);
            foreach (string wrapper in skipped)
            {
                WriteVerbose($"Passed over '{wrapper}': it is a GoEnvTools wrapper, not the real {Tool}.");
            }

            if (found is null)
            {
                ThrowTerminatingError(new ErrorRecord(
                    new ItemNotFoundException(
                        $"No real {Tool} is on {where} ({path}){(skipped.Count > 0 ? ", only GoEnvTools wrappers (" + string.Join(", ", skipped.ToArray()) + ")" : string.Empty)}. " +
                        $"Install it (go install golang.org/x/tools/gopls@latest puts gopls in $(go env GOPATH)/bin) or name it with -TargetPath. Nothing was changed."),
                    ErrorIds.WrapperTargetNotFound,
                    ErrorCategory.ObjectNotFound,
                    Tool));
            }

            WriteVerbose($"The real {Tool}: '{found}', from {where}.");
            return found!;
        }

        private T Try<T>(Func<T> action, string errorId, ErrorCategory category, object? target)
        {
            try
            {
                return action();
            }
            catch (JsoncException ex)
            {
                ThrowTerminatingError(new ErrorRecord(
                    new InvalidDataException($"Cannot read '{target}': line {ex.Line}, column {ex.Column}: {ex.Code}: {ex.Detail}. Nothing was changed; fix the file in VS Code and run the command again.", ex),
                    ErrorIds.SettingsFileInvalid,
                    ErrorCategory.InvalidData,
                    target));
                throw;
            }
            catch (Exception ex) when (ex is WrapperException || ex is IOException || ex is UnauthorizedAccessException)
            {
                ThrowTerminatingError(new ErrorRecord(ex, errorId, category, target));
                throw;
            }
        }
    }
}
