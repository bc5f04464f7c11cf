using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text;

namespace GoEnvTools
{
    /// <summary>A value to write into a settings document: a string, an object of values, true/false, or null.</summary>
    public sealed class JsoncValue
    {
        private JsoncValue(JsoncNodeKind kind, string? text, IReadOnlyList<KeyValuePair<string, JsoncValue>>? properties)
        {
            Kind = kind;
            Text = text;
            Properties = properties ?? new KeyValuePair<string, JsoncValue>[0];
        }

        public JsoncNodeKind Kind { get; }

        /// <summary>The string of a String value; "true"/"false" of a Boolean; null otherwise.</summary>
        public string? Text { get; }

        public IReadOnlyList<KeyValuePair<string, JsoncValue>> Properties { get; }

        public static JsoncValue Null { get; } = new JsoncValue(JsoncNodeKind.Null, null, null);

        public static JsoncValue FromString(string value) =>
            new JsoncValue(JsoncNodeKind.String, value ?? throw new ArgumentNullException(nameof(value)), null);

        public static JsoncValue FromBoolean(bool value) => new JsoncValue(JsoncNodeKind.Boolean, value ? "true" : "false", null);

        /// <summary>An object; its keys must be distinct, as a settings object's keys should be.</summary>
        public static JsoncValue FromObject(IEnumerable<KeyValuePair<string, JsoncValue>> properties)
        {
            if (properties is null)
            {
                throw new ArgumentNullException(nameof(properties));
            }

            var list = new List<KeyValuePair<string, JsoncValue>>(properties);
            var seen = new HashSet<string>(StringComparer.Ordinal);
            foreach (var pair in list)
            {
                if (pair.Key is null || pair.Value is null)
                {
                    throw new ArgumentException("An object's keys and values must not be null.", nameof(properties));
                }

                if (!seen.Add(pair.Key))
                {
                    throw new ArgumentException($"The key '{pair.Key}' is given twice.", nameof(properties));
                }
            }

            return new JsoncValue(JsoncNodeKind.Object, null, list);
        }

        /// <summary>An object of string values, in the order given.</summary>
        public static JsoncValue FromStrings(IEnumerable<KeyValuePair<string, string>> properties)
        {
            var list = new List<KeyValuePair<string, JsoncValue>>();
            foreach (var pair in properties)
            {
                list.Add(new KeyValuePair<string, JsoncValue>(pair.Key, FromString(pair.Value)));
            }

            return FromObject(list);
        }

        /// <summary>Whether a value in a document already reads as this value (so writing it would change nothing).</summary>
        public bool IsSameAs(JsoncNode node)
        {
            if (node.Kind != Kind)
            {
                return false;
            }

            switch (Kind)
            {
                case JsoncNodeKind.String:
                case JsoncNodeKind.Boolean:
                    return string.Equals(node.Value, Text, StringComparison.Ordinal);
                case JsoncNodeKind.Null:
                    return true;
                case JsoncNodeKind.Object:
                    if (node.Properties.Count != Properties.Count)
                    {
                        return false;
                    }

                    for (int i = 0; i < Properties.Count; i++)
                    {
                        JsoncProperty existing = node.Properties[i];
                        if (!string.Equals(existing.Key, Properties[i].Key, StringComparison.Ordinal) || !Properties[i].Value.IsSameAs(existing.Value))
                        {
                            return false;
                        }
                    }

                    return true;
                default:
                    return false;
            }
        }

        /// <summary>A JSON string literal for text, escaped as JSON.stringify escapes it.</summary>
        public static string Quote(string text)
        {
            var builder = new StringBuilder(text.Length + 2);
            AppendQuoted(builder, text);
            return builder.ToString();
        }

        internal static void AppendQuoted(StringBuilder builder, string text)
        {
            builder.Append('"');
            foreach (char c in text)
            {
                switch (c)
                {
                    case '"': builder.Append("\\\""); break;
                    case '\\': builder.Append("\\\\"); break;
                    case '\n': builder.Append("\\n"); break;
                    case '\r': builder.Append("\\r"); break;
                    case '\t': builder.Append("\\t"); break;
                    case '\b': builder.Append("\\b"); break;
                    case '\f': builder.Append("\\f"); break;
                    default:
                        if (c < ' ')
                        {
                            builder.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
                        }
                        else
                        {
                            builder.Append(c);
                        }

                        break;
                }
            }

            builder.Append('"');
        }

        /// <summary>
        /// Writes the value. A multi-line object puts each property on its own line at indent + unit and its
        /// closing brace at indent; an inline one stays on one line.
        /// </summary>
        internal void AppendTo(StringBuilder builder, string indent, string unit, string lineBreak, bool inline)
        {
            switch (Kind)
            {
                case JsoncNodeKind.String:
                    AppendQuoted(builder, Text!);
                    return;
                case JsoncNodeKind.Boolean:
                    builder.Append(Text);
                    return;
                case JsoncNodeKind.Null:
                    builder.Append("null");
                    return;
            }

            if (Properties.Count == 0)
            {
                builder.Append("{}");
                return;
            }

            builder.Append('{');
            string inner = indent + unit;
            for (int i = 0; i < Properties.Count; i++)
            {
                if (inline)
                {
                    builder.Append(i == 0 ? " " : ", ");
                }
                else
                {
                    builder.Append(i == 0 ? string.Empty : ",").Append(lineBreak).Append(inner);
                }

                AppendQuoted(builder, Properties[i].Key);
                builder.Append(": ");
                Properties[i].Value.AppendTo(builder, inner, unit, lineBreak, inline);
            }

            if (inline)
            {
                builder.Append(" }");
            }
            else
            {
                builder.Append(lineBreak).Append(indent).Append('}');
            }
        }
    }
}
