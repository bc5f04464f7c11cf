using System.Collections;
using System.Linq;
using System.Management.Automation;
using GoEnvTools.Completers;
using GoEnvTools.Tests.Support;
using Xunit;

namespace GoEnvTools.Tests.Completers
{
    public sealed class CompleterTests
    {
        private static CompletionResult[] Complete(IArgumentCompleter completer, string word) =>
            completer.CompleteArgument("Some-Command", "Parameter", word, null!, new Hashtable()).ToArray();

        [Fact]
        public void Editor_OffersTheFourVsCodeBuildsWithTheirProductNames()
        {
            CompletionResult[] results = Complete(new EditorCompleter(), string.Empty);

            Assert.Equal(new[] { "Code", "Insiders", "VSCodium", "Cursor" }, results.Select(r => r.CompletionText));
            Assert.Equal("Visual Studio Code - Insiders", results[1].ToolTip);
            Assert.All(results, r => Assert.Equal(CompletionResultType.ParameterValue, r.ResultType));
        }

        [Theory]
        [InlineData("c", new[] { "Code", "Cursor" })]
        [InlineData("'VS", new[] { "VSCodium" })]
        [InlineData("*od*", new[] { "Code", "VSCodium" })]
        [InlineData("x", new string[0])]
        public void Editor_MatchesPrefixesQuotesAndWildcards(string word, string[] expected)
        {
            Assert.Equal(expected, Complete(new EditorCompleter(), word).Select(r => r.CompletionText));
        }

        [Fact]
        public void Scope_ExplainsEachScope()
        {
            CompletionResult[] results = Complete(new SettingsScopeCompleter(), string.Empty);

            Assert.Equal(new[] { "User", "Profile", "Workspace", "Remote" }, results.Select(r => r.CompletionText));
            Assert.Contains("-ProfileName", results[1].ToolTip, System.StringComparison.Ordinal);
        }

        [Fact]
        public void Tool_OffersGoplsFirstAndWarnsAboutGo()
        {
            CompletionResult[] results = Complete(new ToolCompleter(), string.Empty);

            Assert.Equal(new[] { "gopls", "go" }, results.Select(r => r.CompletionText));
            Assert.Contains("GOROOT/bin", results[1].ToolTip, System.StringComparison.Ordinal);
            Assert.Equal(new[] { "gopls", "go" }, Complete(new ToolCompleter(), "go").Select(r => r.CompletionText));
            Assert.Equal(new[] { "gopls" }, Complete(new ToolCompleter(), "gop").Select(r => r.CompletionText));
        }

        [Fact]
        public void Shell_OffersTheShellsVsCodeKnowsWithHowItStartsThem()
        {
            CompletionResult[] results = Complete(new ShellCompleter(), "tc");

            CompletionResult tcsh = Assert.Single(results, r => r.CompletionText == "tcsh");
            Assert.Equal("tcsh: started as 'tcsh -ic' (not a login shell)", tcsh.ToolTip);
            Assert.Contains(Complete(new ShellCompleter(), "pw"), r => r.CompletionText == "pwsh" && r.ToolTip.Contains("-Login -Command"));
        }

        [Fact]
        public void EtcShells_KeepsAbsolutePathsInOrderWithoutCommentsOrDuplicates()
        {
            string text = "# /etc/shells: valid login shells\n/bin/sh\n/usr/bin/zsh\n\n  /bin/bash  \n/usr/bin/zsh\nnot-a-path\n";

            Assert.Equal(new[] { "/bin/sh", "/usr/bin/zsh", "/bin/bash" }, ShellCatalog.ParseEtcShells(text));
        }

        [Fact]
        public void ValuesWithSpacesAreQuotedForTheCommandLine()
        {
            CompletionResult result = CompletionHelper.Result("/opt/my shells/o'sh", "tip");

            Assert.Equal("'/opt/my shells/o''sh'", result.CompletionText);
            Assert.Equal("/opt/my shells/o'sh", result.ListItemText);
        }

        [Fact]
        public void GoplsSummary_NamesTheEditorOfEachGoplsWithoutReadingEnvironments()
        {
            var provider = new FakeProcessProvider();
            provider.Add(100, 1, "code", "/usr/share/code/code");
            provider.Add(101, 100, "code", "/usr/share/code/code", new[] { "/usr/share/code/code", "--type=utility" });
            provider.Add(102, 101, "gopls", "/home/u/go/bin/gopls");
            provider.Add(200, 1, "node", "/home/u/.vscode-server/cli/servers/Stable-1/server/node");
            provider.Add(201, 200, "gopls", "/home/u/go/bin/gopls");
            provider.Add(300, 1, "gopls", "/usr/bin/gopls", userId: 0);
            int environmentReads = 0;
            provider.AfterGetEnvironment = _ => environmentReads++;

            GoplsSummary[] summaries = new ProcessInspector(provider).SummarizeGopls().OrderBy(s => s.ProcessId).ToArray();

            Assert.Equal(new[] { 102, 201 }, summaries.Select(s => s.ProcessId));
            Assert.Equal(Editor.Code, summaries[0].Editor);
            Assert.False(summaries[0].IsRemote);
            Assert.True(summaries[1].IsRemote);
            Assert.StartsWith("gopls 201: Visual Studio Code (remote)", summaries[1].Describe(), System.StringComparison.Ordinal);
            Assert.Equal(0, environmentReads);
        }
    }
}
