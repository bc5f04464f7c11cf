using System;
using System.Management.Automation;
using System.Runtime.InteropServices;
using System.Threading;

namespace GoEnvTools.Commands
{
    /// <summary>Captures the environment VS Code would get from the user's shell at start-up.</summary>
    [Cmdlet(VerbsCommon.Get, "ShellEnvironment")]
    [OutputType(typeof(GoEnvSnapshot))]
    public sealed class GetShellEnvironmentCommand : PSCmdlet
    {
        private readonly CancellationTokenSource _stopping = new CancellationTokenSource();

        [Parameter(Position = 0)]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(Completers.ShellCompleter))]
        public string? Shell { get; set; }

        [Parameter]
        [ValidateRange(1, 120)]
        public int TimeoutSeconds { get; set; } = 10;

        [Parameter]
        public SwitchParameter NoLogin { get; set; }

        [Parameter]
        public SwitchParameter NoInteractive { get; set; }

        [Parameter]
        [ValidateNotNullOrEmpty]
        public string? WorkingDirectory { get; set; }

        protected override void EndProcessing()
        {
            if (RuntimeInformation.IsOSPlatform(OSPlatform.Windows))
            {
                WriteWarning("VS Code resolves no shell environment on Windows: it keeps the environment it was started with (from the desktop, the one Windows builds from the registry at login). Compare with Get-GoplsEnvironment or the HKCU\\Environment values instead.");
                return;
            }

            var options = new ShellEnvironmentOptions
            {
                Shell = Shell is null || Shell.IndexOf('/') < 0 ? Shell : GetUnresolvedProviderPathFromPSPath(Shell),
                Timeout = TimeSpan.FromSeconds(TimeoutSeconds),
                Login = !NoLogin,
                Interactive = !NoInteractive,
                WorkingDirectory = WorkingDirectory is null ? null : ResolveFolder(WorkingDirectory),
            };

            var resolver = new ShellEnvironmentResolver(ShellEnvironmentHost.ForCurrentSystem(_stopping.Token));
            WriteProgress(new ProgressRecord(1, "Get-ShellEnvironment", $"Starting {Shell ?? "the login shell"} as VS Code does (timeout {TimeoutSeconds} s)"));
            GoEnvSnapshot snapshot;
            try
            {
                snapshot = resolver.Resolve(options);
            }
            catch (Exception ex) when (Classify(ex) is (string id, ErrorCategory category, var target))
            {
                ThrowTerminatingError(new ErrorRecord(ex, id, category, target));
                return;
            }
            finally
            {
                WriteProgress(new ProgressRecord(1, "Get-ShellEnvironment", "Done") { RecordType = ProgressRecordType.Completed });
            }

            WriteVerbose($"Ran {snapshot.Source} in {snapshot.ElapsedMilliseconds} ms; exit code {snapshot.ExitCode}; {snapshot.Variables!.Count} variables.");
            if (snapshot.ElapsedMilliseconds > (long)ShellEnvironmentResolver.SlowThreshold.TotalMilliseconds)
            {
                WriteWarning($"{snapshot.Source} took {snapshot.ElapsedMilliseconds} ms. VS Code waits {TimeoutSeconds} s at most and then starts without your shell's variables; a start-up that is slow here may time out on a busy day. Start-up files can test VSCODE_RESOLVING_ENVIRONMENT=1 to skip slow work.");
            }

            if (snapshot.ExitCode is int code && code != 0)
            {
                WriteWarning($"{snapshot.Source} exited with code {code}. VS Code treats that as a failure (\"Unexpected exit code from spawned shell\") and keeps none of these variables; the environment below is what the shell had exported before it ended. StandardError holds what it wrote.");
            }

            WriteObject(snapshot);
        }

        protected override void StopProcessing() => _stopping.Cancel();

        // The error id, category and target of each way the resolution can fail; null for anything unexpected.
        private static (string Id, ErrorCategory Category, object? Target)? Classify(Exception ex) => ex switch
        {
            ShellNotFoundException notFound => (ErrorIds.ShellNotFound, ErrorCategory.ObjectNotFound, notFound.Shell),
            ChildProcessStartException start => (ErrorIds.ShellStartFailed, ErrorCategory.OpenError, start.FileName),
            ShellEnvironmentTimeoutException timeout => (ErrorIds.ShellEnvironmentTimeout, ErrorCategory.OperationTimeout, timeout.Shell),
            ShellEnvironmentNotCapturedException notCaptured => (ErrorIds.ShellEnvironmentNotCaptured, ErrorCategory.InvalidResult, notCaptured.Shell),
            PlatformNotSupportedException => (ErrorIds.PlatformNotSupported, ErrorCategory.NotImplemented, null),
            _ => null,
        };

        private string ResolveFolder(string path)
        {
            string resolved = GetUnresolvedProviderPathFromPSPath(path);
            if (!System.IO.Directory.Exists(resolved))
            {
                ThrowTerminatingError(new ErrorRecord(
                    new System.IO.DirectoryNotFoundException($"The working directory '{resolved}' does not exist. Give an existing folder, for example a project with an .envrc."),
                    ErrorIds.ShellStartFailed,
                    ErrorCategory.ObjectNotFound,
                    path));
            }

            return resolved;
        }
    }
}
