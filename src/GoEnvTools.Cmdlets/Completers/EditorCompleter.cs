using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Management.Automation.Language;

namespace GoEnvTools.Completers
{
    /// <summary>Completes -Editor with the VS Code builds the module knows, named in full in the tooltip.</summary>
    public sealed class EditorCompleter : IArgumentCompleter
    {
        private static readonly Editor[] s_editors = { Editor.Code, Editor.Insiders, Editor.VSCodium, Editor.Cursor };

        public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete, CommandAst commandAst, IDictionary fakeBoundParameters) =>
            CompletionHelper.FromValues(wordToComplete, s_editors.Select(e => new KeyValuePair<string, string>(e.ToString(), EditorProducts.DisplayName(e))));
    }
}
