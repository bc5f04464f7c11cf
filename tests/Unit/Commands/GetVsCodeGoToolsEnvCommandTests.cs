using System;
using System.Collections;
using System.Linq;
using System.Management.Automation;
using Xunit;

namespace GoEnvTools.Tests.Commands
{
    /// <summary>Get-VsCodeGoToolsEnv in a real runspace, on settings files in a temporary folder.</summary>
    public sealed class GetVsCodeGoToolsEnvCommandTests : IDisposable
    {
        private const string Settings =
            "{\n" +
            "    // the tools' environment\n" +
            "    \"go.toolsEnvVars\": { \"GOFLAGS\": \"-mod=mod\", \"GOPROXY\": \"first\" },\n" +
            "    \"go\\u002EtoolsEnvVars\": { \"GOPROXY\": \"last wins\", \"CGO_ENABLED\": \"0\", },\n" +
            "    \"go.alternateTools\": { \"gopls\": \"/opt/gopls\" },\n" +
            "    \"gopls\": { \"build.env\": { \"GOWORK\": \"off\" } },\n" +
            "}\n";

        private readonly SettingsCmdletSession _session = new SettingsCmdletSession();

        public void Dispose() => _session.Dispose();

        [Fact]
        public void APath_IsReadAsVsCodeReadsIt_TheLastDuplicateWinning()
        {
            string file = _session.Write("settings.json", Settings);

            VsCodeGoSettings settings = Assert.Single(SettingsCmdletSession.Objects<VsCodeGoSettings>(
                _session.Run("Get-VsCodeGoToolsEnv -Path $file", new Hashtable { ["file"] = file })));

            Assert.Empty(_session.Errors);
            Assert.Equal(file, settings.SettingsFile.Path);
            Assert.Equal(new[] { "GOPROXY", "CGO_ENABLED" }, settings.ToolsEnvVars!.Keys.Cast<string>());
            Assert.Equal("last wins", settings.ToolsEnvVars["GOPROXY"]);
            Assert.Equal("/opt/gopls", settings.AlternateTools!["gopls"]);
            Assert.Equal("off", settings.GoplsBuildEnv!["GOWORK"]);
            Assert.Empty(settings.Problems);
        }

        [Fact]
        public void SettingsFiles_AndPathStrings_FromThePipeline_AreReadOneByOne()
        {
            string one = _session.Write("one/.vscode/settings.json", "{ \"go.toolsEnvVars\": { \"A\": \"1\" } }");
            string two = _session.Write("two.json", "{ \"go.toolsEnvVars\": { \"A\": \"2\" } }");

            var read = SettingsCmdletSession.Objects<VsCodeGoSettings>(_session.Run(
                "Get-VsCodeSettingsFile -Path $folder | Get-VsCodeGoToolsEnv; $two | Get-VsCodeGoToolsEnv",
                new Hashtable { ["folder"] = _session.PathOf("one"), ["two"] = two }));

            Assert.Empty(_session.Errors);
            Assert.Equal(new[] { one, two }, read.Select(r => r.SettingsFile.Path));
            Assert.Equal(new object[] { "1", "2" }, read.Select(r => r.ToolsEnvVars!["A"]));
        }

        [Fact]
        public void InputThatIsNoSettingsFile_IsANonTerminatingError_AndTheRestIsRead()
        {
            string file = _session.Write("settings.json", "{}");

            var output = _session.Run("42, $file | Get-VsCodeGoToolsEnv", new Hashtable { ["file"] = file });

            VsCodeGoSettings read = Assert.Single(SettingsCmdletSession.Objects<VsCodeGoSettings>(output));
            Assert.Equal(file, read.SettingsFile.Path);
            Assert.Null(_session.Terminating);
            SettingsCmdletSession.AssertError(Assert.Single(_session.Errors), "SettingsInputNotSupported", ErrorCategory.InvalidArgument, 42);
        }

        [Fact]
        public void ABrokenFile_IsReportedAsAProblemWithLineAndColumn_NotAnError()
        {
            string file = _session.Write("settings.json", "{\n  \"go.toolsEnvVars\": { \"A\": \"1\" }\n  \"b\": 2\n}");

            VsCodeGoSettings read = Assert.Single(SettingsCmdletSession.Objects<VsCodeGoSettings>(
                _session.Run("Get-VsCodeGoToolsEnv -Path $file", new Hashtable { ["file"] = file })));

            Assert.Empty(_session.Errors);
            SettingsProblem problem = Assert.Single(read.Problems);
            Assert.Equal((3, 3), (problem.Line, problem.Column));
            Assert.Contains("CommaExpected", problem.Message, StringComparison.Ordinal);
            Assert.Null(read.ToolsEnvVars);
        }

        [Fact]
        public void InputObject_AndSelectionParameters_AreSeparateParameterSets()
        {
            var output = _session.Run("Get-VsCodeGoToolsEnv -InputObject 'x.json' -Editor Code");

            Assert.Empty(output);
            Assert.NotNull(_session.Terminating);
            Assert.IsAssignableFrom<ParameterBindingException>(_session.Terminating!.Exception);
            Assert.StartsWith("AmbiguousParameterSet,", _session.Terminating.FullyQualifiedErrorId, StringComparison.Ordinal);
        }
    }
}
