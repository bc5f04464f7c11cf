using System;
using System.Collections;
using System.Collections.Generic;
using System.Management.Automation;
using System.Management.Automation.Language;

namespace GoEnvTools.Completers
{
    /// <summary>Completes -Shell with this machine's login shells (/etc/shells) and the shell names VS Code knows.</summary>
    public sealed class ShellCompleter : IArgumentCompleter
    {
        public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete, CommandAst commandAst, IDictionary fakeBoundParameters)
        {
            var candidates = new List<KeyValuePair<string, string>>();
            var seen = new HashSet<string>(StringComparer.Ordinal);
            foreach (string shell in ShellCatalog.InstalledShells())
            {
                if (seen.Add(shell))
                {
                    candidates.Add(new KeyValuePair<string, string>(shell, ShellCatalog.Describe(shell)));
                }
            }

            foreach (string shell in ShellCatalog.KnownShells)
            {
                if (seen.Add(shell))
                {
                    candidates.Add(new KeyValuePair<string, string>(shell, ShellCatalog.Describe(shell)));
                }
            }

            return CompletionHelper.FromValues(wordToComplete, candidates);
        }
    }
}
