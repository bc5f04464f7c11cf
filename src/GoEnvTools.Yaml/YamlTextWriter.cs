using System;
using System.Collections;
using System.Collections.Specialized;
using System.Globalization;
using System.IO;

namespace GoEnvTools.Yaml
{
    /// <summary>
    /// Writes the plain trees of YamlDocuments (mappings, object arrays, strings, null) as block YAML, each value on
    /// one line: plain when <see cref="PlainScalars.IsSafe"/> says every reader takes it as that string, double-quoted
    /// with every character that needs it escaped otherwise, and null as the word null. Writing the text directly
    /// is several times faster than YamlDotNet's emitter, which weighs every style for every scalar; the reader
    /// (YamlDotNet's parser) is the check that the text is right.
    /// </summary>
    internal static class YamlTextWriter
    {
        // YAML limits implicit keys to 1024 characters; longer ones are written as explicit "? key" entries.
        private const int MaxImplicitKey = 1000;

        public static void Write(TextWriter writer, OrderedDictionary document)
        {
            if (document.Count == 0)
            {
                writer.Write("{}\n");
                return;
            }

            WriteMapping(writer, document, indent: 0, continuesLine: false);
        }

        private static void WriteMapping(TextWriter writer, OrderedDictionary mapping, int indent, bool continuesLine)
        {
            bool first = true;
            foreach (DictionaryEntry entry in mapping)
            {
                if (!(first && continuesLine))
                {
                    Indent(writer, indent);
                }

                first = false;
                string key = (string)entry.Key;
                if (key.Length > MaxImplicitKey)
                {
                    writer.Write("? ");
                    WriteScalar(writer, key);
                    writer.Write('\n');
                    Indent(writer, indent);
                }
                else
                {
                    WriteScalar(writer, key);
                }

                writer.Write(':');
                WriteValueAfterKey(writer, entry.Value, indent);
            }
        }

        private static void WriteValueAfterKey(TextWriter writer, object? value, int indent)
        {
            switch (value)
            {
                case OrderedDictionary mapping when mapping.Count > 0:
                    writer.Write('\n');
                    WriteMapping(writer, mapping, indent + 2, continuesLine: false);
                    break;
                case object?[] sequence when sequence.Length > 0:
                    // Block sequences stand at the indentation of their key, as YamlDotNet writes them.
                    writer.Write('\n');
                    WriteSequence(writer, sequence, indent, continuesLine: false);
                    break;
                default:
                    writer.Write(' ');
                    WriteLeaf(writer, value);
                    break;
            }
        }

        private static void WriteSequence(TextWriter writer, object?[] sequence, int indent, bool continuesLine)
        {
            for (int i = 0; i < sequence.Length; i++)
            {
                if (!(i == 0 && continuesLine))
                {
                    Indent(writer, indent);
                }

                writer.Write("- ");
                switch (sequence[i])
                {
                    case OrderedDictionary mapping when mapping.Count > 0:
                        WriteMapping(writer, mapping, indent + 2, continuesLine: true);
                        break;
                    case object?[] inner when inner.Length > 0:
                        WriteSequence(writer, inner, indent + 2, continuesLine: true);
                        break;
                    default:
                        WriteLeaf(writer, sequence[i]);
                        break;
                }
            }
        }

        // A scalar, or an empty collection in flow style, and the end of its line.
        private static void WriteLeaf(TextWriter writer, object? value)
        {
            switch (value)
            {
                case null:
                    writer.Write("null");
                    break;
                case string text:
                    WriteScalar(writer, text);
                    break;
                case OrderedDictionary _:
                    writer.Write("{}");
                    break;
                case object?[] _:
                    writer.Write("[]");
                    break;
                default:
                    throw new ArgumentException($"Cannot write a {value.GetType().FullName}; YamlDocuments hands over only mappings, arrays, strings and null.");
            }

            writer.Write('\n');
        }

        private static void Indent(TextWriter writer, int indent)
        {
            for (int i = 0; i < indent; i++)
            {
                writer.Write(' ');
            }
        }

        private static void WriteScalar(TextWriter writer, string text)
        {
            if (PlainScalars.IsSafe(text))
            {
                writer.Write(text);
                return;
            }

            writer.Write('"');
            for (int i = 0; i < text.Length; i++)
            {
                char c = text[i];
                if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
                {
                    writer.Write(c);
                    writer.Write(text[++i]);
                    continue;
                }

                switch (c)
                {
                    case '"': writer.Write("\\\""); break;
                    case '\\': writer.Write("\\\\"); break;
                    case '\0': writer.Write("\\0"); break;
                    case '\a': writer.Write("\\a"); break;
                    case '\b': writer.Write("\\b"); break;
                    case '\t': writer.Write("\\t"); break;
                    case '\n': writer.Write("\\n"); break;
                    case '\v': writer.Write("\\v"); break;
                    case '\f': writer.Write("\\f"); break;
                    case '\r': writer.Write("\\r"); break;
                    case '\u001b': writer.Write("\\e"); break;
                    case '\u0085': writer.Write("\\N"); break;
                    case '\u00a0': writer.Write("\\_"); break;
                    case '\u2028': writer.Write("\\L"); break;
                    case '\u2029': writer.Write("\\P"); break;
                    default:
                        // YAML's printable set: tab, line breaks, 0x20-0x7E, 0x85, 0xA0-0xD7FF, 0xE000-0xFFFD and pairs.
                        // Everything else (other C0 and C1 controls, DEL, the byte order mark, 0xFFFE, 0xFFFF) is escaped.
                        if (c < ' ' || (c >= '\u007f' && c < '\u00a0') || c == '\ufeff' || c >= '\ufffe' || char.IsSurrogate(c))
                        {
                            writer.Write(c <= '\u00ff' ? "\\x" + ((int)c).ToString("X2", CultureInfo.InvariantCulture) : "\\u" + ((int)c).ToString("X4", CultureInfo.InvariantCulture));
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
