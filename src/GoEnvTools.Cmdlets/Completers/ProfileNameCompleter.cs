using System;
using System.Collections;
using System.Collections.Generic;
using System.Management.Automation;
using System.Management.Automation.Language;

namespace GoEnvTools.Completers
{
    /// <summary>Completes -ProfileName with the VS Code profiles found for -Editor (else every installed editor).</summary>
    public sealed class ProfileNameCompleter : IArgumentCompleter
    {
        private readonly Func<SettingsHost> _host;

        public ProfileNameCompleter()
            : this(() => SettingsHost.Current)
        {
        }

        internal ProfileNameCompleter(Func<SettingsHost> host) => _host = host;

        public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete, CommandAst commandAst, IDictionary fakeBoundParameters)
        {
            string typed = CompletionHelper.Unquote(wordToComplete);
            foreach (CompletionCandidate profile in CompletionSources.ProfileNames(_host(), CompletionHelper.BoundEditors(fakeBoundParameters)))
            {
                if (CompletionHelper.Matches(typed, profile.Name))
                {
                    yield return CompletionHelper.Result(profile.Name, $"{profile.Source}: {profile.Value}");
                }
            }
        }
    }
}
