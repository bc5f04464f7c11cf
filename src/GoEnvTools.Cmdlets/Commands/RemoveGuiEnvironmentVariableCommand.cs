using System.Management.Automation;
using System.Threading;

namespace GoEnvTools.Commands
{
    /// <summary>Undoes Set-GuiEnvironmentVariable for a name: puts back the value it replaced, or unsets it.</summary>
    [Cmdlet(VerbsCommon.Remove, "GuiEnvironmentVariable", SupportsShouldProcess = true)]
    [OutputType(typeof(GuiEnvironmentChange))]
    public sealed class RemoveGuiEnvironmentVariableCommand : PSCmdlet
    {
        private readonly CancellationTokenSource _stopping = new CancellationTokenSource();
        private GuiEnvironmentEditor? _editor;

        [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(Completers.VariableNameCompleter))]
        public string Name { get; set; } = string.Empty;

        [Parameter]
        public SwitchParameter PassThru { get; set; }

        protected override void BeginProcessing() => _editor = GuiEnvironmentCmdletSupport.CreateEditor(this, _stopping.Token);

        protected override void ProcessRecord() =>
            GuiEnvironmentCmdletSupport.Run(this, _editor!, Name, () => _editor!.PlanRemove(Name), PassThru);

        protected override void StopProcessing() => _stopping.Cancel();
    }
}
