using System;
using System.IO;
using System.Management.Automation;
using System.Threading;

namespace GoEnvTools.Commands
{
    /// <summary>The environment a newly started GUI app (VS Code from the Dock, a launcher, the Start menu) will inherit.</summary>
    [Cmdlet(VerbsCommon.Get, "GuiEnvironment")]
    [OutputType(typeof(GoEnvSnapshot))]
    public sealed class GetGuiEnvironmentCommand : PSCmdlet
    {
        private readonly CancellationTokenSource _stopping = new CancellationTokenSource();

        [Parameter(Position = 0)]
        [SupportsWildcards]
        [ValidateNotNullOrEmpty]
        public string[]? Name { get; set; }

        protected override void EndProcessing()
        {
            GuiEnvironmentEditor editor = GuiEnvironmentCmdletSupport.CreateEditor(this, _stopping.Token);
            try
            {
                GoEnvSnapshot snapshot = editor.Store.Snapshot(DateTime.Now);
                if (Name is not null)
                {
                    var patterns = Array.ConvertAll(Name, n => new WildcardPattern(n, WildcardOptions.IgnoreCase));
                    snapshot = SnapshotFactory.Select(snapshot, name => Array.Exists(patterns, p => p.IsMatch(name)));
                }

                WriteVerbose($"Read {snapshot.Source}; the module's own values are in '{editor.Store.Path}'.");
                WriteObject(snapshot);
            }
            catch (GuiEnvironmentFileException ex)
            {
                ThrowTerminatingError(new ErrorRecord(ex, ErrorIds.GuiEnvironmentFileInvalid, ErrorCategory.InvalidData, ex.Path));
            }
            catch (Exception ex) when (ex is IOException || ex is UnauthorizedAccessException || ex is ChildProcessStartException)
            {
                ThrowTerminatingError(new ErrorRecord(ex, ErrorIds.EnvironmentUnavailable, ErrorCategory.ReadError, editor.Store.Path));
            }
        }

        protected override void StopProcessing() => _stopping.Cancel();
    }
}
