using System;
using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Management.Automation.Language;

namespace GoEnvTools.Completers
{
    /// <summary>Completes -Scope with the settings scopes, each explained in the tooltip.</summary>
    public sealed class SettingsScopeCompleter : IArgumentCompleter
    {
        public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete, CommandAst commandAst, IDictionary fakeBoundParameters) =>
            CompletionHelper.FromValues(wordToComplete, Enum.GetValues(typeof(SettingsScope)).Cast<SettingsScope>()
                .Select(s => new KeyValuePair<string, string>(s.ToString(), EditorProducts.DescribeScope(s))));
    }
}
