using System;
using System.Collections.Generic;

namespace GoEnvTools
{
    /// <summary>A // or /* */ comment: its offset and length in <see cref="JsoncDocument.Text"/>.</summary>
    public readonly struct JsoncComment
    {
        public JsoncComment(int offset, int length, bool isBlock)
        {
            Offset = offset;
            Length = length;
            IsBlock = isBlock;
        }

        public int Offset { get; }
        public int Length { get; }
        public int End => Offset + Length;
        public bool IsBlock { get; }
    }

    /// <summary>
    /// A settings file read the way VS Code reads it: JSONC (comments, trailing commas), an empty or
    /// comment-only file meaning {}, the last of duplicate keys winning. Offsets are UTF-16 character offsets
    /// into <see cref="Text"/> (the decoded text without its byte order mark); <see cref="ByteOffsetOf"/>
    /// maps one to the offset in the original bytes.
    /// </summary>
    public sealed class JsoncDocument
    {
        private static readonly char[] s_lineBreaks = { '\r', '\n' };
        private int[]? _lineStarts;

        private JsoncDocument(string text, byte[] bytes, bool hasBom)
        {
            Text = text;
            Bytes = bytes;
            HasByteOrderMark = hasBom;
        }

        /// <summary>The bytes the document was read from (UTF-8 of Text, after a byte order mark if any).</summary>
        public byte[] Bytes { get; }

        public string Text { get; }

        public bool HasByteOrderMark { get; }

        /// <summary>The top value, or null for an empty or comment-only document (which VS Code reads as {}).</summary>
        public JsoncNode? Root { get; private set; }

        public IReadOnlyList<JsoncComment> Comments { get; private set; } = new JsoncComment[0];

        /// <summary>The first line break of the text ("\r\n", "\n" or "\r"), or null when it has one line only.</summary>
        public string? LineBreak
        {
            get
            {
                int at = Text.IndexOfAny(new[] { '\r', '\n' });
                if (at < 0)
                {
                    return null;
                }

                return Text[at] == '\r' ? (at + 1 < Text.Length && Text[at + 1] == '\n' ? "\r\n" : "\r") : "\n";
            }
        }

        /// <summary>Reads UTF-8 bytes (a UTF-8 byte order mark is allowed and remembered).</summary>
        /// <exception cref="JsoncException">The bytes are not UTF-8, or the text is not valid JSONC.</exception>
        public static JsoncDocument Parse(byte[] bytes)
        {
            if (bytes is null)
            {
                throw new ArgumentNullException(nameof(bytes));
            }

            var problem = Utf8Input.QuickCheck(bytes, out string? decoded);
            if (problem is { } p)
            {
                // Position the report on the text before the bad byte, which is valid UTF-8.
                string before = Utf8Input.s_strict.GetString(bytes, 0, p.Index);
                bool bom = before.Length > 0 && before[0] == '\uFEFF';
                string prefix = bom ? before.Substring(1) : before;
                var (line, column) = PositionIn(prefix, prefix.Length);
                throw new JsoncException(p.Code, p.Detail, line, column, prefix.Length, p.Index);
            }

            bool hasBom = decoded!.Length > 0 && decoded[0] == '\uFEFF';
            string text = hasBom ? decoded.Substring(1) : decoded;
            var document = new JsoncDocument(text, bytes, hasBom);
            document.ParseText();
            return document;
        }

        /// <summary>Reads text that has no byte order mark; Bytes is then its UTF-8 encoding.</summary>
        public static JsoncDocument Parse(string text)
        {
            if (text is null)
            {
                throw new ArgumentNullException(nameof(text));
            }

            var document = new JsoncDocument(text, Utf8Input.s_strict.GetBytes(text), false);
            document.ParseText();
            return document;
        }

        private void ParseText()
        {
            try
            {
                var (root, comments) = JsoncParser.Parse(Text);
                Root = root;
                Comments = comments;
            }
            catch (JsoncParser.SyntaxError error)
            {
                throw Error(error.Code, error.Message, error.Offset);
            }
        }

        /// <summary>A refusal positioned at a character offset of this document.</summary>
        public JsoncException Error(JsoncErrorCode code, string detail, int offset)
        {
            var (line, column) = GetPosition(offset);
            return new JsoncException(code, detail, line, column, offset, ByteOffsetOf(offset));
        }

        /// <summary>The 1-based line and column (in UTF-16 characters) of a character offset.</summary>
        public (int Line, int Column) GetPosition(int offset)
        {
            int[] starts = _lineStarts ??= ComputeLineStarts(Text);
            int index = Array.BinarySearch(starts, offset);
            if (index < 0)
            {
                index = ~index - 1;
            }

            return (index + 1, offset - starts[index] + 1);
        }

        private static (int Line, int Column) PositionIn(string text, int offset)
        {
            int[] starts = ComputeLineStarts(text);
            int index = Array.BinarySearch(starts, offset);
            if (index < 0)
            {
                index = ~index - 1;
            }

            return (index + 1, offset - starts[index] + 1);
        }

        /// <summary>The offset where the line holding offset starts.</summary>
        internal int LineStartOf(int offset)
        {
            int[] starts = _lineStarts ??= ComputeLineStarts(Text);
            int index = Array.BinarySearch(starts, offset);
            return starts[index < 0 ? ~index - 1 : index];
        }

        /// <summary>
        /// What VS Code reads from the whole document: the root's plain value (see <see cref="JsoncNode.ToPlainValue"/>),
        /// and an empty object for an empty or comment-only document.
        /// </summary>
        public object? ToPlainValue() => Root is null ? new List<KeyValuePair<string, object?>>() : Root.ToPlainValue();

        /// <summary>The offset in <see cref="Bytes"/> of a character offset of <see cref="Text"/>.</summary>
        public long ByteOffsetOf(int offset) => (HasByteOrderMark ? 3 : 0) + Utf8Input.ByteCount(Text, 0, offset);

        /// <summary>The value VS Code reads at a path of keys (the last of duplicates at each level), or null.</summary>
        public JsoncNode? Find(IReadOnlyList<string> path)
        {
            JsoncNode? node = Root;
            foreach (string key in path)
            {
                if (node is null || node.Kind != JsoncNodeKind.Object)
                {
                    return null;
                }

                node = node.GetProperty(key)?.Value;
            }

            return node;
        }

        internal static int[] ComputeLineStarts(string text)
        {
            var starts = new List<int> { 0 };
            int i = text.IndexOfAny(s_lineBreaks);
            while (i >= 0)
            {
                if (text[i] == '\r' && i + 1 < text.Length && text[i + 1] == '\n')
                {
                    i++;
                }

                starts.Add(i + 1);
                i = i + 1 < text.Length ? text.IndexOfAny(s_lineBreaks, i + 1) : -1;
            }

            return starts.ToArray();
        }

    }
}
