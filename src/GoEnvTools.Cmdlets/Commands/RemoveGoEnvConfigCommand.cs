using System.Management.Automation;
using System.Threading;

namespace GoEnvTools.Commands
{
    /// <summary>Undoes Set-GoEnvConfig (restoring the value it replaced), or runs go env -u for a name it never set.</summary>
    [Cmdlet(VerbsCommon.Remove, "GoEnvConfig", SupportsShouldProcess = true)]
    [OutputType(typeof(GoEnvConfigChange))]
    public sealed class RemoveGoEnvConfigCommand : PSCmdlet
    {
        private readonly CancellationTokenSource _stopping = new CancellationTokenSource();
        private GoEnvConfigCmdletSupport? _support;
        private GoEnvConfigEditor? _editor;

        [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(Completers.VariableNameCompleter))]
        public string Name { get; set; } = string.Empty;

        [Parameter]
        [ValidateNotNullOrEmpty]
        public string? GoBinary { get; set; }

        [Parameter]
        public SwitchParameter PassThru { get; set; }

        protected override void BeginProcessing()
        {
            _support = new GoEnvConfigCmdletSupport(this, _stopping.Token);
            _editor = _support.CreateEditor(GoBinary);
        }

        protected override void ProcessRecord() => _support!.Run(Name, () => _editor!.PlanRemove(Name), _editor!, PassThru);

        protected override void StopProcessing() => _stopping.Cancel();
    }
}
