using System;
using System.Management.Automation;

namespace GoEnvTools.Commands
{
    /// <summary>Lists VS Code's settings files: user, profile, workspace and remote.</summary>
    [Cmdlet(VerbsCommon.Get, "VsCodeSettingsFile")]
    [OutputType(typeof(VsCodeSettingsFile))]
    public sealed class GetVsCodeSettingsFileCommand : PSCmdlet
    {
        [Parameter(Position = 0)]
        [ArgumentCompleter(typeof(Completers.EditorCompleter))]
        public Editor[]? Editor { get; set; }

        [Parameter]
        [ArgumentCompleter(typeof(Completers.SettingsScopeCompleter))]
        public SettingsScope[]? Scope { get; set; }

        [Parameter(ValueFromPipelineByPropertyName = true)]
        [Alias("LiteralPath", "FullName")]
        public string? Path { get; set; }

        [Parameter]
        [ArgumentCompleter(typeof(Completers.ProfileNameCompleter))]
        public string? ProfileName { get; set; }

        protected override void ProcessRecord()
        {
            foreach (VsCodeSettingsFile file in VsCodeCmdletSupport.Find(this, Editor, Scope, Path, ProfileName))
            {
                WriteObject(file);
            }
        }
    }
}
