using System;
using System.Collections;
using System.IO;
using System.Management.Automation;
using Xunit;

namespace GoEnvTools.Tests.Commands
{
    /// <summary>Get-VsCodeSettingsFile in a real runspace, on settings files in a temporary folder.</summary>
    public sealed class GetVsCodeSettingsFileCommandTests : IDisposable
    {
        private readonly SettingsCmdletSession _session = new SettingsCmdletSession();

        public void Dispose() => _session.Dispose();

        [Fact]
        public void PathToAFolder_IsItsVsCodeSettingsJson_InTheWorkspaceScope_ThereOrNot()
        {
            string folder = _session.PathOf("project");
            Directory.CreateDirectory(folder);

            VsCodeSettingsFile missing = Assert.Single(SettingsCmdletSession.Objects<VsCodeSettingsFile>(
                _session.Run("Get-VsCodeSettingsFile -Path $folder", new Hashtable { ["folder"] = folder })));
            _session.Write("project/.vscode/settings.json", "{}");
            VsCodeSettingsFile present = Assert.Single(SettingsCmdletSession.Objects<VsCodeSettingsFile>(
                _session.Run("Get-VsCodeSettingsFile -LiteralPath $folder -Scope Workspace", new Hashtable { ["folder"] = folder })));

            Assert.Empty(_session.Errors);
            Assert.Equal(Path.Combine(folder, ".vscode", "settings.json"), missing.Path);
            Assert.Equal(SettingsScope.Workspace, missing.Scope);
            Assert.False(missing.Exists);
            Assert.True(present.Exists);
        }

        [Fact]
        public void WorkspaceFiles_AndPlainJsonFiles_AreTakenAsTheyAre_WithThePositionalEditor()
        {
            string workspace = _session.Write("app.code-workspace", "{ \"folders\": [], \"settings\": {} }");
            string json = _session.Write("other.json", "{}");

            var files = SettingsCmdletSession.Objects<VsCodeSettingsFile>(_session.Run(
                "Get-VsCodeSettingsFile Cursor -Path $workspace; Get-VsCodeSettingsFile -Path $json",
                new Hashtable { ["workspace"] = workspace, ["json"] = json }));

            Assert.Empty(_session.Errors);
            Assert.Equal(new[] { workspace, json }, Array.ConvertAll(files, f => f.Path));
            Assert.True(files[0].IsWorkspaceFile);
            Assert.Equal(Editor.Cursor, files[0].Editor);
            Assert.False(files[1].IsWorkspaceFile);
        }

        [Fact]
        public void Folders_FromThePipeline_BindByTheirFullName()
        {
            Directory.CreateDirectory(_session.PathOf("a"));
            Directory.CreateDirectory(_session.PathOf("b"));

            var files = SettingsCmdletSession.Objects<VsCodeSettingsFile>(_session.Run(
                "Get-ChildItem -Directory -LiteralPath $root | Sort-Object Name | Get-VsCodeSettingsFile",
                new Hashtable { ["root"] = _session.Folder }));

            Assert.Empty(_session.Errors);
            Assert.Equal(
                new[] { Path.Combine(_session.PathOf("a"), ".vscode", "settings.json"), Path.Combine(_session.PathOf("b"), ".vscode", "settings.json") },
                Array.ConvertAll(files, f => f.Path));
        }

        [Fact]
        public void WorkspaceScope_WithoutAPath_IsATerminatingInvalidArgumentError()
        {
            var output = _session.Run("Get-VsCodeSettingsFile -Scope Workspace");

            Assert.Empty(output);
            SettingsCmdletSession.AssertError(_session.Terminating, "SettingsWorkspacePathMissing", ErrorCategory.InvalidArgument, null);
            Assert.Contains("-Path", _session.Terminating!.Exception.Message, StringComparison.Ordinal);
        }

        [Fact]
        public void AnUnknownEditor_IsAParameterBindingError()
        {
            _session.Run("Get-VsCodeSettingsFile -Editor Notepad -Path $root", new Hashtable { ["root"] = _session.Folder });

            Assert.NotNull(_session.Terminating);
            Assert.StartsWith("CannotConvertArgumentNoMessage,", _session.Terminating!.FullyQualifiedErrorId, StringComparison.Ordinal);
        }
    }
}
