using System;
using System.Collections;
using System.Collections.Generic;
using System.Globalization;
using System.Management.Automation;
using System.Management.Automation.Language;

namespace GoEnvTools.Completers
{
    /// <summary>
    /// Completes -Id with the current user's gopls processes; the tooltip names the editor. It reads the process
    /// table only, never an environment, and changes nothing.
    /// </summary>
    public sealed class GoplsProcessIdCompleter : IArgumentCompleter
    {
        public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete, CommandAst commandAst, IDictionary fakeBoundParameters)
        {
            string typed = CompletionHelper.Unquote(wordToComplete);
            IProcessProvider provider;
            try
            {
                provider = ProcessProviders.Current;
            }
            catch (PlatformNotSupportedException)
            {
                yield break;
            }

            foreach (GoplsSummary gopls in new ProcessInspector(provider).SummarizeGopls())
            {
                string id = gopls.ProcessId.ToString(CultureInfo.InvariantCulture);
                if (id.StartsWith(typed, StringComparison.Ordinal))
                {
                    string listItem = gopls.Editor == Editor.None ? id : $"{id} ({gopls.Editor}{(gopls.IsRemote ? ", remote" : string.Empty)})";
                    yield return new CompletionResult(id, listItem, CompletionResultType.ParameterValue, gopls.Describe());
                }
            }
        }
    }
}
