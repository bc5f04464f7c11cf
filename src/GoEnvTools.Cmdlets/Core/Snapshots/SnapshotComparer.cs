using System;
using System.Collections;
using System.Collections.Generic;

namespace GoEnvTools
{
    /// <summary>Choices of a comparison; the defaults compare everything but the editor's own variables.</summary>
    public sealed class ComparisonOptions
    {
        public bool IncludeEqual { get; set; }
        public bool IncludeEditorVariables { get; set; }

        /// <summary>Which names to compare; null for all.</summary>
        public Func<string, bool>? NameFilter { get; set; }

        /// <summary>The file-system seam of the go lookup: whether a path is an executable file on this machine.</summary>
        public Func<string, bool> IsExecutableFile { get; set; } = ExecutableFiles.IsExecutable;

        /// <summary>The platform of this machine: only snapshots taken on it can say which go their PATH finds here.</summary>
        public string LocalPlatform { get; set; } = SnapshotPlatform.Current;
    }

    /// <summary>Compares two snapshots variable by variable, and list variables entry by entry.</summary>
    public static class SnapshotComparer
    {
        private static readonly IComparer<GoEnvDifference> s_byName = Comparer<GoEnvDifference>.Create((a, b) =>
        {
            int order = StringComparer.OrdinalIgnoreCase.Compare(a.Name, b.Name);
            return order != 0 ? order : StringComparer.Ordinal.Compare(a.Name, b.Name);
        });

        /// <summary>
        /// One row per variable that differs (and per equal one with IncludeEqual), ordered by name. Names compare
        /// without case when either snapshot is from Windows; a row takes the reference's spelling.
        /// </summary>
        /// <exception cref="ArgumentException">A snapshot has no variables (its environment could not be read).</exception>
        public static List<GoEnvDifference> Compare(GoEnvSnapshot reference, GoEnvSnapshot difference, ComparisonOptions options)
        {
            IDictionary referenceVariables = reference.Variables ?? throw Unread(reference, nameof(reference));
            IDictionary differenceVariables = difference.Variables ?? throw Unread(difference, nameof(difference));
            bool ignoreCase = reference.IgnoresCase || difference.IgnoresCase;
            StringComparer names = ignoreCase ? StringComparer.OrdinalIgnoreCase : StringComparer.Ordinal;

            var unmatched = new Dictionary<string, KeyValuePair<string, string>>(referenceVariables.Count, names);
            var referenceOrder = new List<string>(referenceVariables.Count);
            foreach (DictionaryEntry entry in referenceVariables)
            {
                string name = (string)entry.Key;
                if (Selected(name, options) && !unmatched.ContainsKey(name))
                {
                    unmatched.Add(name, new KeyValuePair<string, string>(name, entry.Value as string ?? string.Empty));
                    referenceOrder.Add(name);
                }
            }

            var context = new Sides(reference, difference, options, ignoreCase);
            var rows = new List<GoEnvDifference>();
            HashSet<string>? seen = ignoreCase && !difference.IgnoresCase ? new HashSet<string>(names) : null;
            foreach (DictionaryEntry entry in differenceVariables)
            {
                string name = (string)entry.Key;
                if (!Selected(name, options) || (seen is not null && !seen.Add(name)))
                {
                    continue;
                }

                string value = entry.Value as string ?? string.Empty;
                if (!unmatched.TryGetValue(name, out KeyValuePair<string, string> match))
                {
                    rows.Add(context.Row(name, ChangeKind.Added, null, value));
                    continue;
                }

                unmatched.Remove(name);
                ChangeKind kind = Classify(match.Value, value);
                if (kind != ChangeKind.Equal || options.IncludeEqual)
                {
                    rows.Add(context.Row(match.Key, kind, match.Value, value));
                }
            }

            foreach (string name in referenceOrder)
            {
                if (unmatched.TryGetValue(name, out KeyValuePair<string, string> left))
                {
                    rows.Add(context.Row(left.Key, ChangeKind.Removed, left.Value, null));
                }
            }

            rows.Sort(s_byName);
            return rows;
        }

        /// <summary>
        /// Equal or Changed for plain values. Redacted values: the same key and hash are Equal, the same key with
        /// another hash Changed; under different keys, or one redacted and one clear, nobody can tell: Unknown.
        /// </summary>
        public static ChangeKind Classify(string reference, string difference)
        {
            if (string.Equals(reference, difference, StringComparison.Ordinal))
            {
                return ChangeKind.Equal;
            }

            bool referenceRedacted = SecretRedactor.TryParse(reference, out string referenceKey, out string referenceHash);
            bool differenceRedacted = SecretRedactor.TryParse(difference, out string differenceKey, out string differenceHash);
            if (referenceRedacted && differenceRedacted)
            {
                if (!string.Equals(referenceKey, differenceKey, StringComparison.OrdinalIgnoreCase))
                {
                    return ChangeKind.Unknown;
                }

                return string.Equals(referenceHash, differenceHash, StringComparison.OrdinalIgnoreCase) ? ChangeKind.Equal : ChangeKind.Changed;
            }

            return referenceRedacted || differenceRedacted ? ChangeKind.Unknown : ChangeKind.Changed;
        }

        private static bool Selected(string name, ComparisonOptions options) =>
            (options.IncludeEditorVariables || !SnapshotVariables.IsEditorVariable(name)) &&
            (options.NameFilter is null || options.NameFilter(name));

        private static ArgumentException Unread(GoEnvSnapshot snapshot, string which) => new ArgumentException(
            $"The {which} snapshot '{snapshot.Source}' holds no variables: its environment status is {snapshot.EnvironmentStatus}, so there is nothing to compare.",
            which);

        /// <summary>What a row needs to know about the two snapshots.</summary>
        private sealed class Sides
        {
            private readonly GoEnvSnapshot _reference;
            private readonly GoEnvSnapshot _difference;
            private readonly ComparisonOptions _options;
            private readonly bool _ignoreCase;

            public Sides(GoEnvSnapshot reference, GoEnvSnapshot difference, ComparisonOptions options, bool ignoreCase)
            {
                _reference = reference;
                _difference = difference;
                _options = options;
                _ignoreCase = ignoreCase;
            }

            public GoEnvDifference Row(string name, ChangeKind kind, string? referenceValue, string? differenceValue)
            {
                var row = new GoEnvDifference
                {
                    Name = name,
                    ChangeKind = kind,
                    ReferenceValue = referenceValue,
                    DifferenceValue = differenceValue,
                };
                if (!SnapshotVariables.IsList(name) || kind == ChangeKind.Unknown)
                {
                    return row;
                }

                string[] referenceEntries = Entries(referenceValue, _reference);
                string[] differenceEntries = Entries(differenceValue, _difference);
                if (kind != ChangeKind.Equal)
                {
                    StringComparer entries = _reference.IgnoresCase || _difference.IgnoresCase ? StringComparer.OrdinalIgnoreCase : StringComparer.Ordinal;
                    ListDifference.Fill(row, referenceEntries, differenceEntries, entries);
                }

                if (string.Equals(name, "PATH", _ignoreCase ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal))
                {
                    row.ReferenceGo = FindGo(referenceValue, referenceEntries, _reference);
                    row.DifferenceGo = FindGo(differenceValue, differenceEntries, _difference);
                }

                return row;
            }

            private static string[] Entries(string? value, GoEnvSnapshot side) =>
                value is null ? Array.Empty<string>() : value.Split(SnapshotPlatform.PathSeparator(side.Platform));

            private string? FindGo(string? value, string[] entries, GoEnvSnapshot side)
            {
                if (value is null || !string.Equals(side.Platform, _options.LocalPlatform, StringComparison.OrdinalIgnoreCase))
                {
                    return null;
                }

                string? pathExt = side.IgnoresCase ? Lookup(side, "PATHEXT") : null;
                return PathLookup.Find("go", entries, side.IgnoresCase, _options.IsExecutableFile, pathExt);
            }

            private static string? Lookup(GoEnvSnapshot side, string name) => side.Variables?[name] as string;
        }
    }
}
