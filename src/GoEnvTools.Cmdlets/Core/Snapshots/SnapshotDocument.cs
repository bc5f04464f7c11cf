using System;
using System.Collections;
using System.Collections.Generic;
using System.Collections.Specialized;
using System.Globalization;
using System.IO;
using System.Text.RegularExpressions;

namespace GoEnvTools
{
    /// <summary>
    /// The snapshot file format, version 1: a YAML or JSON mapping with the keys below, in this order.
    /// <code>
    /// schema: goenvtools/snapshot/v1
    /// source: process 4242 (gopls)
    /// capturedAt: "2026-11-26T15:55:00.1234567Z"     ISO 8601, round-trip precision
    /// platform: Linux                                Linux, MacOS or Windows
    /// environmentStatus: Ok
    /// variableCount: "2"
    /// variables:                                      in their original order; null when not read
    ///   PATH: /usr/bin:/bin
    ///   GITHUB_TOKEN: "redacted:1a2b3c4d:0123456789abcdef"
    /// end: goenvtools/snapshot/v1
    /// </code>
    /// Shell snapshots add shell, arguments, elapsedMilliseconds, exitCode, standardError and workingDirectory before
    /// variableCount.
    /// A file cut short loses its last line, end, or has fewer variables than variableCount: either way it is
    /// refused rather than read as a smaller environment.
    /// </summary>
    public static class SnapshotDocument
    {
        public const string Schema = "goenvtools/snapshot/v1";
        private const string SchemaFamily = "goenvtools/snapshot/";

        private const string SchemaKey = "schema";
        private const string SourceKey = "source";
        private const string CapturedAtKey = "capturedAt";
        private const string PlatformKey = "platform";
        private const string StatusKey = "environmentStatus";
        private const string ShellKey = "shell";
        private const string ArgumentsKey = "arguments";
        private const string ElapsedKey = "elapsedMilliseconds";
        private const string ExitCodeKey = "exitCode";
        private const string StandardErrorKey = "standardError";
        private const string WorkingDirectoryKey = "workingDirectory";
        private const string CountKey = "variableCount";
        private const string VariablesKey = "variables";
        private const string EndKey = "end";

        /// <summary>The format a file name asks for: .yaml and .yml are YAML, .json JSON; null for anything else.</summary>
        public static DocumentFormat? FormatOf(string path)
        {
            string extension = Path.GetExtension(path);
            if (extension.Equals(".yaml", StringComparison.OrdinalIgnoreCase) || extension.Equals(".yml", StringComparison.OrdinalIgnoreCase))
            {
                return DocumentFormat.Yaml;
            }

            if (extension.Equals(".json", StringComparison.OrdinalIgnoreCase))
            {
                return DocumentFormat.Json;
            }

            return null;
        }

        public static string Write(GoEnvSnapshot snapshot, DocumentFormat format) => YamlDocuments.Write(ToDocument(snapshot), format);

        public static OrderedDictionary ToDocument(GoEnvSnapshot snapshot)
        {
            var document = new OrderedDictionary(StringComparer.Ordinal)
            {
                { SchemaKey, Schema },
                { SourceKey, snapshot.Source },
                { CapturedAtKey, snapshot.CapturedAt.ToString("o", CultureInfo.InvariantCulture) },
                { PlatformKey, snapshot.Platform },
                { StatusKey, snapshot.EnvironmentStatus.ToString() },
            };
            AddIfSet(document, ShellKey, snapshot.Shell);
            if (snapshot.Arguments is not null)
            {
                document.Add(ArgumentsKey, snapshot.Arguments);
            }

            AddIfSet(document, ElapsedKey, snapshot.ElapsedMilliseconds?.ToString(CultureInfo.InvariantCulture));
            AddIfSet(document, ExitCodeKey, snapshot.ExitCode?.ToString(CultureInfo.InvariantCulture));
            AddIfSet(document, StandardErrorKey, snapshot.StandardError);
            AddIfSet(document, WorkingDirectoryKey, snapshot.WorkingDirectory);
            int count = snapshot.Variables?.Count ?? 0;
            document.Add(CountKey, count.ToString(CultureInfo.InvariantCulture));
            document.Add(VariablesKey, snapshot.Variables);
            document.Add(EndKey, Schema);
            return document;
        }

        private static void AddIfSet(OrderedDictionary document, string key, string? value)
        {
            if (value is not null)
            {
                document.Add(key, value);
            }
        }

        /// <summary>Reads a snapshot file's text; <paramref name="path"/> names it in errors.</summary>
        /// <exception cref="SnapshotFormatException">Not a snapshot, a later version, damaged or cut short.</exception>
        public static GoEnvSnapshot Read(string text, string path)
        {
            OrderedDictionary document;
            try
            {
                document = YamlDocuments.Parse(text);
            }
            catch (YamlDocumentException ex)
            {
                long line = ex.Line > 0 ? ex.Line : 1;
                throw new SnapshotFormatException(path, line, $"not readable as YAML or JSON, so not a snapshot (or one cut short): {ex.Message}", ex);
            }

            var reader = new Reader(text, path, document);
            return reader.Read();
        }

        private sealed class Reader
        {
            private readonly string _text;
            private readonly string _path;
            private readonly OrderedDictionary _document;
            private string[]? _lines;

            public Reader(string text, string path, OrderedDictionary document)
            {
                _text = text;
                _path = path;
                _document = document;
            }

            public GoEnvSnapshot Read()
            {
                string? schema = _document[SchemaKey] as string;
                if (schema is null || !schema.StartsWith(SchemaFamily, StringComparison.Ordinal))
                {
                    throw Fail(schema is null ? FirstContentLine() : LineOf(SchemaKey),
                        $"not a GoEnvTools snapshot: a snapshot starts with 'schema: {Schema}'. Export-GoEnvSnapshot writes such files.");
                }

                if (!string.Equals(schema, Schema, StringComparison.Ordinal))
                {
                    throw Fail(LineOf(SchemaKey), $"a snapshot of schema '{schema}', which this version of GoEnvTools does not read (it reads {Schema}). Update the module.");
                }

                if (!string.Equals(_document[EndKey] as string, Schema, StringComparison.Ordinal))
                {
                    throw Fail(LastLine(), $"the snapshot is cut short: its last line must be 'end: {Schema}'. The file was not written completely; export the snapshot again.");
                }

                string platform = ReadPlatform();
                var snapshot = new GoEnvSnapshot
                {
                    Source = RequireText(SourceKey),
                    CapturedAt = ReadDate(),
                    Platform = platform,
                    EnvironmentStatus = ReadStatus(),
                    Shell = OptionalText(ShellKey),
                    Arguments = ReadArguments(),
                    ElapsedMilliseconds = OptionalNumber(ElapsedKey),
                    ExitCode = (int?)OptionalNumber(ExitCodeKey),
                    StandardError = OptionalText(StandardErrorKey),
                    WorkingDirectory = OptionalText(WorkingDirectoryKey),
                };
                snapshot.Variables = ReadVariables(platform, snapshot.EnvironmentStatus);
                return snapshot;
            }

            private string RequireText(string key)
            {
                if (_document[key] is string value)
                {
                    return value;
                }

                throw Fail(_document.Contains(key) ? LineOf(key) : FirstContentLine(), $"the snapshot has no text for '{key}'.");
            }

            private string? OptionalText(string key)
            {
                object? value = _document[key];
                if (value is null || value is string)
                {
                    return (string?)value;
                }

                throw Fail(LineOf(key), $"'{key}' must be text.");
            }

            private long? OptionalNumber(string key)
            {
                string? text = OptionalText(key);
                if (text is null)
                {
                    return null;
                }

                if (long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out long number) &&
                    (key != ExitCodeKey || (number >= int.MinValue && number <= int.MaxValue)))
                {
                    return number;
                }

                throw Fail(LineOf(key), $"'{key}' must be a whole number, not '{text}'.");
            }

            private DateTime ReadDate()
            {
                string text = RequireText(CapturedAtKey);
                if (DateTime.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out DateTime value))
                {
                    return value;
                }

                throw Fail(LineOf(CapturedAtKey), $"'{CapturedAtKey}' must be an ISO 8601 date and time such as 2026-11-26T15:55:00.0000000Z, not '{text}'.");
            }

            private string ReadPlatform()
            {
                string text = RequireText(PlatformKey);
                foreach (string known in new[] { SnapshotPlatform.Linux, SnapshotPlatform.MacOS, SnapshotPlatform.Windows })
                {
                    if (known.Equals(text, StringComparison.OrdinalIgnoreCase))
                    {
                        return known;
                    }
                }

                throw Fail(LineOf(PlatformKey), $"'{PlatformKey}' must be Linux, MacOS or Windows, not '{text}'.");
            }

            private EnvironmentStatus ReadStatus()
            {
                string text = RequireText(StatusKey);
                if (Enum.TryParse(text, ignoreCase: true, out EnvironmentStatus status) && Enum.IsDefined(typeof(EnvironmentStatus), status) &&
                    !int.TryParse(text, out _))
                {
                    return status;
                }

                throw Fail(LineOf(StatusKey), $"'{StatusKey}' must be one of {string.Join(", ", Enum.GetNames(typeof(EnvironmentStatus)))}, not '{text}'.");
            }

            private string[]? ReadArguments()
            {
                object? value = _document[ArgumentsKey];
                if (value is null)
                {
                    return null;
                }

                if (value is object?[] items)
                {
                    var result = new string[items.Length];
                    for (int i = 0; i < items.Length; i++)
                    {
                        result[i] = items[i] as string ?? throw Fail(LineOf(ArgumentsKey), $"every item of '{ArgumentsKey}' must be text.");
                    }

                    return result;
                }

                throw Fail(LineOf(ArgumentsKey), $"'{ArgumentsKey}' must be a list of text.");
            }

            private OrderedDictionary? ReadVariables(string platform, EnvironmentStatus status)
            {
                if (!_document.Contains(VariablesKey))
                {
                    throw Fail(LastLine(), $"the snapshot has no '{VariablesKey}'.");
                }

                object? value = _document[VariablesKey];
                if (value is null)
                {
                    if (status == EnvironmentStatus.Ok || status == EnvironmentStatus.Lossy)
                    {
                        throw Fail(LineOf(VariablesKey), $"'{VariablesKey}' is empty, but the environment status {status} says it was read. Only an environment that could not be read has no variables.");
                    }

                    return null;
                }

                if (value is not OrderedDictionary mapping)
                {
                    throw Fail(LineOf(VariablesKey), $"'{VariablesKey}' must be a mapping of NAME: value.");
                }

                int variablesLine = LineOf(VariablesKey);
                OrderedDictionary variables = SnapshotFactory.NewVariables(platform);
                foreach (DictionaryEntry entry in mapping)
                {
                    string name = (string)entry.Key;
                    if (entry.Value is not null && entry.Value is not string)
                    {
                        throw Fail(LineOf(name, variablesLine), $"the value of the variable '{name}' must be text.");
                    }

                    if (name.Length == 0 || name.IndexOf('=') >= 0 || name.IndexOf('\0') >= 0)
                    {
                        throw Fail(LineOf(name, variablesLine), $"'{name}' cannot be the name of an environment variable (empty, or holding '=' or NUL).");
                    }

                    if (variables.Contains(name))
                    {
                        throw Fail(LineOf(name, variablesLine), $"the variable '{name}' appears twice (names differ without case on {platform}).");
                    }

                    variables.Add(name, entry.Value as string ?? string.Empty);
                }

                string? countText = _document[CountKey] as string;
                if (countText is null || !int.TryParse(countText, NumberStyles.None, CultureInfo.InvariantCulture, out int count))
                {
                    throw Fail(_document.Contains(CountKey) ? LineOf(CountKey) : variablesLine, $"the snapshot needs '{CountKey}', the number of its variables.");
                }

                if (count != variables.Count)
                {
                    throw Fail(variablesLine, $"the snapshot says it has {count} variables but holds {variables.Count}: it was cut short or edited. Export it again.");
                }

                return variables;
            }

            private SnapshotFormatException Fail(long line, string message) => new SnapshotFormatException(_path, line, message);

            private string[] Lines() => _lines ??= _text.Split('\n');

            private int LastLine()
            {
                string[] lines = Lines();
                int last = lines.Length;
                while (last > 1 && lines[last - 1].Trim().Length == 0)
                {
                    last--;
                }

                return last;
            }

            private int FirstContentLine()
            {
                string[] lines = Lines();
                for (int i = 0; i < lines.Length; i++)
                {
                    string trimmed = lines[i].Trim();
                    if (trimmed.Length > 0 && !trimmed.StartsWith("#", StringComparison.Ordinal) && trimmed != "---" && trimmed != "{")
                    {
                        return i + 1;
                    }
                }

                return 1;
            }

            /// <summary>
            /// The line where <paramref name="key"/> is written, from line <paramref name="from"/> on. The reader
            /// keeps no positions, so this looks for the key at the start of a line, plain or quoted, as the module
            /// writes it; a key written otherwise falls back to <paramref name="from"/>.
            /// </summary>
            private int LineOf(string key, int from = 1)
            {
                var pattern = new Regex("^\\s*(" + Regex.Escape(key) + "|\"" + Regex.Escape(key) + "\"|'" + Regex.Escape(key) + "')\\s*:", RegexOptions.CultureInvariant);
                string[] lines = Lines();
                for (int i = Math.Max(0, from - 1); i < lines.Length; i++)
                {
                    if (pattern.IsMatch(lines[i]))
                    {
                        return i + 1;
                    }
                }

                return Math.Max(1, from);
            }
        }
    }
}
