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
        private readonly byte[] _original;
        private readonly IReadOnlyList<string>? _oldPath;
        private JsoncDocument? _originalDocument;

        internal JsoncEditResult(byte[] original, byte[] bytes, bool changed, IReadOnlyList<string>? oldPath)
        {
            _original = original;
            Bytes = bytes;
            Changed = changed;
            _oldPath = oldPath;
        }

        /// <summary>The document before the edit, read in full (on first use: the edit itself builds no tree).</summary>
        public JsoncDocument Original => _originalDocument ??= JsoncDocument.Parse(_original);

        /// <summary>The edited document; the very same array as the input when nothing changed.</summary>
        public byte[] Bytes { get; }

        public bool Changed { get; }

        /// <summary>The value that was at the path before the edit (in <see cref="Original"/>), or null.</summary>
        public JsoncNode? OldValue => _oldPath is null ? null : Original.Find(_oldPath);
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

            // One pass checks the whole document and keeps only the objects along the path.
            JsoncScanner scan = JsoncScanner.Scan(document, path);
            var edit = new Edit(scan, formatting ?? new JsoncFormatting());
            if (scan.RootOffset < 0)
            {
                edit.AppendRootObject(Wrap(path, 0, value));
                return edit.Finish(null);
            }

            RequireObjectRoot(scan);
            for (int level = 0; level < path.Count; level++)
            {
                ScannedObject obj = scan.Levels[level];
                if (!FindSingle(scan, obj, path[level]))
                {
                    edit.InsertProperty(obj, path[level], Wrap(path, level + 1, value));
                    return edit.Finish(null);
                }

                ScannedProperty current = obj.Match;
                if (level == path.Count - 1)
                {
                    if (current.Kind != value.Kind)
                    {
                        throw scan.Error(JsoncErrorCode.WrongType,
                            $"'{Describe(path, level)}' is {Article(current.Kind)}, not {Article(value.Kind)}; correct it by hand first", current.ValueOffset);
                    }

                    var result = new JsoncEditResult(document, document, false, path);
                    if (IsSameAs(scan, current, value, result, path))
                    {
                        return result;
                    }

                    edit.ReplaceValue(obj, current, value);
                    return edit.Finish(path);
                }

                if (current.Kind != JsoncNodeKind.Object)
                {
                    throw scan.Error(JsoncErrorCode.WrongType,
                        $"'{Describe(path, level)}' is {Article(current.Kind)}, not an object; correct it by hand first", current.ValueOffset);
                }
            }

            throw new InvalidOperationException("unreachable");
        }

        /// <summary>Removes the property at path with its comma; a path that does not exist changes nothing.</summary>
        public static JsoncEditResult Remove(byte[] document, IReadOnlyList<string> path, JsoncFormatting? formatting = null)
        {
            CheckPath(path);
            JsoncScanner scan = JsoncScanner.Scan(document, path);
            if (scan.RootOffset < 0)
            {
                return new JsoncEditResult(document, document, false, null);
            }

            RequireObjectRoot(scan);
            for (int level = 0; level < path.Count; level++)
            {
                ScannedObject obj = scan.Levels[level];
                if (!FindSingle(scan, obj, path[level]))
                {
                    return new JsoncEditResult(document, document, false, null);
                }

                ScannedProperty property = obj.Match;
                if (level == path.Count - 1)
                {
                    var edit = new Edit(scan, formatting ?? new JsoncFormatting());
                    edit.RemoveProperty(obj, property);
                    return edit.Finish(path);
                }

                if (property.Kind != JsoncNodeKind.Object)
                {
                    throw scan.Error(JsoncErrorCode.WrongType,
                        $"'{Describe(path, level)}' is {Article(property.Kind)}, not an object; correct it by hand first", property.ValueOffset);
                }
            }

            throw new InvalidOperationException("unreachable");
        }

        /// <summary>Whether the value at the path already reads as value; only an object compares through the full tree.</summary>
        private static bool IsSameAs(JsoncScanner scan, ScannedProperty current, JsoncValue value, JsoncEditResult result, IReadOnlyList<string> path)
        {
            switch (value.Kind)
            {
                case JsoncNodeKind.String:
                    return string.Equals(scan.ReadString(current.ValueOffset), value.Text, StringComparison.Ordinal);
                case JsoncNodeKind.Boolean:
                    return (scan.Bytes[current.ValueOffset] == 't') == string.Equals(value.Text, "true", StringComparison.Ordinal);
                case JsoncNodeKind.Null:
                    return true;
                default:
                    return value.IsSameAs(result.Original.Find(path)!);
            }
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

        private static void RequireObjectRoot(JsoncScanner scan)
        {
            if (scan.RootKind != JsoncNodeKind.Object)
            {
                throw scan.Error(JsoncErrorCode.RootNotObject,
                    $"the document is {Article(scan.RootKind)}, not an object of settings", scan.RootOffset);
            }
        }

        /// <summary>Whether the object has a property with this key (then obj.Match); refuses a key that occurs twice.</summary>
        private static bool FindSingle(JsoncScanner scan, ScannedObject obj, string key)
        {
            if (obj.MatchCount > 1)
            {
                int firstLine = scan.LineOf(obj.Match.KeyOffset);
                throw scan.Error(JsoncErrorCode.DuplicateKey,
                    $"the key '{key}' occurs more than once (also on line {firstLine}); VS Code reads only the last, so remove one by hand first", obj.SecondMatch.KeyOffset);
            }

            return obj.MatchCount == 1;
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

        /// <summary>Splices planned on one document (byte offsets), applied at once to its bytes.</summary>
        private sealed class Edit
        {
            private readonly JsoncScanner _scan;
            private readonly byte[] _b;
            private readonly int _n;
            private readonly JsoncFormatting _formatting;
            private readonly List<(int Start, int End, string Replacement)> _splices = new List<(int, int, string)>();
            private string? _indentUnit;

            public Edit(JsoncScanner scan, JsoncFormatting formatting)
            {
                _scan = scan;
                _b = scan.Bytes;
                _n = _b.Length;
                _formatting = formatting;
            }

            public JsoncEditResult Finish(IReadOnlyList<string>? oldPath)
            {
                // Stable by start: two insertions at one offset keep the order they were planned in.
                var order = new int[_splices.Count];
                for (int i = 0; i < order.Length; i++)
                {
                    order[i] = i;
                }

                Array.Sort(order, (x, y) =>
                {
                    int byStart = _splices[x].Start.CompareTo(_splices[y].Start);
                    return byStart != 0 ? byStart : x.CompareTo(y);
                });

                // The output is sized exactly, so a large document is copied once.
                var replacements = new byte[order.Length][];
                long size = _n;
                for (int i = 0; i < order.Length; i++)
                {
                    var splice = _splices[order[i]];
                    replacements[i] = Utf8Input.s_strict.GetBytes(splice.Replacement);
                    size += replacements[i].Length - (splice.End - splice.Start);
                }

                var output = new byte[size];
                int from = 0;
                int to = 0;
                for (int i = 0; i < order.Length; i++)
                {
                    var splice = _splices[order[i]];
                    Buffer.BlockCopy(_b, from, output, to, splice.Start - from);
                    to += splice.Start - from;
                    Buffer.BlockCopy(replacements[i], 0, output, to, replacements[i].Length);
                    to += replacements[i].Length;
                    from = splice.End;
                }

                Buffer.BlockCopy(_b, from, output, to, _n - from);
                return new JsoncEditResult(_b, output, true, oldPath);
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
                int at = _scan.EndOfLastComment();
                string lineBreak = LineBreakNear(at);
                var builder = new StringBuilder();
                if (at > _scan.Start)
                {
                    builder.Append(lineBreak);
                }

                value.AppendTo(builder, string.Empty, IndentUnit(), lineBreak, inline: false);
                Splice(at, at, builder.ToString());
            }

            public void InsertProperty(ScannedObject obj, string key, JsoncValue value)
            {
                var builder = new StringBuilder();
                if (obj.Count == 0)
                {
                    string unit = IndentUnit();
                    int open = obj.Open;
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

                string step = UnitFor(value);
                ScannedProperty last = obj.Last;
                bool trailingComma = last.CommaOffset >= 0;
                int anchor = trailingComma ? last.CommaOffset + 1 : last.ValueEnd;
                bool inline = LineStart(last.KeyOffset) == LineStart(obj.Open);
                if (inline)
                {
                    builder.Append(trailingComma ? " " : ", ");
                    AppendProperty(builder, key, value, LineIndent(last.KeyOffset), step, LineBreakNear(anchor), inline: true);
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
                    Splice(last.ValueEnd, last.ValueEnd, ",");
                }

                int insertAt = SkipSameLineTrivia(anchor, obj.End - 1);
                string indent = LineIndent(last.KeyOffset);
                string eol = LineBreakNear(insertAt);
                builder.Append(eol).Append(indent);
                AppendProperty(builder, key, value, indent, step, eol, inline: false);
                if (trailingComma)
                {
                    builder.Append(',');
                }

                Splice(insertAt, insertAt, builder.ToString());
            }

            public void ReplaceValue(ScannedObject obj, ScannedProperty property, JsoncValue value)
            {
                bool inline = LineStart(obj.Open) == LineStart(obj.End - 1);
                var builder = new StringBuilder();
                string eol = LineBreakNear(property.KeyOffset);
                value.AppendTo(builder, LineIndent(property.KeyOffset), UnitFor(value), eol, inline);
                Splice(property.ValueOffset, property.ValueEnd, builder.ToString());
            }

            public void RemoveProperty(ScannedObject obj, ScannedProperty property)
            {
                int start = property.KeyOffset;
                int end = property.ValueEnd;

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
                else if (property.HasPrevious)
                {
                    // The last property goes: the comma before it would be left trailing, so it goes too.
                    int previousComma = property.PreviousComma;
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
                bool commaOnValueLine = LineStart(end) == LineStart(property.ValueEnd);
                bool restOfLineGoes = commaOnValueLine ? EndsLineWithComments(end, lineEnd) : IsBlank(end, lineEnd, allowLineBreaks: false);
                if (IsBlank(lineStart, start, allowLineBreaks: false) && restOfLineGoes)
                {
                    // The property had its lines to itself: the lines go.
                    start = lineStart;
                    end = lineEnd + LineBreakLengthAt(lineEnd);
                }
                else if (end < _n && (_b[end] == ' ' || _b[end] == '\t'))
                {
                    while (end < _n && (_b[end] == ' ' || _b[end] == '\t'))
                    {
                        end++;
                    }
                }
                else
                {
                    // Nothing to take after it ("{"a": 1, "b": 2,}"): take the blanks before it instead.
                    while (start > lineStart && (_b[start - 1] == ' ' || _b[start - 1] == '\t') && start - 1 > lineStart)
                    {
                        start--;
                    }
                }

                Splice(start, end, string.Empty);
            }

            /// <summary>
            /// Whether bytes [offset..lineEnd) hold only spaces, tabs and comments that stay on the line: the
            /// comments of a property that has its line to itself, which go with it.
            /// </summary>
            private bool EndsLineWithComments(int offset, int lineEnd)
            {
                int pos = offset;
                while (pos < lineEnd)
                {
                    byte c = _b[pos];
                    if (c == ' ' || c == '\t')
                    {
                        pos++;
                        continue;
                    }

                    int commentEnd = _scan.CommentEndAt(pos);
                    if (commentEnd < 0 || commentEnd > lineEnd)
                    {
                        return false;
                    }

                    pos = commentEnd;
                }

                return true;
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
                    byte c = _b[pos];
                    if (c == ' ' || c == '\t')
                    {
                        pos++;
                        continue;
                    }

                    int commentEnd = _scan.CommentEndAt(pos);
                    if (commentEnd < 0)
                    {
                        break;
                    }

                    pos = commentEnd;
                    result = pos;
                }

                return result;
            }

            private bool IsBlank(int start, int end, bool allowLineBreaks)
            {
                for (int i = start; i < end; i++)
                {
                    byte c = _b[i];
                    if (c == ' ' || c == '\t' || (allowLineBreaks && (c == '\r' || c == '\n')))
                    {
                        continue;
                    }

                    return false;
                }

                return true;
            }

            private int LineStart(int offset)
            {
                int i = offset;
                while (i > _scan.Start && _b[i - 1] != '\n' && _b[i - 1] != '\r')
                {
                    i--;
                }

                return i;
            }

            private int LineEnd(int offset)
            {
                int i = offset;
                while (i < _n && _b[i] != '\n' && _b[i] != '\r')
                {
                    i++;
                }

                return i;
            }

            private int LineBreakLengthAt(int offset)
            {
                if (offset >= _n)
                {
                    return 0;
                }

                return _b[offset] == '\r' && offset + 1 < _n && _b[offset + 1] == '\n' ? 2 : 1;
            }

            private string LineBreakAt(int offset) => LineBreakLengthAt(offset) == 2 ? "\r\n" : _b[offset] == '\r' ? "\r" : "\n";

            /// <summary>The whitespace that starts the line holding offset.</summary>
            private string LineIndent(int offset)
            {
                int start = LineStart(offset);
                int end = start;
                while (end < _n && (_b[end] == ' ' || _b[end] == '\t'))
                {
                    end++;
                }

                return Utf8Input.s_strict.GetString(_b, start, end - start);
            }

            /// <summary>The line break ending the line of offset; else the document's first; else the default.</summary>
            private string LineBreakNear(int offset)
            {
                int end = LineEnd(offset);
                if (end < _n)
                {
                    return LineBreakAt(end);
                }

                int lf = Array.IndexOf(_b, (byte)'\n', _scan.Start);
                int cr = Array.IndexOf(_b, (byte)'\r', _scan.Start);
                int first = lf < 0 ? cr : cr < 0 ? lf : Math.Min(lf, cr);
                return first < 0 ? _formatting.DefaultLineBreak : LineBreakAt(first);
            }

            /// <summary>
            /// The indentation step that writing value needs: none for a plain value or an empty object (whose text
            /// does not depend on it), so an edit that only sets a string never samples the file's indentation.
            /// </summary>
            private string UnitFor(JsoncValue value) =>
                value.Kind == JsoncNodeKind.Object && value.Properties.Count > 0 ? IndentUnit() : string.Empty;

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
                var queue = new Queue<int>();
                if (_scan.RootOffset >= 0 && _scan.RootKind == JsoncNodeKind.Object)
                {
                    queue.Enqueue(_scan.RootOffset);
                }

                // A sample is enough: the first few hundred properties, breadth first (a large file's edit stays cheap).
                int budget = 400;
                while (queue.Count > 0 && budget > 0)
                {
                    int open = queue.Dequeue();
                    string outer = LineIndent(open);
                    int objectLine = LineStart(open);
                    foreach (var (keyOffset, valueOffset) in _scan.PropertiesOf(open, budget))
                    {
                        budget--;
                        int lineStart = LineStart(keyOffset);
                        if (lineStart != objectLine && IsBlank(lineStart, keyOffset, allowLineBreaks: false))
                        {
                            string inner = Utf8Input.s_strict.GetString(_b, lineStart, keyOffset - lineStart);
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

                        if (_b[valueOffset] == '{')
                        {
                            queue.Enqueue(valueOffset);
                        }
                    }
                }

                _indentUnit = best ?? _formatting.DefaultIndent;
                return _indentUnit;
            }
        }
    }
}
