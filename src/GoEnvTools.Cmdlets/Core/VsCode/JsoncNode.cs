using System;
using System.Collections.Generic;

namespace GoEnvTools
{
    public enum JsoncNodeKind
    {
        Object,
        Array,
        String,
        Number,
        Boolean,
        Null,
    }

    /// <summary>
    /// One value of a JSONC document with its place in the text. Offset and Length count UTF-16 characters of
    /// <see cref="JsoncDocument.Text"/>; <see cref="JsoncDocument.ByteOffsetOf"/> maps them to the original bytes.
    /// </summary>
    public sealed class JsoncNode
    {
        private static readonly IReadOnlyList<JsoncProperty> s_noProperties = new JsoncProperty[0];
        private static readonly IReadOnlyList<JsoncNode> s_noItems = new JsoncNode[0];

        internal JsoncNode(JsoncNodeKind kind, int offset)
        {
            Kind = kind;
            Offset = offset;
        }

        public JsoncNodeKind Kind { get; }
        public int Offset { get; }
        public int Length { get; internal set; }
        public int End => Offset + Length;

        /// <summary>The unescaped value of a string, the literal text of a number, "true"/"false", or null.</summary>
        public string? Value { get; internal set; }

        /// <summary>Every property of an object in document order, duplicates included.</summary>
        public IReadOnlyList<JsoncProperty> Properties { get; internal set; } = s_noProperties;

        public IReadOnlyList<JsoncNode> Items { get; internal set; } = s_noItems;

        /// <summary>The value VS Code reads for a key: the last property with that key (compared after unescaping).</summary>
        public JsoncProperty? GetProperty(string key)
        {
            for (int i = Properties.Count - 1; i >= 0; i--)
            {
                if (string.Equals(Properties[i].Key, key, StringComparison.Ordinal))
                {
                    return Properties[i];
                }
            }

            return null;
        }

        /// <summary>
        /// The plain value as JavaScript's JSON reading gives it: objects as ordered lists of key and value (a
        /// repeated key keeps its first place and takes the last value), arrays as lists, strings, numbers as
        /// double, booleans, and null.
        /// </summary>
        public object? ToPlainValue()
        {
            switch (Kind)
            {
                case JsoncNodeKind.Object:
                    var result = new List<KeyValuePair<string, object?>>(Properties.Count);
                    var index = new Dictionary<string, int>(StringComparer.Ordinal);
                    foreach (JsoncProperty property in Properties)
                    {
                        object? value = property.Value.ToPlainValue();
                        if (index.TryGetValue(property.Key, out int at))
                        {
                            result[at] = new KeyValuePair<string, object?>(property.Key, value);
                        }
                        else
                        {
                            index.Add(property.Key, result.Count);
                            result.Add(new KeyValuePair<string, object?>(property.Key, value));
                        }
                    }

                    return result;
                case JsoncNodeKind.Array:
                    var items = new List<object?>(Items.Count);
                    foreach (JsoncNode item in Items)
                    {
                        items.Add(item.ToPlainValue());
                    }

                    return items;
                case JsoncNodeKind.String:
                    return Value;
                case JsoncNodeKind.Number:
                    return double.Parse(Value!, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture);
                case JsoncNodeKind.Boolean:
                    return string.Equals(Value, "true", StringComparison.Ordinal);
                default:
                    return null;
            }
        }
    }

    /// <summary>One "key": value pair of an object, with the offsets of its key, colon and following comma.</summary>
    public sealed class JsoncProperty
    {
        internal JsoncProperty(string key, int keyOffset, int keyLength, int colonOffset, JsoncNode value)
        {
            Key = key;
            KeyOffset = keyOffset;
            KeyLength = keyLength;
            ColonOffset = colonOffset;
            Value = value;
        }

        /// <summary>The key after unescaping (so "go\u002EtoolsEnvVars" reads as go.toolsEnvVars).</summary>
        public string Key { get; }
        public int KeyOffset { get; }
        public int KeyLength { get; }
        public int ColonOffset { get; }
        public JsoncNode Value { get; }

        /// <summary>The offset of the comma after this property, or -1 when none follows.</summary>
        public int CommaOffset { get; internal set; } = -1;
    }
}
