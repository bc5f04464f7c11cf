using System.Management.Automation;

namespace GoEnvTools.Commands
{
    /// <summary>Reads the Go settings of VS Code settings files as VS Code reads them, with what is wrong with them.</summary>
    [Cmdlet(VerbsCommon.Get, "VsCodeGoToolsEnv", DefaultParameterSetName = SelectionSet)]
    [OutputType(typeof(VsCodeGoSettings))]
    public sealed class GetVsCodeGoToolsEnvCommand : PSCmdlet
    {
        private const string SelectionSet = "Selection";
        private const string InputSet = "InputObject";

        [Parameter(Mandatory = true, ValueFromPipeline = true, ParameterSetName = InputSet)]
        public PSObject? InputObject { get; set; }

        [Parameter(Position = 0, ParameterSetName = SelectionSet)]
        [ArgumentCompleter(typeof(Completers.EditorCompleter))]
        public Editor[]? Editor { get; set; }

        [Parameter(ParameterSetName = SelectionSet)]
        [ArgumentCompleter(typeof(Completers.SettingsScopeCompleter))]
        public SettingsScope[]? Scope { get; set; }

        [Parameter(ParameterSetName = SelectionSet)]
        [Alias("LiteralPath")]
        public string? Path { get; set; }

        [Parameter(ParameterSetName = SelectionSet)]
        [ArgumentCompleter(typeof(Completers.ProfileNameCompleter))]
        public string? ProfileName { get; set; }

        protected override void ProcessRecord()
        {
            SettingsHost host = SettingsHost.Current;
            if (ParameterSetName == InputSet)
            {
                if (VsCodeCmdletSupport.FromInput(this, InputObject!) is VsCodeSettingsFile file)
                {
                    WriteObject(GoSettingsReader.Read(file, host));
                }

                return;
            }

            foreach (VsCodeSettingsFile file in VsCodeCmdletSupport.Find(this, Editor, Scope, Path, ProfileName))
            {
                WriteObject(GoSettingsReader.Read(file, host));
            }
        }
    }
}
