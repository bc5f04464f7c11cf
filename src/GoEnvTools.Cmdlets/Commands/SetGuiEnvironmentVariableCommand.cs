using System;
using System.Management.Automation;
using System.Threading;

namespace GoEnvTools.Commands
{
    /// <summary>Sets a variable for every GUI app started from now on (environment.d, launchd or HKCU\Environment).</summary>
    [Cmdlet(VerbsCommon.Set, "GuiEnvironmentVariable", SupportsShouldProcess = true)]
    [OutputType(typeof(GuiEnvironmentChange))]
    public sealed class SetGuiEnvironmentVariableCommand : PSCmdlet
    {
        private readonly CancellationTokenSource _stopping = new CancellationTokenSource();
        private GuiEnvironmentEditor? _editor;

        [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(Completers.VariableNameCompleter))]
        public string Name { get; set; } = string.Empty;

        [Parameter(Mandatory = true, Position = 1, ValueFromPipelineByPropertyName = true)]
        [AllowEmptyString]
        public string Value { get; set; } = string.Empty;

        [Parameter]
        public SwitchParameter IncludeSecret { get; set; }

        [Parameter]
        public SwitchParameter PassThru { get; set; }

        protected override void BeginProcessing() => _editor = GuiEnvironmentCmdletSupport.CreateEditor(this, _stopping.Token);

        protected override void ProcessRecord()
        {
            if (!IncludeSecret && SecretDetector.IsSecret(Name, Value))
            {
                WriteError(new ErrorRecord(
                    new InvalidOperationException($"{Name} holds a secret; every app of the session would get it, and the store is a plain file or registry value. Use -IncludeSecret to set it anyway."),
                    ErrorIds.GuiEnvironmentSecretRefused, ErrorCategory.SecurityError, Name));
                return;
            }

            GuiEnvironmentCmdletSupport.Run(this, _editor!, Name, () => _editor!.PlanSet(Name, Value), PassThru);
        }

        protected override void StopProcessing() => _stopping.Cancel();
    }
}
