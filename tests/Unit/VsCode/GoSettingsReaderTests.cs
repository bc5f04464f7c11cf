using System;
using System.IO;
using System.Linq;
using System.Text;
using Xunit;

namespace GoEnvTools.Tests.VsCode
{
    public sealed class GoSettingsReaderTests : IDisposable
    {
        private readonly string _dir = Path.Combine(Path.GetTempPath(), "goenvtools-reader-" + Guid.NewGuid().ToString("N"));

        public GoSettingsReaderTests()
        {
            Directory.CreateDirectory(_dir);
        }

        public void Dispose() => Directory.Delete(_dir, recursive: true);

        private VsCodeGoSettings Read(string text, string name = "settings.json")
        {
            string path = Path.Combine(_dir, name);
            File.WriteAllText(path, text);
            return GoSettingsReader.Read(new VsCodeSettingsFile(Editor.Code, SettingsScope.User, null, path), new SettingsHost(_dir, _ => null, SettingsPlatform.Linux));
        }

        [Fact]
        public void Reads_AsVsCode_LastDuplicateWins()
        {
            VsCodeGoSettings s = Read(@"{
  // comment
  ""go.toolsEnvVars"": { ""GOPROXY"": ""a"", ""GOFLAGS"": ""-mod=mod"", ""GOPROXY"": ""b"", },
  ""go.alternateTools"": { ""gopls"": ""~/bin/gopls-wrapper"" },
  ""go.gopath"": ""/home/me/go"",
  ""gopls"": { ""build.env"": { ""CGO_ENABLED"": ""0"" } },
  ""terminal.integrated.env.linux"": { ""PATH"": ""/x:${env:PATH}"" },
  ""terminal.integrated.env.osx"": { ""PATH"": ""/mac"" },
}");
            Assert.Empty(s.Problems);
            Assert.Equal(new object[] { "GOPROXY", "GOFLAGS" }, s.ToolsEnvVars!.Keys.Cast<object>());
            Assert.Equal("b", s.ToolsEnvVars["GOPROXY"]);
            Assert.Equal("~/bin/gopls-wrapper", s.AlternateTools!["gopls"]);
            Assert.Equal("/home/me/go", s.GoPath);
            Assert.Equal("0", s.GoplsBuildEnv!["CGO_ENABLED"]);
            Assert.Equal("/x:${env:PATH}", s.TerminalEnv!["PATH"]);
        }

        [Fact]
        public void EmptyAndCommentOnly_AreEmpty()
        {
            Assert.Empty(Read(string.Empty).Problems);
            VsCodeGoSettings s = Read("// nothing yet\n");
            Assert.Empty(s.Problems);
            Assert.Null(s.ToolsEnvVars);
        }

        [Fact]
        public void ParseError_IsAProblemWithLineColumnAndVsCodesWords()
        {
            SettingsProblem p = Assert.Single(Read("{\n  \"a\": 1\n  \"b\": 2\n}").Problems);
            Assert.Equal(3, p.Line);
            Assert.Equal(3, p.Column);
            Assert.Contains("CommaExpected", p.Message, StringComparison.Ordinal);
            Assert.Contains("Unable to write into user settings", p.Message, StringComparison.Ordinal);
        }

        [Fact]
        public void Problems_WrongTypesGoRootAndPinnedPaths()
        {
            string fileRoot = Path.Combine(_dir, "go-wrapper.sh");
            File.WriteAllText(fileRoot, "#!/bin/sh");
            string fakeRoot = Path.Combine(_dir, "notgoroot");
            Directory.CreateDirectory(fakeRoot);
            VsCodeGoSettings s = Read("{ \"go.toolsEnvVars\": [1], \"go.goroot\": \"" + fileRoot + "\", \"go.alternateTools\": { \"go\": \"/opt/homebrew/Cellar/go/1.22.0/bin/go\", \"dlv\": true } }");
            string all = string.Join("\n", s.Problems.Select(p => p.ToString()));
            Assert.Contains("go.toolsEnvVars: is an array", all, StringComparison.Ordinal);
            Assert.Contains("is a file; go.goroot must be a GOROOT folder", all, StringComparison.Ordinal);
            Assert.Contains("go.alternateTools.go: '/opt/homebrew/Cellar/go/1.22.0/bin/go' names one Go version", all, StringComparison.Ordinal);
            Assert.Contains("go.alternateTools.dlv: is a boolean, not a string", all, StringComparison.Ordinal);

            s = Read("{ \"go.goroot\": \"" + fakeRoot + "\" }");
            Assert.Contains("is not a GOROOT", Assert.Single(s.Problems).Message, StringComparison.Ordinal);

            Directory.CreateDirectory(Path.Combine(fakeRoot, "bin"));
            Directory.CreateDirectory(Path.Combine(fakeRoot, "src"));
            File.WriteAllText(Path.Combine(fakeRoot, "bin", "go"), string.Empty);
            Assert.Empty(Read("{ \"go.goroot\": \"" + fakeRoot + "\" }").Problems);
        }

        [Theory]
        [InlineData("/opt/homebrew/Cellar/go/1.21.5/libexec", true)]
        [InlineData("/usr/local/Cellar/go@1.20/1.20.14/bin", true)]
        [InlineData("/usr/local/go1.22/bin", true)]
        [InlineData("/home/me/sdk/go1.21.3", true)]
        [InlineData("/usr/lib/go-1.19/bin:${env:PATH}", true)]
        [InlineData("C:\\sdk\\go1.21.3\\bin", true)]
        [InlineData("/usr/local/go/bin:${env:PATH}", false)]
        [InlineData("/opt/homebrew/bin", false)]
        [InlineData("/home/me/go1/bin", false)]
        public void VersionPinned(string value, bool pinned) => Assert.Equal(pinned, GoSettingsReader.IsVersionPinned(value));

        [Fact]
        public void WorkspaceFile_ReadsItsSettingsObject()
        {
            VsCodeGoSettings s = Read("{ \"folders\": [], \"settings\": { \"go.toolsEnvVars\": { \"GOFLAGS\": \"-tags=x\" } } }", "a.code-workspace");
            Assert.Equal("-tags=x", s.ToolsEnvVars!["GOFLAGS"]);
        }

        [Fact]
        public void Utf16_IsAProblem()
        {
            string path = Path.Combine(_dir, "u16.json");
            File.WriteAllText(path, "{ \"a\": 1 }", Encoding.Unicode);
            SettingsProblem p = Assert.Single(GoSettingsReader.Read(new VsCodeSettingsFile(Editor.Code, SettingsScope.User, null, path), new SettingsHost(_dir, _ => null, SettingsPlatform.Linux)).Problems);
            Assert.Contains("NotUtf8", p.Message, StringComparison.Ordinal);
        }
    }
}
