using System;
using System.Collections.Generic;
using System.IO;
using System.Text;

namespace GoEnvTools
{
    /// <summary>What to use where the document itself gives no example.</summary>
    public sealed class JsoncFormatting
    {
        /// <summary>The line break of a document that has none yet.</summary>
        public string DefaultLineBreak { get; set; } = Environment.NewLine;

        /// <summary>The indentation unit of a document that shows none (VS Code's default: four spaces).</summary>
        public string DefaultIndent { get; set; } = "    ";
    }

    /// <summary>The outcome of an edit: the new bytes, and whether they differ from the old ones.</summary>
    public sealed class JsoncEditResult
    {
        internal JsoncEditResult(JsoncDocument original, byte[] bytes, bool changed, JsoncNode? oldValue)
        {
            Original = original;
            Bytes = bytes;
            Changed = changed;
            OldValue = oldValue;
        }

        public JsoncDocument Original { get; }

        /// <summary>The edited document; the very same array as the input when nothing changed.</summary>
        public byte[] Bytes { get; }

        public bool Changed { get; }

        /// <summary>The value that was at the path before the edit (in <see cref="Original"/>), or null.</summary>
        public JsoncNode? OldValue { get; }
    }

    /// <summary>
    /// Edits a settings document in place, the way VS Code's own settings writer does: each edit is a
    /// small splice into the original bytes, everything else stays byte for byte (a UTF-8 byte order mark too).
    /// <list type="bullet">
    /// <item>A new property goes last in its object, where VS Code's editor puts it: on a new line after the
    /// last property and any comment that ends that line, indented like that property; the comma that joins
    /// them goes right after the old value, never after its comment. A file that ends objects with a comma
    /// gets one after the new property too. An empty object gets the property one indentation step deeper than
    /// the object's line (the file's most common step: a tab or N spaces); a one-line object stays on one line.</item>
    /// <item>Line breaks are the file's own (of the line where the text goes); <see cref="JsoncFormatting"/>
    /// only supplies what a file without any example needs.</item>
    /// <item>A removed property takes its comma, its line when it had the line to itself, and the comments
    /// after it on that line; the comments above it stay. When the last property goes, the comma before it
    /// goes too, and the comment after that comma stays.</item>
    /// <item>Setting the value a document already reads as changes nothing (Changed is false and the input
    /// array comes back), so running an edit twice is harmless.</item>
    /// </list>
    /// A document VS Code would refuse to write (any syntax error), bytes that are not UTF-8, a root that is not an
    /// object, a key on the path that occurs twice, or a value of the wrong type on the path are refused with a
    /// <see cref="JsoncException"/> (line, column, reason) and nothing is changed.
    /// </summary>
    public static class JsoncEditor
    {
        /// <summary>Sets the string at path (for example go.toolsEnvVars, GOPROXY), creating missing objects.</summary>
        public static JsoncEditResult SetString(byte[] document, IReadOnlyList<string> path, string value, JsoncFormatting? formatting = null) =>
            SetValue(document, path, JsoncValue.FromString(value), formatting);

        /// <summary>Sets the value at path, creating missing objects on the way; the new property goes last in its object.</summary>
        public static JsoncEditResult SetValue(byte[] document, IReadOnlyList<string> path, JsoncValue value, JsoncFormatting? formatting = null)
        {
            CheckPath(path);
            if (value is null)
            {
                throw new ArgumentNullException(nameof(value));
            }

            JsoncDocument doc = JsoncDocument.Parse(document);
            var edit = new Edit(doc, formatting ?? new JsoncFormatting());

            JsoncNode? root = doc.Root;
            if (root is null)
            {
                edit.AppendRootObject(Wrap(path, 0, value));
                return edit.Finish(null);
            }

            JsoncNode obj = RequireObjectRoot(doc, root);
            for (int level = 0; level < path.Count; level++)
            {
                JsoncProperty? property = FindSingle(doc, obj, path[level]);
                if (property is null)
                {
                    edit.InsertProperty(obj, path[level], Wrap(path, level + 1, value));
                    return edit.Finish(null);
                }

                JsoncNode current = property.Value;
                if (level == path.Count - 1)
                {
                    if (current.Kind != value.Kind)
                    {
                        throw doc.Error(JsoncErrorCode.WrongType,
                            $"'{Describe(path, level)}' is {Article(current.Kind)}, not {Article(value.Kind)}; correct it by hand first", current.Offset);
                    }

                    if (value.IsSameAs(current))
                    {
                        return new JsoncEditResult(doc, document, false, current);
                    }

                    edit.ReplaceValue(obj, property, value);
                    return edit.Finish(current);
                }

                if (current.Kind != JsoncNodeKind.Object)
                {
                    throw doc.Error(JsoncErrorCode.WrongType,
                        $"'{Describe(path, level)}' is {Article(current.Kind)}, not an object; correct it by hand first", current.Offset);
                }

                obj = current;
            }

            throw new InvalidOperationException("unreachable");
        }

        /// <summary>Removes the property at path with its comma; a path that does not exist changes nothing.</summary>
        public static JsoncEditResult Remove(byte[] document, IReadOnlyList<string> path, JsoncFormatting? formatting = null)
        {
            CheckPath(path);
            JsoncDocument doc = JsoncDocument.Parse(document);
            JsoncNode? root = doc.Root;
            if (root is null)
            {
                return new JsoncEditResult(doc, document, false, null);
            }

            JsoncNode obj = RequireObjectRoot(doc, root);
            for (int level = 0; level < path.Count; level++)
            {
                JsoncProperty? property = FindSingle(doc, obj, path[level]);
                if (property is null)
                {
                    return new JsoncEditResult(doc, document, false, null);
                }

                if (level == path.Count - 1)
                {
                    var edit = new Edit(doc, formatting ?? new JsoncFormatting());
                    edit.RemoveProperty(obj, property);
                    return edit.Finish(property.Value);
                }

                if (property.Value.Kind != JsoncNodeKind.Object)
                {
                    throw doc.Error(JsoncErrorCode.WrongType,
                        $"'{Describe(path, level)}' is {Article(property.Value.Kind)}, not an object; correct it by hand first", property.Value.Offset);
                }

                obj = property.Value;
            }

            throw new InvalidOperationException("unreachable");
        }

        private static void CheckPath(IReadOnlyList<string> path)
        {
            if (path is null)
            {
                throw new ArgumentNullException(nameof(path));
            }

            if (path.Count == 0)
            {
                throw new ArgumentException("The path needs at least one key.", nameof(path));
            }

            foreach (string key in path)
            {
                if (key is null)
                {
                    throw new ArgumentException("A key of the path is null.", nameof(path));
                }
            }
        }

        private static JsoncNode RequireObjectRoot(JsoncDocument doc, JsoncNode root)
        {
            if (root.Kind != JsoncNodeKind.Object)
            {
                throw doc.Error(JsoncErrorCode.RootNotObject,
                    $"the document is {Article(root.Kind)}, not an object of settings", root.Offset);
            }

            return root;
        }

        /// <summary>The one property with this key, null when none; refuses a key that occurs twice.</summary>
        private static JsoncProperty? FindSingle(JsoncDocument doc, JsoncNode obj, string key)
        {
            JsoncProperty? found = null;
            foreach (JsoncProperty property in obj.Properties)
            {
                if (!string.Equals(property.Key, key, StringComparison.Ordinal))
                {
                    continue;
                }

                if (found is not null)
                {
                    int firstLine = doc.GetPosition(found.KeyOffset).Line;
                    throw doc.Error(JsoncErrorCode.DuplicateKey,
                        $"the key '{key}' occurs more than once (also on line {firstLine}); VS Code reads only the last, so remove one by hand first", property.KeyOffset);
                }

                found = property;
            }

            return found;
        }

        private static JsoncValue Wrap(IReadOnlyList<string> path, int from, JsoncValue value)
        {
            for (int i = path.Count - 1; i >= from; i--)
            {
                value = JsoncValue.FromObject(new[] { new KeyValuePair<string, JsoncValue>(path[i], value) });
            }

            return value;
        }

        private static string Describe(IReadOnlyList<string> path, int level)
        {
            var parts = new string[level + 1];
            for (int i = 0; i <= level; i++)
            {
                parts[i] = path[i];
            }

            return string.Join(" > ", parts);
        }

        private static string Article(JsoncNodeKind kind) => kind switch
        {
            JsoncNodeKind.Object => "an object",
            JsoncNodeKind.Array => "an array",
            JsoncNodeKind.String => "a string",
            JsoncNodeKind.Number => "a number",
            JsoncNodeKind.Boolean => "a boolean",
            _ => "null",
        };

        /// <summary>Splices planned on one document, applied at once to its bytes.</summary>
        private sealed class Edit
        {
            private readonly JsoncDocument _doc;
            private readonly string _text;
            private readonly JsoncFormatting _formatting;
            private readonly List<(int Start, int End, string Replacement)> _splices = new List<(int, int, string)>();
            private string? _indentUnit;

            public Edit(JsoncDocument doc, JsoncFormatting formatting)
            {
                _doc = doc;
                _text = doc.Text;
                _formatting = formatting;
            }

            public JsoncEditResult Finish(JsoncNode? oldValue)
            {
                // Stable by start: two insertions at one offset keep the order they were planned in.
                var ordered = new List<(int Start, int End, string Replacement)>(_splices);
                ordered.Sort((a, b) =>
                {
                    int byStart = a.Start.CompareTo(b.Start);
                    return byStart != 0 ? byStart : _splices.IndexOf(a).CompareTo(_splices.IndexOf(b));
                });
                byte[] original = _doc.Bytes;
                int bomBytes = _doc.HasByteOrderMark ? 3 : 0;

                // One walk over the text turns every character offset into a byte offset; the output is sized
                // exactly, so a large document is copied once.
                var pieces = new (long Start, long End, byte[] Replacement)[ordered.Count];
                long size = original.Length;
                int charAt = 0;
                long byteAt = bomBytes;
                for (int i = 0; i < ordered.Count; i++)
                {
                    var splice = ordered[i];
                    long start = byteAt + Utf8Input.ByteCount(_text, charAt, splice.Start);
                    long end = start + Utf8Input.ByteCount(_text, splice.Start, splice.End);
                    byte[] replacement = Utf8Input.s_strict.GetBytes(splice.Replacement);
                    pieces[i] = (start, end, replacement);
                    size += replacement.Length - (end - start);
                    byteAt = end;
                    charAt = splice.End;
                }

                var output = new byte[size];
                long from = 0;
                long to = 0;
                foreach (var piece in pieces)
                {
                    Buffer.BlockCopy(original, (int)from, output, (int)to, (int)(piece.Start - from));
                    to += piece.Start - from;
                    Buffer.BlockCopy(piece.Replacement, 0, output, (int)to, piece.Replacement.Length);
                    to += piece.Replacement.Length;
                    from = piece.End;
                }

                Buffer.BlockCopy(original, (int)from, output, (int)to, (int)(original.Length - from));
                return new JsoncEditResult(_doc, output, true, oldValue);
            }

            private void Splice(int start, int end, string replacement)
            {
                foreach (var other in _splices)
                {
                    if (start < other.End && other.Start < end)
                    {
                        throw new InvalidOperationException("Overlapping splices in one settings edit.");
                    }
                }

                _splices.Add((start, end, replacement));
            }

            public void AppendRootObject(JsoncValue value)
            {
                // After the last comment of a comment-only file, so the comments stay where they were.
                int at = 0;
                if (_doc.Comments.Count > 0)
                {
                    at = _doc.Comments[_doc.Comments.Count - 1].End;
                }

                string lineBreak = LineBreakNear(at);
                var builder = new StringBuilder();
                if (at > 0)
                {
                    builder.Append(lineBreak);
                }

                value.AppendTo(builder, string.Empty, IndentUnit(), lineBreak, inline: false);
                Splice(at, at, builder.ToString());
            }

            public void InsertProperty(JsoncNode obj, string key, JsoncValue value)
            {
                string unit = IndentUnit();
                var builder = new StringBuilder();
                IReadOnlyList<JsoncProperty> properties = obj.Properties;
                if (properties.Count == 0)
                {
                    int open = obj.Offset;
                    int close = obj.End - 1;
                    int at = SkipSameLineTrivia(open + 1, close);
                    string lineBreak = LineBreakNear(open);
                    string outer = LineIndent(open);
                    string inner = outer + unit;
                    builder.Append(lineBreak).Append(inner);
                    AppendProperty(builder, key, value, inner, unit, lineBreak, inline: false);
                    if (IsBlank(at, close, allowLineBreaks: false))
                    {
                        builder.Append(lineBreak).Append(outer);
                        Splice(at, close, builder.ToString());
                    }
                    else
                    {
                        Splice(at, at, builder.ToString());
                    }

                    return;
                }

                JsoncProperty last = properties[properties.Count - 1];
                bool trailingComma = last.CommaOffset >= 0;
                int anchor = trailingComma ? last.CommaOffset + 1 : last.Value.End;
                bool inline = LineStart(last.KeyOffset) == LineStart(obj.Offset);
                if (inline)
                {
                    builder.Append(trailingComma ? " " : ", ");
                    AppendProperty(builder, key, value, LineIndent(last.KeyOffset), unit, LineBreakNear(anchor), inline: true);
                    if (trailingComma)
                    {
                        builder.Append(',');
                    }

                    Splice(anchor, anchor, builder.ToString());
                    return;
                }

                // The new line goes after any comment that ends the last property's line, and the comma
                // that joins it goes right after the value, so no comment is carried to another property.
                if (!trailingComma)
                {
                    Splice(last.Value.End, last.Value.End, ",");
                }

                int insertAt = SkipSameLineTrivia(anchor, obj.End - 1);
                string indent = LineIndent(last.KeyOffset);
                string eol = LineBreakNear(insertAt);
                builder.Append(eol).Append(indent);
                AppendProperty(builder, key, value, indent, unit, eol, inline: false);
                if (trailingComma)
                {
                    builder.Append(',');
                }

                Splice(insertAt, insertAt, builder.ToString());
            }

            public void ReplaceValue(JsoncNode obj, JsoncProperty property, JsoncValue value)
            {
                bool inline = LineStart(obj.Offset) == LineStart(obj.End - 1);
                var builder = new StringBuilder();
                string eol = LineBreakNear(property.KeyOffset);
                value.AppendTo(builder, LineIndent(property.KeyOffset), IndentUnit(), eol, inline);
                Splice(property.Value.Offset, property.Value.End, builder.ToString());
            }

            public void RemoveProperty(JsoncNode obj, JsoncProperty property)
            {
                IReadOnlyList<JsoncProperty> properties = obj.Properties;
                int index = IndexOf(properties, property);
                int start = property.KeyOffset;
                int end = property.Value.End;

                if (property.CommaOffset >= 0)
                {
                    if (IsBlank(end, property.CommaOffset, allowLineBreaks: true))
                    {
                        end = property.CommaOffset + 1;
                    }
                    else
                    {
                        // Comments sit between the value and its comma: they stay, only the comma goes.
                        Splice(property.CommaOffset, property.CommaOffset + 1, string.Empty);
                    }
                }
                else if (index > 0)
                {
                    // The last property goes: the comma before it would be left trailing, so it goes too.
                    int previousComma = properties[index - 1].CommaOffset;
                    if (IsBlank(previousComma + 1, start, allowLineBreaks: false))
                    {
                        start = previousComma;
                    }
                    else
                    {
                        Splice(previousComma, previousComma + 1, string.Empty);
                    }
                }

                int lineStart = LineStart(start);
                int lineEnd = LineEnd(end);
                bool commaOnValueLine = LineStart(end) == LineStart(property.Value.End);
                bool restOfLineGoes = commaOnValueLine ? EndsLineWithComments(end, lineEnd) : IsBlank(end, lineEnd, allowLineBreaks: false);
                if (IsBlank(lineStart, start, allowLineBreaks: false) && restOfLineGoes)
                {
                    // The property had its lines to itself: the lines go.
                    start = lineStart;
                    end = lineEnd + LineBreakLengthAt(lineEnd);
                }
                else if (end < _text.Length && (_text[end] == ' ' || _text[end] == '\t'))
                {
                    while (end < _text.Length && (_text[end] == ' ' || _text[end] == '\t'))
                    {
                        end++;
                    }
                }
                else
                {
                    // Nothing to take after it ("{"a": 1, "b": 2,}"): take the blanks before it instead.
                    while (start > lineStart && (_text[start - 1] == ' ' || _text[start - 1] == '\t') && start - 1 > lineStart)
                    {
                        start--;
                    }
                }

                Splice(start, end, string.Empty);
            }

            /// <summary>
            /// Whether text[offset..lineEnd) holds only spaces, tabs and comments that stay on the line: the
            /// comments of a property that has its line to itself, which go with it.
            /// </summary>
            private bool EndsLineWithComments(int offset, int lineEnd)
            {
                int pos = offset;
                while (pos < lineEnd)
                {
                    char c = _text[pos];
                    if (c == ' ' || c == '\t')
                    {
                        pos++;
                        continue;
                    }

                    int comment = CommentAt(pos);
                    if (comment < 0 || _doc.Comments[comment].End > lineEnd)
                    {
                        return false;
                    }

                    pos = _doc.Comments[comment].End;
                }

                return true;
            }

            private static int IndexOf(IReadOnlyList<JsoncProperty> properties, JsoncProperty property)
            {
                for (int i = 0; i < properties.Count; i++)
                {
                    if (ReferenceEquals(properties[i], property))
                    {
                        return i;
                    }
                }

                return -1;
            }

            private static void AppendProperty(StringBuilder builder, string key, JsoncValue value, string indent, string unit, string eol, bool inline)
            {
                JsoncValue.AppendQuoted(builder, key);
                builder.Append(": ");
                value.AppendTo(builder, indent, unit, eol, inline);
            }

            /// <summary>
            /// From offset, past spaces, tabs and comments that start on the same line (a block comment may
            /// run onto later lines); returns the end of the last comment passed, or offset when none.
            /// </summary>
            private int SkipSameLineTrivia(int offset, int limit)
            {
                int result = offset;
                int pos = offset;
                while (pos < limit)
                {
                    char c = _text[pos];
                    if (c == ' ' || c == '\t')
                    {
                        pos++;
                        continue;
                    }

                    int comment = CommentAt(pos);
                    if (comment < 0)
                    {
                        break;
                    }

                    pos = _doc.Comments[comment].End;
                    result = pos;
                }

                return result;
            }

            private int CommentAt(int offset)
            {
                IReadOnlyList<JsoncComment> comments = _doc.Comments;
                int low = 0;
                int high = comments.Count - 1;
                while (low <= high)
                {
                    int mid = (low + high) / 2;
                    int at = comments[mid].Offset;
                    if (at == offset)
                    {
                        return mid;
                    }

                    if (at < offset)
                    {
                        low = mid + 1;
                    }
                    else
                    {
                        high = mid - 1;
                    }
                }

                return -1;
            }

            private bool IsBlank(int start, int end, bool allowLineBreaks)
            {
                for (int i = start; i < end; i++)
                {
                    char c = _text[i];
                    if (c == ' ' || c == '\t' || (allowLineBreaks && (c == '\r' || c == '\n')))
                    {
                        continue;
                    }

                    return false;
                }

                return true;
            }

            private int LineStart(int offset) => _doc.LineStartOf(offset);

            private int LineEnd(int offset)
            {
                int i = offset;
                while (i < _text.Length && _text[i] != '\n' && _text[i] != '\r')
                {
                    i++;
                }

                return i;
            }

            private int LineBreakLengthAt(int offset)
            {
                if (offset >= _text.Length)
                {
                    return 0;
                }

                return _text[offset] == '\r' && offset + 1 < _text.Length && _text[offset + 1] == '\n' ? 2 : 1;
            }

            /// <summary>The whitespace that starts the line holding offset.</summary>
            private string LineIndent(int offset)
            {
                int start = LineStart(offset);
                int end = start;
                while (end < _text.Length && (_text[end] == ' ' || _text[end] == '\t'))
                {
                    end++;
                }

                return _text.Substring(start, end - start);
            }

            /// <summary>The line break ending the line of offset; else the document's first; else the default.</summary>
            private string LineBreakNear(int offset)
            {
                int end = LineEnd(offset);
                if (end < _text.Length)
                {
                    return LineBreakLengthAt(end) == 2 ? "\r\n" : _text[end].ToString();
                }

                return _doc.LineBreak ?? _formatting.DefaultLineBreak;
            }

            /// <summary>
            /// The file's indentation step: the most frequent difference between the indentation of a property that
            /// starts its own line and that of its object's line (so one odd line does not decide), else the default.
            /// </summary>
            private string IndentUnit()
            {
                if (_indentUnit is not null)
                {
                    return _indentUnit;
                }

                var votes = new Dictionary<string, int>(StringComparer.Ordinal);
                string? best = null;
                var queue = new Queue<JsoncNode>();
                if (_doc.Root is not null)
                {
                    queue.Enqueue(_doc.Root);
                }

                // A sample is enough: the first few hundred properties, breadth first (a large file's edit stays cheap).
                int budget = 400;
                while (queue.Count > 0 && budget > 0)
                {
                    JsoncNode node = queue.Dequeue();
                    string outer = LineIndent(node.Offset);
                    foreach (JsoncProperty property in node.Properties)
                    {
                        if (--budget < 0)
                        {
                            break;
                        }

                        int lineStart = LineStart(property.KeyOffset);
                        if (lineStart != LineStart(node.Offset) && IsBlank(lineStart, property.KeyOffset, allowLineBreaks: false))
                        {
                            string inner = _text.Substring(lineStart, property.KeyOffset - lineStart);
                            if (inner.Length > outer.Length && inner.StartsWith(outer, StringComparison.Ordinal))
                            {
                                string step = inner.Substring(outer.Length);
                                votes.TryGetValue(step, out int count);
                                votes[step] = ++count;
                                if (best is null || count > votes[best])
                                {
                                    best = step;
                                }
                            }
                        }

                        if (property.Value.Kind == JsoncNodeKind.Object)
                        {
                            queue.Enqueue(property.Value);
                        }
                    }
                }

                _indentUnit = best ?? _formatting.DefaultIndent;
                return _indentUnit;
            }
        }
    }
}
