using System;
using System.Management.Automation;

namespace GoEnvTools.Commands
{
    /// <summary>Shows the environment gopls really has, where it came from, and which go it runs.</summary>
    [Cmdlet(VerbsCommon.Get, "GoplsEnvironment")]
    [OutputType(typeof(GoplsEnvironment))]
    public sealed class GetGoplsEnvironmentCommand : PSCmdlet
    {
        private ProcessInspector? _inspector;
        private bool _sawIdInput;
        private int _found;

        [Parameter(Position = 0, ValueFromPipelineByPropertyName = true)]
        [ArgumentCompleter(typeof(Completers.GoplsProcessIdCompleter))]
        [Alias("ProcessId")]
        public int[]? Id { get; set; }

        protected override void BeginProcessing()
        {
            _inspector = CmdletSupport.CreateInspector(this);
        }

        protected override void ProcessRecord()
        {
            ProcessInspector inspector = _inspector!;
            if (Id is not null)
            {
                _sawIdInput = true;
                foreach (int id in Id)
                {
                    ProcessReadOutcome outcome = inspector.TryReadGopls(id, out GoplsEnvironment? gopls);
                    if (CmdletSupport.ReportOutcome(this, outcome, id, reportMissing: true))
                    {
                        _found++;
                        WriteObject(gopls);
                    }
                }

                return;
            }

            WriteVerbose($"Looking for processes named gopls of user {inspector.Provider.CurrentUserName}.");
            foreach ((int id, ProcessReadOutcome outcome, GoplsEnvironment? gopls) in inspector.ReadGopls())
            {
                if (outcome == ProcessReadOutcome.Found)
                {
                    _found++;
                    WriteObject(gopls);
                }
                else
                {
                    WriteVerbose($"Skipped gopls process {id}: it exited while it was read.");
                }
            }
        }

        protected override void EndProcessing()
        {
            if (!_sawIdInput && _found == 0)
            {
                WriteWarning($"No gopls process is running for user {_inspector!.Provider.CurrentUserName}: looked for processes named 'gopls' (or 'gopls.exe'). Open a Go file in the editor to start gopls, then run this again.");
            }
        }
    }
}
