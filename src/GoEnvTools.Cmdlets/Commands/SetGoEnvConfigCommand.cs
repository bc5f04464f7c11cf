using System;
using System.Management.Automation;
using System.Threading;

namespace GoEnvTools.Commands
{
    /// <summary>go env -w NAME=VALUE with the go of the user's login shell.</summary>
    [Cmdlet(VerbsCommon.Set, "GoEnvConfig", SupportsShouldProcess = true)]
    [OutputType(typeof(GoEnvConfigChange))]
    public sealed class SetGoEnvConfigCommand : PSCmdlet
    {
        private readonly CancellationTokenSource _stopping = new CancellationTokenSource();
        private GoEnvConfigCmdletSupport? _support;
        private GoEnvConfigEditor? _editor;

        [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(Completers.VariableNameCompleter))]
        public string Name { get; set; } = string.Empty;

        [Parameter(Mandatory = true, Position = 1, ValueFromPipelineByPropertyName = true)]
        [AllowEmptyString]
        public string Value { get; set; } = string.Empty;

        [Parameter]
        [ValidateNotNullOrEmpty]
        public string? GoBinary { get; set; }

        [Parameter]
        public SwitchParameter IncludeSecret { get; set; }

        [Parameter]
        public SwitchParameter PassThru { get; set; }

        protected override void BeginProcessing()
        {
            _support = new GoEnvConfigCmdletSupport(this, _stopping.Token);
            _editor = _support.CreateEditor(GoBinary);
        }

        protected override void ProcessRecord()
        {
            if (!IncludeSecret && SecretDetector.IsSecret(Name, Value))
            {
                WriteError(new ErrorRecord(
                    new InvalidOperationException($"{Name} holds a secret; the go env file is a plain file that go env prints. Use -IncludeSecret to write it anyway."),
                    ErrorIds.GoEnvConfigSecretRefused, ErrorCategory.SecurityError, Name));
                return;
            }

            _support!.Run(Name, () => _editor!.PlanSet(Name, Value), _editor!, PassThru);
        }

        protected override void StopProcessing() => _stopping.Cancel();
    }
}
