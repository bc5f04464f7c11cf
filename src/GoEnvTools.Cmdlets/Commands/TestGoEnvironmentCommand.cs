using System;
using System.Collections.Generic;
using System.IO;
using System.Management.Automation;
using System.Threading;

namespace GoEnvTools.Commands
{
    /// <summary>Finds why gopls does not get the environment meant for it, with the evidence and the command that fixes it.</summary>
    [Cmdlet(VerbsDiagnostic.Test, "GoEnvironment")]
    [OutputType(typeof(GoEnvFinding))]
    public sealed class TestGoEnvironmentCommand : PSCmdlet
    {
        private const string Activity = "Test-GoEnvironment";
        private readonly CancellationTokenSource _stopping = new CancellationTokenSource();

        [Parameter(Position = 0)]
        [Alias("LiteralPath")]
        [ValidateNotNullOrEmpty]
        public string? Path { get; set; }

        [Parameter]
        [ArgumentCompleter(typeof(Completers.EditorCompleter))]
        public Editor? Editor { get; set; }

        [Parameter(ValueFromPipelineByPropertyName = true)]
        [Alias("ProcessId")]
        [ArgumentCompleter(typeof(Completers.GoplsProcessIdCompleter))]
        public int[]? Id { get; set; }

        [Parameter]
        [ValidateNotNullOrEmpty]
        public string? Report { get; set; }

        [Parameter]
        [ValidateRange(1, 120)]
        public int TimeoutSeconds { get; set; } = 10;

        private readonly List<int> _ids = new List<int>();

        protected override void ProcessRecord()
        {
            if (Id is not null)
            {
                _ids.AddRange(Id);
            }
        }

        protected override void EndProcessing()
        {
            string? workspace = null;
            if (Path is not null)
            {
                workspace = GetUnresolvedProviderPathFromPSPath(Path);
                if (!Directory.Exists(workspace))
                {
                    ThrowTerminatingError(new ErrorRecord(
                        new DirectoryNotFoundException($"The workspace folder '{workspace}' does not exist. Give the folder you open in VS Code (the one holding .vscode/settings.json or go.mod)."),
                        ErrorIds.DiagnosisPathNotFound,
                        ErrorCategory.ObjectNotFound,
                        Path));
                }
            }

            string? reportPath = Report is null ? null : GetUnresolvedProviderPathFromPSPath(Report);
            ProcessInspector? inspector = null;
            try
            {
                inspector = new ProcessInspector(ProcessProviders.Current);
            }
            catch (PlatformNotSupportedException ex)
            {
                WriteVerbose("No process provider on this OS: " + ex.Message);
            }

            IGuiEnvironmentSource gui = GuiEnvironmentSources.ForCurrentUser(ChildProcessRunners.Create(_stopping.Token), Environment.GetEnvironmentVariables());
            var host = new DiagnosisHost(inspector, ShellEnvironmentHost.ForCurrentSystem(_stopping.Token), SettingsHost.Current, gui);
            var gatherer = new DiagnosisGatherer(host)
            {
                Progress = (phase, percent) => WriteProgress(new ProgressRecord(1, Activity, "Reading " + phase) { PercentComplete = percent }),
            };

            DiagnosisEvidence evidence;
            try
            {
                evidence = gatherer.Gather(new DiagnosisOptions { WorkspacePath = workspace, Editor = Editor, ShellTimeout = TimeSpan.FromSeconds(TimeoutSeconds), GoplsProcessIds = _ids.Count > 0 ? _ids : null });
            }
            finally
            {
                WriteProgress(new ProgressRecord(1, Activity, "Done") { RecordType = ProgressRecordType.Completed });
            }

            foreach (PhaseTiming timing in evidence.Timings)
            {
                WriteVerbose($"Phase {timing.Name}: {timing.Milliseconds:0} ms");
            }

            List<GoEnvFinding> findings = DiagnosisEngine.Analyze(evidence);
            if (reportPath is not null)
            {
                string version = MyInvocation.MyCommand.Module?.Version?.ToString() ?? typeof(TestGoEnvironmentCommand).Assembly.GetName().Version?.ToString() ?? "unknown";
                try
                {
                    AtomicFile.Write(reportPath, DiagnosisReport.Format(findings, evidence, version, DateTime.Now), overwrite: true, ownerOnly: false);
                    WriteVerbose($"Wrote the report to '{reportPath}'.");
                }
                catch (Exception ex) when (ex is IOException || ex is UnauthorizedAccessException)
                {
                    WriteError(new ErrorRecord(
                        new IOException($"Cannot write the report '{reportPath}': {ex.Message} Give a path in a folder you can write to.", ex),
                        ErrorIds.ReportWriteFailed,
                        ErrorCategory.WriteError,
                        reportPath));
                }
            }

            foreach (GoEnvFinding finding in findings)
            {
                WriteObject(finding);
            }
        }

        protected override void StopProcessing() => _stopping.Cancel();
    }
}
