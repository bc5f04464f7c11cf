using System;
using System.Collections;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Management.Automation;
using System.Reflection;
using GoEnvTools.Commands;
using GoEnvTools.Completers;
using Xunit;

namespace GoEnvTools.Tests.Completers
{
    /// <summary>Variable-name and profile-name completion over a temporary home with real settings files.</summary>
    public sealed class NameCompleterTests : IDisposable
    {
        private readonly string _home = Path.Combine(Path.GetTempPath(), "goenvtools-completers-" + Guid.NewGuid().ToString("N"));
        private readonly Hashtable _environment = new Hashtable
        {
            ["PATH"] = "/usr/bin:/bin",
            ["GOPATH"] = "/home/u/go",
            ["GH_TOKEN"] = "ghp_abcdefghijklmnopqrstuvwxyz0123456789",
            ["HOME"] = "/home/u",
        };

        public NameCompleterTests()
        {
            Directory.CreateDirectory(_home);
        }

        public void Dispose() => Directory.Delete(_home, recursive: true);

        private SettingsHost Host() => new SettingsHost(_home, _ => null, SettingsPlatform.Linux);

        private string WriteSettings(string relativeFolder, string json)
        {
            string folder = Path.Combine(_home, relativeFolder);
            Directory.CreateDirectory(folder);
            string path = Path.Combine(folder, "settings.json");
            File.WriteAllText(path, json);
            return path;
        }

        private void WriteProfiles(string editorFolder, string storageJson, params string[] folders)
        {
            string user = Path.Combine(_home, ".config", editorFolder, "User");
            foreach (string folder in folders)
            {
                Directory.CreateDirectory(Path.Combine(user, "profiles", folder));
            }

            Directory.CreateDirectory(Path.Combine(user, "globalStorage"));
            File.WriteAllText(Path.Combine(user, "globalStorage", "storage.json"), storageJson);
        }

        private CompletionResult[] Variables(string parameter, string word, Hashtable? bound = null) =>
            new VariableNameCompleter(Host, () => _environment)
                .CompleteArgument("Set-VsCodeGoToolsEnv", parameter, word, null!, bound ?? new Hashtable()).ToArray();

        private CompletionResult[] Profiles(string word, Hashtable? bound = null) =>
            new ProfileNameCompleter(Host).CompleteArgument("Set-VsCodeGoToolsEnv", "ProfileName", word, null!, bound ?? new Hashtable()).ToArray();

        [Fact]
        public void Remove_OffersSettingsNamesFirstThenTheEnvironmentEachOnce()
        {
            string path = WriteSettings(".config/Code/User", "{ // mine\n \"go.toolsEnvVars\": { \"GOFLAGS\": \"-mod=mod\", \"GOPATH\": \"/srv/go\" },\n \"terminal.integrated.env.linux\": { \"GOPROXY\": \"direct\" } }");

            CompletionResult[] results = Variables("Remove", string.Empty);

            Assert.Equal(new[] { "GOFLAGS", "GOPATH", "GOPROXY", "GH_TOKEN", "HOME", "PATH" }, results.Select(r => r.CompletionText));
            Assert.Equal($"GOFLAGS=-mod=mod (go.toolsEnvVars in {path})", results[0].ToolTip);
            Assert.Equal($"GOPROXY=direct (terminal.integrated.env.linux in {path})", results[2].ToolTip);
            Assert.Equal("HOME=/home/u (the current environment)", results[4].ToolTip);
        }

        [Fact]
        public void Remove_MatchesPrefixesAndWildcardsAndNeverShowsASecret()
        {
            Assert.Equal(new[] { "GOPATH" }, Variables("Remove", "go").Select(r => r.CompletionText));
            Assert.Equal(new[] { "GH_TOKEN", "HOME", "PATH" }, Variables("Remove", "*H*").Select(r => r.CompletionText).Where(n => n != "GOPATH"));
            CompletionResult token = Assert.Single(Variables("Remove", "GH"));
            Assert.Equal("GH_TOKEN=<redacted> (the current environment)", token.ToolTip);
            Assert.DoesNotContain("ghp_", token.ToolTip, StringComparison.Ordinal);
        }

        [Fact]
        public void Variable_CompletesAWholeHashtableWithTheCurrentValue()
        {
            WriteSettings(".config/Code/User", "{ \"go.toolsEnvVars\": { \"GOFLAGS\": \"-tags=it's\" } }");

            Assert.Equal(new[] { "@{ GOFLAGS = '-tags=it''s' }", "@{ GOPATH = '/home/u/go' }" }, Variables("Variable", "@{GO").Select(r => r.CompletionText));
            Assert.Equal("@{ GH_TOKEN = '' }", Assert.Single(Variables("Variable", "GH_")).CompletionText);
            Assert.Equal("GOFLAGS", Variables("Variable", "GOF")[0].ListItemText);
        }

        [Fact]
        public void Variable_ReadsTheSettingsOfTheEditorAndWorkspaceAlreadyTyped()
        {
            WriteSettings(".config/Code/User", "{ \"go.toolsEnvVars\": { \"FROM_CODE\": \"1\" } }");
            WriteSettings(".config/VSCodium/User", "{ \"go.toolsEnvVars\": { \"FROM_CODIUM\": \"1\" } }");
            string workspace = Path.Combine(_home, "project");
            WriteSettings("project/.vscode", "{ \"go.toolsEnvVars\": { \"FROM_WORKSPACE\": \"1\" } }");

            Assert.Equal(new[] { "FROM_CODE", "FROM_CODIUM" }, Variables("Remove", "FROM").Select(r => r.CompletionText));
            Assert.Equal(new[] { "FROM_CODIUM" }, Variables("Remove", "FROM", new Hashtable { ["Editor"] = "vscodium" }).Select(r => r.CompletionText));
            Assert.Equal(new[] { "FROM_WORKSPACE", "FROM_CODE" }, Variables("Remove", "FROM", new Hashtable { ["Editor"] = new[] { Editor.Code }, ["Path"] = workspace }).Select(r => r.CompletionText));
        }

        [Fact]
        public void Variable_SettingsThatDoNotParseAddNothingAndDoNotFail()
        {
            WriteSettings(".config/Code/User", "{ \"go.toolsEnvVars\": { \"BROKEN\": ");

            Assert.Equal(new[] { "GOPATH" }, Variables("Remove", "GO").Select(r => r.CompletionText));
        }

        [Fact]
        public void ProfileName_OffersTheProfilesOfEveryInstalledEditorByName()
        {
            WriteProfiles("Code", "{ \"userDataProfiles\": [ { \"location\": \"-4a1b2c\", \"name\": \"Go Work\" } ] }", "-4a1b2c", "7f00");
            WriteProfiles("Cursor", "{ \"userDataProfiles\": [ { \"location\": \"c1\", \"name\": \"Backend\" } ] }", "c1");

            CompletionResult[] results = Profiles(string.Empty);

            Assert.Equal(new[] { "'Go Work'", "7f00", "Backend" }, results.Select(r => r.CompletionText));
            Assert.Equal("Go Work", results[0].ListItemText);
            Assert.Equal("Visual Studio Code profile: " + Path.Combine(_home, ".config", "Code", "User", "profiles", "-4a1b2c", "settings.json"), results[0].ToolTip);
        }

        [Fact]
        public void ProfileName_KeepsToTheEditorAlreadyTypedAndMatchesThePrefix()
        {
            WriteProfiles("Code", "{ \"userDataProfiles\": [ { \"location\": \"a1\", \"name\": \"Go Work\" } ] }", "a1");
            WriteProfiles("Cursor", "{ \"userDataProfiles\": [ { \"location\": \"c1\", \"name\": \"Go Cursor\" } ] }", "c1");

            Assert.Equal(new[] { "'Go Cursor'" }, Profiles("'go", new Hashtable { ["Editor"] = PSObject.AsPSObject(Editor.Cursor) }).Select(r => r.CompletionText));
            Assert.Equal(new[] { "'Go Work'", "'Go Cursor'" }, Profiles("Go").Select(r => r.CompletionText));
            Assert.Empty(Profiles("x"));
        }

        [Fact]
        public void ProfileName_NothingInstalled_OffersNothing()
        {
            Assert.Empty(Profiles(string.Empty));
        }

        [Theory]
        [InlineData(typeof(SetVsCodeGoToolsEnvCommand), "Variable", typeof(VariableNameCompleter))]
        [InlineData(typeof(SetVsCodeGoToolsEnvCommand), "Remove", typeof(VariableNameCompleter))]
        [InlineData(typeof(SetGuiEnvironmentVariableCommand), "Name", typeof(VariableNameCompleter))]
        [InlineData(typeof(RemoveGuiEnvironmentVariableCommand), "Name", typeof(VariableNameCompleter))]
        [InlineData(typeof(SetGoEnvConfigCommand), "Name", typeof(VariableNameCompleter))]
        [InlineData(typeof(RemoveGoEnvConfigCommand), "Name", typeof(VariableNameCompleter))]
        [InlineData(typeof(SetVsCodeGoToolsEnvCommand), "ProfileName", typeof(ProfileNameCompleter))]
        [InlineData(typeof(GetVsCodeSettingsFileCommand), "ProfileName", typeof(ProfileNameCompleter))]
        [InlineData(typeof(GetVsCodeGoToolsEnvCommand), "ProfileName", typeof(ProfileNameCompleter))]
        public void Parameters_UseTheirCompleter(Type command, string parameter, Type completer)
        {
            PropertyInfo property = command.GetProperty(parameter)!;
            ArgumentCompleterAttribute attribute = Assert.Single(property.GetCustomAttributes<ArgumentCompleterAttribute>());
            Assert.Equal(completer, attribute.Type);
        }
    }
}
