using System;
using System.Collections.Generic;
using System.Text;

namespace GoEnvTools
{
    /// <summary>One edit of a settings file: set a string, remove a key, or put folders first on a PATH.</summary>
    public sealed class SettingsOperation
    {
        private SettingsOperation(string[] path, string? value, string[]? prepend, bool remove)
        {
            KeyPath = path;
            Value = value;
            PrependEntries = prepend;
            IsRemove = remove;
        }

        /// <summary>The keys below the settings object (go.toolsEnvVars, PATH).</summary>
        public string[] KeyPath { get; }
        public string? Value { get; }
        public string[]? PrependEntries { get; }
        public bool IsRemove { get; }

        public string Key => string.Join(".", KeyPath);

        public static SettingsOperation Set(string value, params string[] path) => new SettingsOperation(path, value ?? throw new ArgumentNullException(nameof(value)), null, false);

        public static SettingsOperation Remove(params string[] path) => new SettingsOperation(path, null, null, true);

        /// <summary>Writes "&lt;entries&gt;&lt;sep&gt;${env:PATH}" (keeping other entries already there), so vscode-go adds today's PATH when it starts gopls.</summary>
        public static SettingsOperation PrependPath(string[] entries, params string[] path) => new SettingsOperation(path, null, entries, false);
    }

    /// <summary>Applies operations, one after the other, to the bytes of a settings file; writes nothing.</summary>
    public static class SettingsEditPlan
    {
        public const string EnvPath = "${env:PATH}";

        /// <summary>
        /// The bytes after every operation, and one SettingsChange per operation (Status Changed or NoChange).
        /// A missing file (original null) starts as an empty document. Throws <see cref="JsoncException"/> when
        /// the file cannot be edited safely; then nothing is returned.
        /// </summary>
        public static (byte[] Bytes, List<SettingsChange> Changes) Apply(
            byte[]? original, IReadOnlyList<string> prefix, IEnumerable<SettingsOperation> operations, char pathSeparator, JsoncFormatting? formatting = null)
        {
            byte[] bytes = original ?? new byte[0];
            var changes = new List<SettingsChange>();

            // Parse once up front: a broken or non-UTF-8 file is refused before anything else happens.
            JsoncDocument.Parse(bytes);
            foreach (SettingsOperation operation in operations)
            {
                var path = new List<string>(prefix);
                path.AddRange(operation.KeyPath);
                JsoncEditResult result;
                string? newValue;
                if (operation.IsRemove)
                {
                    result = JsoncEditor.Remove(bytes, path, formatting);
                    newValue = null;
                }
                else
                {
                    newValue = operation.Value;
                    if (operation.PrependEntries is string[] entries)
                    {
                        JsoncNode? current = JsoncDocument.Parse(bytes).Find(path);
                        newValue = Prepend(current?.Kind == JsoncNodeKind.String ? current.Value : null, entries, pathSeparator);
                    }

                    result = JsoncEditor.SetString(bytes, path, newValue!, formatting);
                }

                changes.Add(new SettingsChange
                {
                    Key = operation.Key,
                    Status = result.Changed ? "Changed" : "NoChange",
                    OldValue = Show(result.Original, result.OldValue),
                    NewValue = newValue,
                });
                bytes = result.Bytes;
            }

            return (bytes, changes);
        }

        /// <summary>
        /// Everything a caller needs before it asks the user and writes: the new bytes, one change per operation,
        /// whether the file must be written at all, and the lines that change (for -WhatIf). A missing file that no
        /// operation would fill is not created.
        /// </summary>
        public static PreparedSettingsEdit Prepare(
            byte[]? original, IReadOnlyList<string> prefix, IEnumerable<SettingsOperation> operations, char pathSeparator, JsoncFormatting? formatting = null)
        {
            (byte[] updated, List<SettingsChange> changes) = Apply(original, prefix, operations, pathSeparator, formatting);
            var changedKeys = new List<string>();
            foreach (SettingsChange change in changes)
            {
                if (change.Status == "Changed")
                {
                    changedKeys.Add(change.Key);
                }
            }

            bool writes = original is null
                ? changedKeys.Count > 0
                : !ReferenceEquals(updated, original) && !SettingsFileWriter.SameBytes(updated, original);
            string diff = writes
                ? LineDiff(original is null ? string.Empty : JsoncDocument.Parse(original).Text, JsoncDocument.Parse(updated).Text)
                : string.Empty;
            return new PreparedSettingsEdit(original, updated, changes, writes, changedKeys, diff);
        }

        /// <summary>
        /// entries first (in their order), then the other entries of the current value, then ${env:PATH} unless it
        /// is there already: running it twice gives one copy of each.
        /// </summary>
        public static string Prepend(string? current, IReadOnlyList<string> entries, char separator)
        {
            var result = new List<string>();
            var seen = new HashSet<string>(StringComparer.Ordinal);
            foreach (string entry in entries)
            {
                if (entry.Length > 0 && seen.Add(entry))
                {
                    result.Add(entry);
                }
            }

            bool hasEnvPath = false;
            if (!string.IsNullOrEmpty(current))
            {
                foreach (string entry in SplitPath(current!, separator))
                {
                    if (entry.Length == 0 || !seen.Add(entry))
                    {
                        continue;
                    }

                    hasEnvPath |= string.Equals(entry, EnvPath, StringComparison.Ordinal);
                    result.Add(entry);
                }
            }

            if (!hasEnvPath && !seen.Contains(EnvPath))
            {
                result.Add(EnvPath);
            }

            return string.Join(separator.ToString(), result.ToArray());
        }

        /// <summary>Splits a PATH value on the separator, except inside ${...} (${env:PATH} holds a colon).</summary>
        public static List<string> SplitPath(string value, char separator)
        {
            var entries = new List<string>();
            int start = 0;
            int depth = 0;
            for (int i = 0; i < value.Length; i++)
            {
                char c = value[i];
                if (c == '$' && i + 1 < value.Length && value[i + 1] == '{')
                {
                    depth++;
                    i++;
                }
                else if (c == '}' && depth > 0)
                {
                    depth--;
                }
                else if (c == separator && depth == 0)
                {
                    entries.Add(value.Substring(start, i - start));
                    start = i + 1;
                }
            }

            entries.Add(value.Substring(start));
            return entries;
        }

        private static string? Show(JsoncDocument doc, JsoncNode? node)
        {
            if (node is null)
            {
                return null;
            }

            return node.Kind == JsoncNodeKind.String ? node.Value : doc.Text.Substring(node.Offset, node.Length);
        }

        /// <summary>
        /// The lines that differ between two texts: "-" lines with their number in the old text, "+" lines with theirs in the new,
        /// for the -WhatIf message.
        /// </summary>
        public static string LineDiff(string oldText, string newText, int maxLines = 40)
        {
            string[] a = SplitLines(oldText);
            string[] b = SplitLines(newText);
            int start = 0;
            while (start < a.Length && start < b.Length && a[start] == b[start])
            {
                start++;
            }

            int endA = a.Length, endB = b.Length;
            while (endA > start && endB > start && a[endA - 1] == b[endB - 1])
            {
                endA--;
                endB--;
            }

            var output = new StringBuilder();
            int written = 0;
            int n = endA - start, m = endB - start;
            if ((long)n * m <= 4_000_000)
            {
                // Longest common subsequence of the middle, so two edits far apart show as two small hunks.
                var lcs = new int[n + 1, m + 1];
                for (int i = n - 1; i >= 0; i--)
                {
                    for (int j = m - 1; j >= 0; j--)
                    {
                        lcs[i, j] = a[start + i] == b[start + j] ? lcs[i + 1, j + 1] + 1 : Math.Max(lcs[i + 1, j], lcs[i, j + 1]);
                    }
                }

                int x = 0, y = 0;
                while (x < n || y < m)
                {
                    if (x < n && y < m && a[start + x] == b[start + y])
                    {
                        x++;
                        y++;
                    }
                    else if (x < n && (y == m || lcs[x + 1, y] >= lcs[x, y + 1]))
                    {
                        Line(output, ref written, maxLines, $"-{start + x + 1,5}: {a[start + x]}");
                        x++;
                    }
                    else
                    {
                        Line(output, ref written, maxLines, $"+{start + y + 1,5}: {b[start + y]}");
                        y++;
                    }
                }
            }
            else
            {
                for (int i = start; i < endA; i++)
                {
                    Line(output, ref written, maxLines, $"-{i + 1,5}: {a[i]}");
                }

                for (int j = start; j < endB; j++)
                {
                    Line(output, ref written, maxLines, $"+{j + 1,5}: {b[j]}");
                }
            }

            if (written > maxLines)
            {
                output.Append("... ").Append(written - maxLines).Append(" more lines");
            }

            return output.ToString().TrimEnd('\n');
        }

        private static void Line(StringBuilder output, ref int written, int maxLines, string line)
        {
            written++;
            if (written <= maxLines)
            {
                output.Append(line).Append('\n');
            }
        }

        private static string[] SplitLines(string text) => text.Replace("\r\n", "\n").Replace('\r', '\n').Split('\n');
    }

    /// <summary>A settings edit worked out in memory, not yet written.</summary>
    public sealed class PreparedSettingsEdit
    {
        internal PreparedSettingsEdit(byte[]? original, byte[] updated, List<SettingsChange> changes, bool writesFile, List<string> changedKeys, string diff)
        {
            Original = original;
            Updated = updated;
            Changes = changes;
            WritesFile = writesFile;
            ChangedKeys = changedKeys;
            Diff = diff;
        }

        /// <summary>The file as read; null when it does not exist yet.</summary>
        public byte[]? Original { get; }

        public byte[] Updated { get; }

        /// <summary>One per operation, in order, with Status Changed or NoChange.</summary>
        public List<SettingsChange> Changes { get; }

        /// <summary>False when the file already says all of it (a second identical run).</summary>
        public bool WritesFile { get; }

        public IReadOnlyList<string> ChangedKeys { get; }

        /// <summary>The lines that change, as LineDiff shows them; empty when nothing is written.</summary>
        public string Diff { get; }
    }
}
