using System;
using System.Collections;
using System.Collections.Generic;
using System.Management.Automation;

namespace GoEnvTools.Completers
{
    /// <summary>What every completer does alike: match the typed prefix, quote what needs quotes.</summary>
    internal static class CompletionHelper
    {
        public static string Unquote(string? word)
        {
            if (string.IsNullOrEmpty(word))
            {
                return string.Empty;
            }

            string w = word!;
            if (w.Length > 0 && (w[0] == '\'' || w[0] == '"'))
            {
                w = w.Substring(1);
            }

            if (w.Length > 0 && (w[w.Length - 1] == '\'' || w[w.Length - 1] == '"'))
            {
                w = w.Substring(0, w.Length - 1);
            }

            return w;
        }

        public static bool Matches(string typed, string candidate) =>
            candidate.StartsWith(typed, StringComparison.OrdinalIgnoreCase) ||
            (WildcardPattern.ContainsWildcardCharacters(typed) &&
             new WildcardPattern(typed, WildcardOptions.IgnoreCase).IsMatch(candidate));

        public static CompletionResult Result(string value, string toolTip, string? listItem = null)
        {
            string text = value.IndexOfAny(new[] { ' ', '\'', '"', '$', '`', '(', ')', ';', '&', '{', '}', '#' }) >= 0
                ? "'" + value.Replace("'", "''") + "'"
                : value;
            return new CompletionResult(text, listItem ?? value, CompletionResultType.ParameterValue, toolTip);
        }

        public static IEnumerable<CompletionResult> FromValues(string word, IEnumerable<KeyValuePair<string, string>> valuesWithToolTips)
        {
            string typed = Unquote(word);
            foreach (KeyValuePair<string, string> pair in valuesWithToolTips)
            {
                if (Matches(typed, pair.Key))
                {
                    yield return Result(pair.Key, pair.Value);
                }
            }
        }

        /// <summary>The editors already typed for -Editor (one or several, names or values); null when none.</summary>
        public static IReadOnlyList<Editor>? BoundEditors(IDictionary? fakeBoundParameters)
        {
            object? bound = fakeBoundParameters?["Editor"];
            if (bound is null)
            {
                return null;
            }

            var editors = new List<Editor>();
            IEnumerable values = bound is IEnumerable list && bound is not string ? list : new[] { bound };
            foreach (object? value in values)
            {
                string? text = value is PSObject wrapped ? wrapped.BaseObject?.ToString() : value?.ToString();
                if (text is not null && Enum.TryParse(text, ignoreCase: true, out Editor editor))
                {
                    editors.Add(editor);
                }
            }

            return editors.Count > 0 ? editors : null;
        }

        /// <summary>A string parameter already typed (such as -Path), or null.</summary>
        public static string? BoundString(IDictionary? fakeBoundParameters, string name)
        {
            object? bound = fakeBoundParameters?[name];
            object? value = bound is PSObject wrapped ? wrapped.BaseObject : bound;
            return value as string;
        }
    }
}
