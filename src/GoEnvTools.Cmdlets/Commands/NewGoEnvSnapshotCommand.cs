using System;
using System.Management.Automation;

namespace GoEnvTools.Commands
{
    /// <summary>Captures environment variables as a snapshot: of this session, of a process, or of piped objects.</summary>
    [Cmdlet(VerbsCommon.New, "GoEnvSnapshot", DefaultParameterSetName = CurrentSet)]
    [OutputType(typeof(GoEnvSnapshot))]
    public sealed class NewGoEnvSnapshotCommand : PSCmdlet
    {
        private const string CurrentSet = "Current";
        private const string IdSet = "Id";
        private const string InputSet = "InputObject";

        private ProcessInspector? _inspector;

        [Parameter(ParameterSetName = IdSet, Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
        [Alias("ProcessId")]
        public int[] Id { get; set; } = Array.Empty<int>();

        [Parameter(ParameterSetName = InputSet, Mandatory = true, ValueFromPipeline = true)]
        public PSObject? InputObject { get; set; }

        protected override void BeginProcessing()
        {
            if (ParameterSetName == IdSet)
            {
                _inspector = CmdletSupport.CreateInspector(this);
            }
        }

        protected override void ProcessRecord()
        {
            switch (ParameterSetName)
            {
                case IdSet:
                    foreach (int id in Id)
                    {
                        ReadProcess(id);
                    }

                    break;
                case InputSet when InputObject?.BaseObject is System.Diagnostics.Process process:
                    // Get-Process output binds here rather than to -Id; it names a process to read.
                    _inspector ??= CmdletSupport.CreateInspector(this);
                    ReadProcess(process.Id);
                    break;
                case InputSet:
                    // A new snapshot of a snapshot is a copy, so changing one never changes the other.
                    if (SnapshotInput.TryConvert(this, InputObject, out GoEnvSnapshot snapshot))
                    {
                        WriteObject(ReferenceEquals(snapshot, InputObject?.BaseObject) ? SnapshotFactory.Copy(snapshot) : snapshot);
                    }

                    break;
                default:
                    WriteObject(SnapshotFactory.FromCurrentProcess(DateTime.Now));
                    break;
            }
        }

        private void ReadProcess(int id)
        {
            ProcessReadOutcome outcome = _inspector!.TryRead(id, out ProcessEnvironment? process);
            if (CmdletSupport.ReportOutcome(this, outcome, id, reportMissing: true))
            {
                WriteObject(SnapshotFactory.FromProcess(process!, DateTime.Now));
            }
        }
    }
}
