using System;
using System.Collections;
using System.Collections.Generic;
using System.Collections.Specialized;
using System.Diagnostics;

namespace GoEnvTools
{
    /// <summary>Makes snapshots from the sources the module knows.</summary>
    public static class SnapshotFactory
    {
        /// <summary>
        /// A snapshot of <paramref name="variables"/> (null when the environment could not be read). Names keep their
        /// order; on Windows names differ without case and the first of two spellings wins, as it does for a process.
        /// Null values become empty strings.
        /// </summary>
        public static GoEnvSnapshot Create(
            string source, DateTime capturedAt, string platform, EnvironmentStatus status, IEnumerable<KeyValuePair<string, string?>>? variables)
        {
            var snapshot = new GoEnvSnapshot
            {
                Source = source,
                CapturedAt = capturedAt,
                Platform = platform,
                EnvironmentStatus = status,
            };
            if (variables is not null)
            {
                var ordered = NewVariables(platform);
                foreach (KeyValuePair<string, string?> pair in variables)
                {
                    if (pair.Key.Length > 0 && !ordered.Contains(pair.Key))
                    {
                        ordered.Add(pair.Key, pair.Value ?? string.Empty);
                    }
                }

                snapshot.Variables = ordered;
            }

            return snapshot;
        }

        /// <summary>A copy that keeps only the variables whose names <paramref name="keep"/> accepts, in their order.</summary>
        public static GoEnvSnapshot Select(GoEnvSnapshot snapshot, Func<string, bool> keep)
        {
            GoEnvSnapshot copy = Copy(snapshot);
            if (snapshot.Variables is not null)
            {
                OrderedDictionary kept = NewVariables(snapshot.Platform);
                foreach (DictionaryEntry entry in snapshot.Variables)
                {
                    if (keep((string)entry.Key))
                    {
                        kept.Add(entry.Key, entry.Value);
                    }
                }

                copy.Variables = kept;
            }

            return copy;
        }

        public static OrderedDictionary NewVariables(string platform) =>
            new OrderedDictionary(SnapshotPlatform.IgnoresCase(platform) ? StringComparer.OrdinalIgnoreCase : StringComparer.Ordinal);

        /// <summary>The entries of any dictionary, as text (what a deserialized property bag holds).</summary>
        public static IEnumerable<KeyValuePair<string, string?>> Pairs(IDictionary dictionary)
        {
            foreach (DictionaryEntry entry in dictionary)
            {
                yield return new KeyValuePair<string, string?>(Convert.ToString(entry.Key, System.Globalization.CultureInfo.InvariantCulture) ?? string.Empty, entry.Value?.ToString());
            }
        }

        /// <summary>
        /// The environment of this process as it is now (variables the session set included), sorted by name: .NET
        /// gives no order, and sorting makes two snapshots of one session line up.
        /// </summary>
        public static GoEnvSnapshot FromCurrentProcess(DateTime capturedAt)
        {
            IDictionary current = Environment.GetEnvironmentVariables();
            var names = new List<string>(current.Count);
            foreach (object key in current.Keys)
            {
                names.Add((string)key);
            }

            names.Sort(StringComparer.Ordinal);
            var pairs = new List<KeyValuePair<string, string?>>(names.Count);
            foreach (string name in names)
            {
                pairs.Add(new KeyValuePair<string, string?>(name, current[name] as string));
            }

            using Process self = Process.GetCurrentProcess();
            return Create($"process {self.Id} ({self.ProcessName}), current", capturedAt, SnapshotPlatform.Current, EnvironmentStatus.Ok, pairs);
        }

        public static GoEnvSnapshot FromProcess(ProcessEnvironment process, DateTime capturedAt) =>
            Create(
                DescribeProcess(process.ProcessId, process.Name),
                capturedAt,
                SnapshotPlatform.Current,
                process.EnvironmentStatus,
                process.Environment is null ? null : Pairs(process.Environment));

        /// <summary>"process 4242 (gopls)"; gopls processes say so in their name already.</summary>
        public static string DescribeProcess(int processId, string? name) =>
            string.IsNullOrEmpty(name) ? $"process {processId}" : $"process {processId} ({name})";

        /// <summary>
        /// A copy whose secrets are redacted; values redacted already stay as they are. <paramref name="redactor"/> is
        /// asked for the key only when there is a secret, so a snapshot without secrets never creates a key file.
        /// </summary>
        public static GoEnvSnapshot Redact(GoEnvSnapshot snapshot, Func<SecretRedactor> redactor)
        {
            SecretRedactor? key = null;
            GoEnvSnapshot copy = CopyHeader(snapshot);
            if (snapshot.Variables is not null)
            {
                var variables = NewVariables(snapshot.Platform);
                foreach (DictionaryEntry entry in snapshot.Variables)
                {
                    string name = (string)entry.Key;
                    string value = entry.Value as string ?? string.Empty;
                    bool redact = SecretDetector.IsSecret(name, value) && !SecretRedactor.IsRedacted(value);
                    variables.Add(name, redact ? (key ??= redactor()).Redact(value) : value);
                }

                copy.Variables = variables;
            }

            return copy;
        }

        public static GoEnvSnapshot Copy(GoEnvSnapshot snapshot)
        {
            GoEnvSnapshot copy = CopyHeader(snapshot);
            if (snapshot.Variables is not null)
            {
                copy.Variables = NewVariables(snapshot.Platform);
                foreach (DictionaryEntry entry in snapshot.Variables)
                {
                    copy.Variables.Add(entry.Key, entry.Value);
                }
            }

            return copy;
        }

        /// <summary>Everything but the variables.</summary>
        public static GoEnvSnapshot CopyHeader(GoEnvSnapshot snapshot) => new GoEnvSnapshot
        {
            Source = snapshot.Source,
            CapturedAt = snapshot.CapturedAt,
            Platform = snapshot.Platform,
            EnvironmentStatus = snapshot.EnvironmentStatus,
            Shell = snapshot.Shell,
            Arguments = snapshot.Arguments is null ? null : (string[])snapshot.Arguments.Clone(),
            ElapsedMilliseconds = snapshot.ElapsedMilliseconds,
            ExitCode = snapshot.ExitCode,
            StandardError = snapshot.StandardError,
            WorkingDirectory = snapshot.WorkingDirectory,
        };
    }
}
