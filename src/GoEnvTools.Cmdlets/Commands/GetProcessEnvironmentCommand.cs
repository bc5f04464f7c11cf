using System;
using System.Collections.Generic;
using System.Management.Automation;

namespace GoEnvTools.Commands
{
    /// <summary>Reads the environment, command line and identity of running processes.</summary>
    [Cmdlet(VerbsCommon.Get, "ProcessEnvironment", DefaultParameterSetName = NameSet)]
    [OutputType(typeof(ProcessEnvironment))]
    public sealed class GetProcessEnvironmentCommand : PSCmdlet
    {
        private const string NameSet = "Name";
        private const string IdSet = "Id";

        private ProcessInspector? _inspector;

        [Parameter(ParameterSetName = NameSet, Position = 0)]
        [ValidateNotNullOrEmpty]
        [SupportsWildcards]
        public string[]? Name { get; set; }

        [Parameter(ParameterSetName = IdSet, Mandatory = true, ValueFromPipelineByPropertyName = true)]
        [Alias("ProcessId")]
        public int[] Id { get; set; } = Array.Empty<int>();

        [Parameter]
        public SwitchParameter IncludeDriveVariables { get; set; }

        [Parameter]
        public SwitchParameter CrossCheck { get; set; }

        protected override void BeginProcessing()
        {
            _inspector = CmdletSupport.CreateInspector(this);
            _inspector.IncludeDriveVariables = IncludeDriveVariables;
            _inspector.CrossCheck = CrossCheck;
        }

        protected override void ProcessRecord()
        {
            ProcessInspector inspector = _inspector!;
            if (ParameterSetName == IdSet)
            {
                foreach (int id in Id)
                {
                    Emit(inspector, id, reportMissing: true);
                }

                return;
            }

            if (Name is null)
            {
                foreach (int id in inspector.Provider.GetProcessIds())
                {
                    Emit(inspector, id, reportMissing: false);
                }

                return;
            }

            foreach (string name in Name)
            {
                var pattern = new WildcardPattern(name, WildcardOptions.IgnoreCase | WildcardOptions.CultureInvariant);
                bool any = false;
                foreach (int id in inspector.FindByName(pattern.IsMatch))
                {
                    any |= Emit(inspector, id, reportMissing: false);
                }

                if (!any && !WildcardPattern.ContainsWildcardCharacters(name))
                {
                    WriteError(new ErrorRecord(
                        new ItemNotFoundException($"Cannot find a process with the name \"{name}\". Check the name (Get-Process lists what runs) and try again."),
                        ErrorIds.NoProcessFoundForGivenName,
                        ErrorCategory.ObjectNotFound,
                        name));
                }
            }
        }

        private bool Emit(ProcessInspector inspector, int id, bool reportMissing)
        {
            ProcessReadOutcome outcome = inspector.TryRead(id, out ProcessEnvironment? result);
            if (!CmdletSupport.ReportOutcome(this, outcome, id, reportMissing))
            {
                return false;
            }

            if (result!.CrossCheckWarning is string warning)
            {
                WriteWarning($"Process {id} ({result.Name}): {warning}");
            }

            WriteObject(result);
            return true;
        }
    }
}
