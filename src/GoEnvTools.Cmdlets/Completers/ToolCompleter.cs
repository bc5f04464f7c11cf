using System.Collections;
using System.Collections.Generic;
using System.Management.Automation;
using System.Management.Automation.Language;

namespace GoEnvTools.Completers
{
    /// <summary>Completes -Tool with the Go tools a wrapper can stand in for.</summary>
    public sealed class ToolCompleter : IArgumentCompleter
    {
        private static readonly KeyValuePair<string, string>[] s_tools =
        {
            new KeyValuePair<string, string>("gopls", "gopls: wrap the language server so it and every go it runs get the login shell's environment (recommended)"),
            new KeyValuePair<string, string>("go", "go: wrap the go command (vscode-go may still put the real GOROOT/bin first on gopls's PATH)"),
        };

        public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete, CommandAst commandAst, IDictionary fakeBoundParameters) =>
            CompletionHelper.FromValues(wordToComplete, s_tools);
    }
}
