using System;
using System.Collections;
using System.Collections.Generic;
using System.IO;
using System.Management.Automation;
using System.Threading;

namespace GoEnvTools.Commands
{
    /// <summary>Applies the fixes of Test-GoEnvironment's findings in the preferred order and says what to restart.</summary>
    [Cmdlet(VerbsDiagnostic.Repair, "GoEnvironment", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
    [OutputType(typeof(RepairResult))]
    public sealed class RepairGoEnvironmentCommand : PSCmdlet
    {
        private readonly List<GoEnvFinding> _findings = new List<GoEnvFinding>();
        private readonly CancellationTokenSource _stopping = new CancellationTokenSource();

        [Parameter(Mandatory = true, ValueFromPipeline = true)]
        public PSObject? InputObject { get; set; }

        [Parameter]
        public SwitchParameter NoBackup { get; set; }

        protected override void ProcessRecord()
        {
            if (InputObject?.BaseObject is GoEnvFinding finding)
            {
                _findings.Add(finding);
                return;
            }

            WriteError(new ErrorRecord(
                new ArgumentException("Repair-GoEnvironment takes the findings of Test-GoEnvironment from the pipeline in the same session (a finding that went through a file or a job has lost its repair data): Test-GoEnvironment | Repair-GoEnvironment."),
                ErrorIds.RepairInputNotSupported,
                ErrorCategory.InvalidArgument,
                InputObject));
        }

        protected override void EndProcessing()
        {
            SettingsHost host = SettingsHost.Current;
            var restarts = new List<string>();
            foreach (PlannedRepair repair in RepairPlanner.Order(_findings))
            {
                RepairResult result = Apply(repair, host);
                if (result.Status == RepairStatus.Changed && result.RestartNeeded is string restart && !restarts.Contains(restart))
                {
                    restarts.Add(restart);
                }

                WriteObject(result);
            }

            foreach (string restart in restarts)
            {
                WriteWarning("Before gopls sees the changes: " + restart.TrimEnd('.') + ".");
            }
        }

        protected override void StopProcessing() => _stopping.Cancel();

        private RepairResult Apply(PlannedRepair repair, SettingsHost host)
        {
            RepairAction action = repair.Action;
            var result = new RepairResult { FindingId = repair.FindingId, Action = action.CommandLine, Kind = action.Kind };
            if (action.ContainsSecret)
            {
                result.Status = RepairStatus.Skipped;
                result.Message = "The value is a secret and is shown as <redacted>; run the command with the real value yourself.";
                return result;
            }

            try
            {
                switch (action.Kind)
                {
                    case RepairKind.Settings:
                        ApplySettings(action, host, result);
                        break;
                    case RepairKind.GoEnvConfig:
                        ApplyGoEnv(action, result);
                        break;
                    case RepairKind.GuiEnvironment:
                        ApplyGui(action, result);
                        break;
                    case RepairKind.Wrapper:
                        ApplyWrapper(action, host, result);
                        break;
                }
            }
            catch (GuiEnvironmentPartialException ex)
            {
                // The store was written, the running session was not told: the next login gets it.
                result.Status = RepairStatus.Failed;
                result.RestartNeeded = ex.Change.RestartNeeded;
                result.Message = ex.Message;
                WriteError(new ErrorRecord(ex, ErrorIds.GuiEnvironmentPartiallyChanged, ErrorCategory.WriteError, result.Target ?? (object)action.CommandLine));
            }
            catch (Exception ex) when (ex is IOException || ex is UnauthorizedAccessException || ex is JsoncException || ex is GoCommandFailedException
                                       || ex is GoNotInstalledException || ex is ChildProcessStartException || ex is RuntimeException || ex is ArgumentException
                                       || ex is GoEnvConfigException || ex is GuiEnvironmentFileException || ex is InvalidOperationException
                                       || ex is PlatformNotSupportedException || ex is WrapperException || ex is ShellNotFoundException)
            {
                result.Status = RepairStatus.Failed;
                result.Message = ex is JsoncException json
                    ? $"line {json.Line}, column {json.Column}: {json.Code}: {json.Detail}. The file was left as it is; correct it first."
                    : ex.Message;
                WriteError(new ErrorRecord(ex, ErrorIds.RepairFailed, ErrorCategory.WriteError, result.Target ?? (object)action.CommandLine));
            }

            return result;
        }

        private void ApplySettings(RepairAction action, SettingsHost host, RepairResult result)
        {
            VsCodeSettingsFile target = RepairPlanner.SettingsTarget(action, host, () => ChooseEditor(host));
            result.Target = target.Path;
            PreparedSettingsEdit edit = RepairPlanner.PrepareSettings(action, target, host);
            if (!edit.WritesFile)
            {
                result.Status = RepairStatus.NoChange;
                return;
            }

            string description = $"Set {string.Join(", ", edit.ChangedKeys)} in \"{target.Path}\":\n{edit.Diff}";
            if (!ShouldProcess(description, description + "\nWrite these lines?", "Repair-GoEnvironment"))
            {
                result.Status = RepairStatus.Skipped;
                return;
            }

            string? backup = SettingsFileWriter.Write(target.Path, edit.Original, edit.Updated, new SettingsWriteOptions { Backup = !NoBackup });
            result.Status = RepairStatus.Changed;
            result.RestartNeeded = action.RestartNeeded;
            result.Message = backup is null ? null : "The old file is in " + backup;
        }

        // go env -w through Set-GoEnvConfig's Core: the go of the login shell, the ledger that Remove-GoEnvConfig restores from.
        private void ApplyGoEnv(RepairAction action, RepairResult result)
        {
            string name = (string)action.Parameters["Name"]!;
            string value = (string)action.Parameters["Value"]!;
            IDictionary environment = Environment.GetEnvironmentVariables();
            IChildProcessRunner runner = ChildProcessRunners.Create(_stopping.Token);
            string go = action.GoBinary ?? new GoEnvReader(runner, ChildProcessRunners.IsExecutableFile, SettingsHost.CurrentPlatform == SettingsPlatform.Windows).FindGo(environment);
            var editor = new GoEnvConfigEditor(runner, go, environment, null);
            GoEnvConfigPlan plan = editor.PlanSet(name, value);
            result.Target = plan.Change.GoEnvFile;
            if (!Proceed(plan.WritesAnything, plan.Description, result))
            {
                return;
            }

            GoEnvConfigChange change = editor.Apply(plan);
            result.Status = RepairStatus.Changed;
            result.RestartNeeded = action.RestartNeeded;
            if (change.GoMessage is not null)
            {
                result.Message = "go: " + change.GoMessage;
                WriteWarning(result.Message);
            }
        }

        // Set-GuiEnvironmentVariable's Core: the store of this OS, written first, then the running session told.
        private void ApplyGui(RepairAction action, RepairResult result)
        {
            string name = (string)action.Parameters["Name"]!;
            string value = (string)action.Parameters["Value"]!;
            var editor = new GuiEnvironmentEditor(GuiEnvironmentStores.ForCurrentUser(ChildProcessRunners.Create(_stopping.Token), Environment.GetEnvironmentVariables()));
            result.Target = editor.Store.Path;
            GuiEnvironmentPlan plan = editor.PlanSet(name, value);
            if (!Proceed(plan.WritesAnything, plan.Description, result))
            {
                return;
            }

            GuiEnvironmentChange change = editor.Apply(plan);
            result.Status = RepairStatus.Changed;
            result.RestartNeeded = change.RestartNeeded;
            result.Message = change.RuntimeNote;
            WriteVerbose(change.RuntimeNote ?? string.Empty);
        }

        // NoChange when there is nothing to write; Skipped when -WhatIf or -Confirm says no.
        private bool Proceed(bool writes, string description, RepairResult result)
        {
            if (!writes)
            {
                result.Status = RepairStatus.NoChange;
                return false;
            }

            if (!ShouldProcess(description, description + "?", "Repair-GoEnvironment"))
            {
                result.Status = RepairStatus.Skipped;
                return false;
            }

            return true;
        }

        // Install-GoWrapper -SetAlternateTool with its defaults, through its Core.
        private void ApplyWrapper(RepairAction action, SettingsHost host, RepairResult result)
        {
            if (host.Platform == SettingsPlatform.Windows)
            {
                throw new PlatformNotSupportedException("A gopls wrapper cannot work on Windows (vscode-go cannot start a script there). Nothing was changed; put the variables into the GUI environment instead (Set-GuiEnvironmentVariable).");
            }

            VsCodeSettingsFile target = RepairPlanner.SettingsTarget(action, host, () => ChooseEditor(host));
            PreparedWrapperRepair prepared = WrapperRepair.Prepare(action, target, host, ShellEnvironmentHost.ForCurrentSystem(_stopping.Token), WrapperPrograms.SearchFolders(Environment.GetEnvironmentVariable("PATH")));
            result.Target = prepared.WrapperPath;
            if (!Proceed(prepared.WritesAnything, prepared.Description, result))
            {
                return;
            }

            string? backup = WrapperRepair.Apply(prepared, backup: !NoBackup);
            result.Status = RepairStatus.Changed;
            result.RestartNeeded = action.RestartNeeded;
            result.Message = $"'{prepared.WrapperPath}' starts '{prepared.TargetPath}' with the environment of {prepared.Shell}" +
                             (backup is null ? "." : "; the old settings file is in " + backup + ".");
        }

        private static Editor ChooseEditor(SettingsHost host)
        {
            if (EditorChoice.ChooseOnThisMachine(new SettingsLocator(host), out string reason) is Editor chosen)
            {
                return chosen;
            }

            throw new ArgumentException($"Cannot tell which editor's settings to change: {reason}. Run Set-VsCodeGoToolsEnv with -Editor yourself.");
        }
    }
}
