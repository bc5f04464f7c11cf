using System;
using System.Collections;
using System.Collections.Specialized;
using System.Globalization;
using System.IO;

namespace GoEnvTools.Yaml
{
    /// <summary>
    /// Writes the plain trees of YamlDocuments (mappings, object arrays, strings, null) as strict JSON (RFC 8259),
    /// indented by two spaces: every string quoted, control characters, DEL, NEL, the Unicode line separators and
    /// lone surrogates escaped, so that JSON readers take the file and it stays valid UTF-8.
    /// </summary>
    internal static class JsonTextWriter
    {
        public static void Write(TextWriter writer, OrderedDictionary document)
        {
            WriteValue(writer, document, depth: 0);
            writer.Write('\n');
        }

        private static void WriteValue(TextWriter writer, object? value, int depth)
        {
            switch (value)
            {
                case null:
                    writer.Write("null");
                    break;
                case string text:
                    WriteString(writer, text);
                    break;
                case OrderedDictionary mapping:
                    writer.Write('{');
                    int count = 0;
                    foreach (DictionaryEntry entry in mapping)
                    {
                        NextItem(writer, count++, depth + 1);
                        WriteString(writer, (string)entry.Key);
                        writer.Write(": ");
                        WriteValue(writer, entry.Value, depth + 1);
                    }

                    Close(writer, '}', count, depth);
                    break;
                case object?[] sequence:
                    writer.Write('[');
                    for (int i = 0; i < sequence.Length; i++)
                    {
                        NextItem(writer, i, depth + 1);
                        WriteValue(writer, sequence[i], depth + 1);
                    }

                    Close(writer, ']', sequence.Length, depth);
                    break;
                default:
                    throw new ArgumentException($"Cannot write a {value.GetType().FullName}; YamlDocuments hands over only mappings, arrays, strings and null.");
            }
        }

        private static void NextItem(TextWriter writer, int index, int depth)
        {
            if (index > 0)
            {
                writer.Write(',');
            }

            NewLine(writer, depth);
        }

        private static void Close(TextWriter writer, char close, int count, int depth)
        {
            if (count > 0)
            {
                NewLine(writer, depth);
            }

            writer.Write(close);
        }

        private static void NewLine(TextWriter writer, int depth)
        {
            writer.Write('\n');
            writer.Write(new string(' ', depth * 2));
        }

        private static void WriteString(TextWriter writer, string value)
        {
            writer.Write('"');
            for (int i = 0; i < value.Length; i++)
            {
                char c = value[i];
                if (char.IsHighSurrogate(c) && i + 1 < value.Length && char.IsLowSurrogate(value[i + 1]))
                {
                    writer.Write(c);
                    writer.Write(value[++i]);
                    continue;
                }

                switch (c)
                {
                    case '"':
                        writer.Write("\\\"");
                        break;
                    case '\\':
                        writer.Write("\\\\");
                        break;
                    case '\n':
                        writer.Write("\\n");
                        break;
                    case '\r':
                        writer.Write("\\r");
                        break;
                    case '\t':
                        writer.Write("\\t");
                        break;
                    case '\b':
                        writer.Write("\\b");
                        break;
                    case '\f':
                        writer.Write("\\f");
                        break;
                    default:
                        // Control characters must be escaped; DEL, NEL, the Unicode line separators and lone
                        // surrogates are escaped too, so the file stays readable and valid UTF-8.
                        if (c < ' ' || c == '\u007f' || c == '\u0085' || c == '\u2028' || c == '\u2029' || char.IsSurrogate(c))
                        {
                            writer.Write("\\u");
                            writer.Write(((int)c).ToString("x4", CultureInfo.InvariantCulture));
                        }
                        else
                        {
                            writer.Write(c);
                        }

                        break;
                }
            }

            writer.Write('"');
        }
    }
}
