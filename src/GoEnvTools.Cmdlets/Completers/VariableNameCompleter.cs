using System;
using System.Collections;
using System.Collections.Generic;
using System.Management.Automation;
using System.Management.Automation.Language;

namespace GoEnvTools.Completers
{
    /// <summary>
    /// Completes variable names (-Name, -Remove) from the Go settings of VS Code and the current environment;
    /// for a hashtable parameter (-Variable) it completes a whole <c>@{ NAME = 'value' }</c> with the current value.
    /// </summary>
    public sealed class VariableNameCompleter : IArgumentCompleter
    {
        private readonly Func<SettingsHost> _host;
        private readonly Func<IDictionary> _environment;

        public VariableNameCompleter()
            : this(() => SettingsHost.Current, Environment.GetEnvironmentVariables)
        {
        }

        internal VariableNameCompleter(Func<SettingsHost> host, Func<IDictionary> environment)
        {
            _host = host;
            _environment = environment;
        }

        public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete, CommandAst commandAst, IDictionary fakeBoundParameters)
        {
            bool asHashtable = string.Equals(parameterName, "Variable", StringComparison.OrdinalIgnoreCase);
            string typed = CompletionHelper.Unquote(asHashtable ? (wordToComplete ?? string.Empty).TrimStart('@', '{', ' ') : wordToComplete);
            string? path = CompletionHelper.BoundString(fakeBoundParameters, "Path");
            IReadOnlyList<CompletionCandidate> candidates = CompletionSources.VariableNames(
                _host(), CompletionHelper.BoundEditors(fakeBoundParameters), path, _environment());

            var results = new List<CompletionResult>();
            foreach (CompletionCandidate candidate in candidates)
            {
                if (!CompletionHelper.Matches(typed, candidate.Name))
                {
                    continue;
                }

                string toolTip = candidate.Value is null ? candidate.Source : $"{candidate.Name}={candidate.Value} ({candidate.Source})";
                if (asHashtable)
                {
                    // A secret is offered with an empty value: completion never types one out.
                    string value = candidate.Value is null || candidate.Value == "<redacted>" ? string.Empty : candidate.Value;
                    string text = $"@{{ {HashtableKey(candidate.Name)} = '{value.Replace("'", "''")}' }}";
                    results.Add(new CompletionResult(text, candidate.Name, CompletionResultType.ParameterValue, toolTip));
                }
                else
                {
                    results.Add(CompletionHelper.Result(candidate.Name, toolTip));
                }
            }

            return results;
        }

        private static string HashtableKey(string name)
        {
            foreach (char c in name)
            {
                if (!(char.IsLetterOrDigit(c) || c == '_'))
                {
                    return "'" + name.Replace("'", "''") + "'";
                }
            }

            return name;
        }
    }
}
