using System;
using System.Collections;
using System.Management.Automation;
using System.Runtime.InteropServices;
using System.Threading;

namespace GoEnvTools.Commands
{
    /// <summary>Runs go env -json under a given environment: a snapshot, a process's, or the current one.</summary>
    [Cmdlet(VerbsCommon.Get, "GoEnv")]
    [OutputType(typeof(GoEnvResult))]
    public sealed class GetGoEnvCommand : PSCmdlet
    {
        private readonly CancellationTokenSource _stopping = new CancellationTokenSource();
        private GoEnvReader? _reader;
        private bool _sawInput;

        /// <summary>A GoEnvSnapshot, a ProcessEnvironment or GoplsEnvironment (live or deserialized), or nothing.</summary>
        [Parameter(Position = 0, ValueFromPipeline = true)]
        public PSObject? InputObject { get; set; }

        [Parameter]
        [ValidateNotNullOrEmpty]
        public string? WorkingDirectory { get; set; }

        protected override void BeginProcessing()
        {
            try
            {
                _reader = new GoEnvReader(ChildProcessRunners.Create(_stopping.Token), ChildProcessRunners.IsExecutableFile,
                    RuntimeInformation.IsOSPlatform(OSPlatform.Windows));
            }
            catch (PlatformNotSupportedException ex)
            {
                ThrowTerminatingError(new ErrorRecord(ex, ErrorIds.PlatformNotSupported, ErrorCategory.NotImplemented, null));
            }
        }

        protected override void ProcessRecord()
        {
            if (InputObject is null)
            {
                return;
            }

            _sawInput = true;
            GoEnvSnapshot snapshot;
            try
            {
                snapshot = SnapshotInput.ToSnapshot(InputObject, DateTime.Now);
            }
            catch (ArgumentException ex)
            {
                WriteError(new ErrorRecord(ex, ErrorIds.SnapshotInputNotSupported, ErrorCategory.InvalidType, InputObject));
                return;
            }

            if (snapshot.Variables is null)
            {
                WriteError(new ErrorRecord(
                    new InvalidOperationException($"The environment of {snapshot.Source} could not be read (EnvironmentStatus {snapshot.EnvironmentStatus}), so go cannot run with it. Pipe an object whose environment was read, or nothing for the current environment."),
                    ErrorIds.EnvironmentUnavailable,
                    ErrorCategory.InvalidData,
                    InputObject));
                return;
            }

            // Snapshots of a shell run in a folder, processes and gopls carry the folder they work in.
            string? folder = InputObject.Properties["WorkingDirectory"]?.Value?.ToString();
            Emit(snapshot.Variables, string.IsNullOrEmpty(folder) ? null : folder, snapshot.Source, InputObject);
        }

        protected override void EndProcessing()
        {
            if (!_sawInput)
            {
                GoEnvSnapshot current = SnapshotFactory.FromCurrentProcess(DateTime.Now);
                Emit(current.Variables!, null, current.Source, null);
            }
        }

        protected override void StopProcessing() => _stopping.Cancel();

        private void Emit(IDictionary environment, string? objectFolder, string source, object? target)
        {
            string folder = WorkingDirectory is not null
                ? GetUnresolvedProviderPathFromPSPath(WorkingDirectory)
                : objectFolder ?? SessionState.Path.CurrentFileSystemLocation.ProviderPath;
            if (!System.IO.Directory.Exists(folder))
            {
                WriteError(new ErrorRecord(
                    new System.IO.DirectoryNotFoundException($"Cannot run go in '{folder}': the folder does not exist. Give an existing one with -WorkingDirectory."),
                    ErrorIds.GoCommandFailed, ErrorCategory.ObjectNotFound, folder));
                return;
            }

            WriteVerbose($"Running go env -json in {folder} with the environment of {source}.");
            try
            {
                WriteObject(_reader!.Read(environment, folder, source));
            }
            catch (GoNotInstalledException ex)
            {
                WriteError(new ErrorRecord(ex, ErrorIds.NotInstalled, ErrorCategory.ObjectNotFound, target ?? ex.SearchedPath));
            }
            catch (GoCommandFailedException ex)
            {
                WriteError(new ErrorRecord(ex, ErrorIds.GoCommandFailed, ErrorCategory.InvalidResult, target ?? ex.GoBinary));
            }
            catch (ChildProcessStartException ex)
            {
                WriteError(new ErrorRecord(ex, ErrorIds.GoCommandFailed, ErrorCategory.OpenError, target ?? ex.FileName));
            }
        }
    }
}
