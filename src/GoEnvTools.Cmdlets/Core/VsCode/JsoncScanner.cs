using System;
using System.Collections.Generic;
using System.Text;

namespace GoEnvTools
{
    /// <summary>One property seen by <see cref="JsoncScanner"/>: byte offsets of its key, value and comma.</summary>
    internal struct ScannedProperty
    {
        public int KeyOffset;
        public int ValueOffset;
        public int ValueEnd;
        public JsoncNodeKind Kind;

        /// <summary>The comma after this property, or -1.</summary>
        public int CommaOffset;

        /// <summary>Whether a property comes before this one in its object.</summary>
        public bool HasPrevious;

        /// <summary>The comma after the property before this one, or -1.</summary>
        public int PreviousComma;
    }

    /// <summary>An object on the edited path: where it is, its last property, and the properties with the path's key.</summary>
    internal sealed class ScannedObject
    {
        public int Open;
        public int End;
        public int Count;
        public ScannedProperty Last;
        public int MatchCount;
        public ScannedProperty Match;
        public ScannedProperty SecondMatch;
    }

    /// <summary>
    /// Checks a whole settings document on its UTF-8 bytes (the same grammar as <see cref="JsoncParser"/>: comments,
    /// trailing commas, strict strings and numbers) without decoding it or allocating per token, and keeps only what an
    /// edit of one path needs: each object along the path with its matching and last properties. The bytes must be
    /// valid UTF-8 without NUL bytes (checked first), so a NUL marks the end and every structural byte is ASCII.
    /// </summary>
    internal sealed class JsoncScanner
    {
        private const int MaxDepth = 512;

        private readonly byte[] _b;
        private readonly int _n;
        private readonly byte[][] _keys;
        private readonly IReadOnlyList<string> _path;
        private int _p;

        private JsoncScanner(byte[] bytes, IReadOnlyList<string> path)
        {
            _b = bytes;
            _n = bytes.Length;
            _path = path;
            _keys = new byte[path.Count][];
            for (int i = 0; i < path.Count; i++)
            {
                _keys[i] = Utf8Input.s_strict.GetBytes(path[i]);
            }

            Levels = new List<ScannedObject>(path.Count);
        }

        private sealed class Failed : Exception
        {
        }

        public byte[] Bytes => _b;

        /// <summary>Where the text starts: 3 after a UTF-8 byte order mark, else 0.</summary>
        public int Start { get; private set; }

        /// <summary>The offset of the root value, or -1 for an empty or comment-only document.</summary>
        public int RootOffset { get; private set; } = -1;

        public JsoncNodeKind RootKind { get; private set; }

        /// <summary>Levels[i] is the object that path[i] is looked up in, as far as the path leads through objects.</summary>
        public List<ScannedObject> Levels { get; }

        /// <summary>
        /// Checks the whole document and follows path through it. A document that is not UTF-8 or not valid JSONC
        /// throws the <see cref="JsoncException"/> that <see cref="JsoncDocument.Parse(byte[])"/> gives for it.
        /// </summary>
        public static JsoncScanner Scan(byte[] bytes, IReadOnlyList<string> path)
        {
            var scanner = new JsoncScanner(bytes, path);
            if (!IsUtf8(bytes))
            {
                throw FullError(bytes, JsoncErrorCode.InvalidUtf8, 0);
            }

            try
            {
                scanner.ScanDocument();
            }
            catch (Failed)
            {
                throw FullError(bytes, JsoncErrorCode.InvalidSymbol, scanner._p);
            }

            return scanner;
        }

        /// <summary>
        /// The reader that builds the whole tree words the refusal (line, column, reason); this scanner only decides
        /// that there is one. Should the two ever disagree, the document is refused all the same.
        /// </summary>
        private static JsoncException FullError(byte[] bytes, JsoncErrorCode code, int offset)
        {
            try
            {
                JsoncDocument.Parse(bytes);
            }
            catch (JsoncException e)
            {
                return e;
            }

            return new JsoncException(code, "the document could not be read", 1, 1, 0, offset);
        }

        /// <summary>UTF-8 without NUL bytes and without a UTF-16 byte order mark (the runtime's vectorized checks).</summary>
        private static bool IsUtf8(byte[] bytes)
        {
            if (bytes.Length >= 2 && (bytes[0] == 0xFF || bytes[0] == 0xFE))
            {
                return false;
            }

            if (Array.IndexOf(bytes, (byte)0) >= 0)
            {
                return false;
            }

            try
            {
                Utf8Input.s_strict.GetCharCount(bytes);
                return true;
            }
            catch (DecoderFallbackException)
            {
                return false;
            }
        }

        private void ScanDocument()
        {
            if (_n >= 3 && _b[0] == 0xEF && _b[1] == 0xBB && _b[2] == 0xBF)
            {
                Start = 3;
            }

            _p = Start;
            SkipTrivia();
            if (_p >= _n)
            {
                return;
            }

            RootOffset = _p;
            RootKind = KindAt(_p);
            if (RootKind == JsoncNodeKind.Object && _path.Count > 0)
            {
                ScanPathObject(1, 0);
            }
            else
            {
                SkipValue(0);
            }

            SkipTrivia();
            if (_p < _n)
            {
                throw new Failed();
            }
        }

        private byte At(int offset) => offset < _n ? _b[offset] : (byte)0;

        /// <summary>The kind of the value that starts at offset (the document is known to be valid there).</summary>
        public JsoncNodeKind KindAt(int offset)
        {
            switch (At(offset))
            {
                case (byte)'{': return JsoncNodeKind.Object;
                case (byte)'[': return JsoncNodeKind.Array;
                case (byte)'"': return JsoncNodeKind.String;
                case (byte)'t':
                case (byte)'f': return JsoncNodeKind.Boolean;
                case (byte)'n': return JsoncNodeKind.Null;
                default: return JsoncNodeKind.Number;
            }
        }

        /// <summary>Past spaces, tabs, line breaks and comments.</summary>
        private void SkipTrivia()
        {
            byte[] b = _b;
            int n = _n;
            int p = _p;
            while (p < n)
            {
                byte c = b[p];
                if (c == ' ' || c == '\t' || c == '\n' || c == '\r')
                {
                    p++;
                    continue;
                }

                if (c != '/' || p + 1 >= n)
                {
                    break;
                }

                int end = CommentEndAt(p);
                if (end < 0)
                {
                    _p = p;
                    if (b[p + 1] == '*')
                    {
                        throw new Failed();
                    }

                    break;
                }

                p = end;
            }

            _p = p;
        }

        /// <summary>
        /// The end of the comment that starts at offset; -1 when none starts there or a block comment is not closed.
        /// </summary>
        public int CommentEndAt(int offset)
        {
            byte[] b = _b;
            int n = _n;
            if (offset + 1 >= n || b[offset] != '/')
            {
                return -1;
            }

            if (b[offset + 1] == '/')
            {
                int p = SkipPlain(offset + 2, stopAtQuotes: false);
                while (p < n && b[p] != '\n' && b[p] != '\r')
                {
                    p++;
                }

                return p;
            }

            if (b[offset + 1] == '*')
            {
                int p = offset + 2;
                while (true)
                {
                    int star = Array.IndexOf(b, (byte)'*', p);
                    if (star < 0 || star + 1 >= n)
                    {
                        return -1;
                    }

                    if (b[star + 1] == '/')
                    {
                        return star + 2;
                    }

                    p = star + 1;
                }
            }

            return -1;
        }

        private void Expect(byte c)
        {
            if (At(_p) != c)
            {
                throw new Failed();
            }

            _p++;
        }

        /// <summary>Skips the value at the position (trivia already skipped); depth counts the enclosing containers.</summary>
        private void SkipValue(int depth)
        {
            switch (At(_p))
            {
                case (byte)'{':
                    SkipObject(depth + 1);
                    return;
                case (byte)'[':
                    SkipArray(depth + 1);
                    return;
                case (byte)'"':
                    SkipString();
                    return;
                case (byte)'t':
                    SkipWord("true");
                    return;
                case (byte)'f':
                    SkipWord("false");
                    return;
                case (byte)'n':
                    SkipWord("null");
                    return;
                default:
                    SkipNumber();
                    return;
            }
        }

        private void SkipObject(int depth)
        {
            if (depth > MaxDepth)
            {
                throw new Failed();
            }

            _p++;
            SkipTrivia();
            while (At(_p) != '}')
            {
                if (At(_p) != '"')
                {
                    throw new Failed();
                }

                SkipString();
                SkipTrivia();
                Expect((byte)':');
                SkipTrivia();
                SkipValue(depth);
                SkipTrivia();
                if (!AfterMember((byte)'}'))
                {
                    break;
                }
            }

            _p++;
        }

        /// <summary>After a member: past a comma and trivia (true), or at the closing byte (false); else a failure.</summary>
        private bool AfterMember(byte close)
        {
            byte c = At(_p);
            if (c == ',')
            {
                _p++;
                SkipTrivia();
                return true;
            }

            if (c != close)
            {
                throw new Failed();
            }

            return false;
        }

        private void SkipArray(int depth)
        {
            if (depth > MaxDepth)
            {
                throw new Failed();
            }

            _p++;
            SkipTrivia();
            while (At(_p) != ']')
            {
                SkipValue(depth);
                SkipTrivia();
                if (!AfterMember((byte)']'))
                {
                    break;
                }
            }

            _p++;
        }

        /// <summary>An object on the path: like <see cref="SkipObject"/>, recording its matching and last properties.</summary>
        private void ScanPathObject(int depth, int level)
        {
            if (depth > MaxDepth)
            {
                throw new Failed();
            }

            var obj = new ScannedObject { Open = _p };
            Levels.Add(obj);
            byte[] key = _keys[level];
            _p++;
            SkipTrivia();
            while (At(_p) != '}')
            {
                if (At(_p) != '"')
                {
                    throw new Failed();
                }

                var property = new ScannedProperty { KeyOffset = _p, CommaOffset = -1, PreviousComma = -1 };
                bool escaped = SkipString();
                bool match = escaped
                    ? string.Equals(ReadString(property.KeyOffset), _path[level], StringComparison.Ordinal)
                    : SameBytes(property.KeyOffset + 1, _p - 1, key);
                SkipTrivia();
                Expect((byte)':');
                SkipTrivia();
                property.ValueOffset = _p;
                property.Kind = KindAt(_p);
                if (match && obj.MatchCount == 0 && property.Kind == JsoncNodeKind.Object && level + 1 < _path.Count)
                {
                    ScanPathObject(depth + 1, level + 1);
                }
                else
                {
                    SkipValue(depth);
                }

                property.ValueEnd = _p;
                if (obj.Count > 0)
                {
                    property.HasPrevious = true;
                    property.PreviousComma = obj.Last.CommaOffset;
                }

                SkipTrivia();
                bool more = At(_p) == ',';
                if (more)
                {
                    property.CommaOffset = _p;
                }

                obj.Count++;
                obj.Last = property;
                if (match)
                {
                    if (obj.MatchCount == 0)
                    {
                        obj.Match = property;
                    }
                    else if (obj.MatchCount == 1)
                    {
                        obj.SecondMatch = property;
                    }

                    obj.MatchCount++;
                }

                if (!AfterMember((byte)'}'))
                {
                    break;
                }
            }

            _p++;
            obj.End = _p;
        }

        private bool SameBytes(int start, int end, byte[] key)
        {
            if (end - start != key.Length)
            {
                return false;
            }

            byte[] b = _b;
            for (int i = 0; i < key.Length; i++)
            {
                if (b[start + i] != key[i])
                {
                    return false;
                }
            }

            return true;
        }

        /// <summary>Past a string token; true when it holds an escape.</summary>
        private bool SkipString()
        {
            byte[] b = _b;
            int n = _n;
            int p = _p + 1;
            bool escaped = false;
            while (true)
            {
                p = SkipPlain(p, stopAtQuotes: true);
                while (p < n && b[p] != '"' && b[p] != '\\' && b[p] >= 0x20)
                {
                    p++;
                }

                if (p >= n)
                {
                    _p = p;
                    throw new Failed();
                }

                byte c = b[p];
                if (c == '"')
                {
                    _p = p + 1;
                    return escaped;
                }

                if (c != '\\')
                {
                    // A control character, line breaks included.
                    _p = p;
                    throw new Failed();
                }

                escaped = true;
                byte e = At(p + 1);
                if (e == 'u')
                {
                    for (int k = 2; k < 6; k++)
                    {
                        if (JsoncParser.HexValue((char)At(p + k)) < 0)
                        {
                            _p = p;
                            throw new Failed();
                        }
                    }

                    p += 6;
                }
                else if (e == '"' || e == '\\' || e == '/' || e == 'b' || e == 'f' || e == 'n' || e == 'r' || e == 't')
                {
                    p += 2;
                }
                else
                {
                    _p = p;
                    throw new Failed();
                }
            }
        }

        private const ulong EveryByte = 0x0101010101010101UL;
        private const ulong HighBits = 0x8080808080808080UL;

        /// <summary>
        /// From offset, past whole 8-byte words that hold no control character (line breaks included) and, when
        /// stopAtQuotes, no '"' or '\\': a word at a time instead of a byte at a time. Stops at the first such byte (at the
        /// start of its word on a big-endian machine; the caller finishes byte by byte), so it never passes one.
        /// </summary>
        private unsafe int SkipPlain(int offset, bool stopAtQuotes)
        {
            int p = offset;
            int last = _n - 8;
            fixed (byte* start = _b)
            {
                while (p <= last)
                {
                    ulong word = *(ulong*)(start + p);
                    ulong found = (word - (EveryByte * 0x20)) & ~word;
                    if (stopAtQuotes)
                    {
                        ulong quote = word ^ (EveryByte * '"');
                        ulong backslash = word ^ (EveryByte * '\\');
                        found |= ((quote - EveryByte) & ~quote) | ((backslash - EveryByte) & ~backslash);
                    }

                    found &= HighBits;
                    if (found != 0)
                    {
                        // A borrow can only mark bytes after a real hit, so the lowest mark is the first hit:
                        // on a little-endian machine that is the byte to stop at (x * C moves its index to the top).
                        if (BitConverter.IsLittleEndian)
                        {
                            ulong lowest = found & (~found + 1);
                            p += (int)(((lowest >> 7) * 0x0001020304050607UL) >> 56);
                        }

                        break;
                    }

                    p += 8;
                }
            }

            return p;
        }

        private void SkipWord(string word)
        {
            for (int i = 0; i < word.Length; i++)
            {
                if (At(_p + i) != word[i])
                {
                    throw new Failed();
                }
            }

            _p += word.Length;
            if (_p < _n && !IsSeparator(_b[_p]))
            {
                throw new Failed();
            }
        }

        private static bool IsSeparator(byte c) =>
            c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '{' || c == '}' || c == '[' || c == ']' || c == ',' || c == ':' || c == '"' || c == '/';

        private void SkipNumber()
        {
            if (At(_p) == '-')
            {
                _p++;
            }

            byte c = At(_p);
            if (c < '0' || c > '9')
            {
                throw new Failed();
            }

            if (c == '0')
            {
                _p++;
            }
            else
            {
                SkipDigits();
            }

            if (At(_p) == '.')
            {
                _p++;
                if (!SkipDigits())
                {
                    throw new Failed();
                }
            }

            c = At(_p);
            if (c == 'e' || c == 'E')
            {
                _p++;
                c = At(_p);
                if (c == '+' || c == '-')
                {
                    _p++;
                }

                if (!SkipDigits())
                {
                    throw new Failed();
                }
            }
        }

        private bool SkipDigits()
        {
            int from = _p;
            while (_p < _n && _b[_p] >= '0' && _b[_p] <= '9')
            {
                _p++;
            }

            return _p > from;
        }

        /// <summary>The unescaped text of the (valid) string token at offset.</summary>
        public string ReadString(int offset)
        {
            byte[] b = _b;
            int p = offset + 1;
            int run = p;
            StringBuilder? value = null;
            while (true)
            {
                byte c = b[p];
                if (c == '"')
                {
                    if (value is null)
                    {
                        return Utf8Input.s_strict.GetString(b, run, p - run);
                    }

                    value.Append(Utf8Input.s_strict.GetString(b, run, p - run));
                    return value.ToString();
                }

                if (c != '\\')
                {
                    p++;
                    continue;
                }

                value ??= new StringBuilder();
                value.Append(Utf8Input.s_strict.GetString(b, run, p - run));
                byte e = b[p + 1];
                p += 2;
                switch (e)
                {
                    case (byte)'b': value.Append('\b'); break;
                    case (byte)'f': value.Append('\f'); break;
                    case (byte)'n': value.Append('\n'); break;
                    case (byte)'r': value.Append('\r'); break;
                    case (byte)'t': value.Append('\t'); break;
                    case (byte)'u':
                        int code = 0;
                        for (int k = 0; k < 4; k++)
                        {
                            code = (code << 4) | JsoncParser.HexValue((char)b[p + k]);
                        }

                        value.Append((char)code);
                        p += 4;
                        break;
                    default:
                        value.Append((char)e);
                        break;
                }

                run = p;
            }
        }

        /// <summary>
        /// The key and value offsets of the properties of the (valid) object at open, at most limit of them, in order.
        /// </summary>
        public List<(int KeyOffset, int ValueOffset)> PropertiesOf(int open, int limit)
        {
            var result = new List<(int, int)>();
            _p = open + 1;
            SkipTrivia();
            while (At(_p) != '}' && result.Count < limit)
            {
                int keyOffset = _p;
                SkipString();
                SkipTrivia();
                _p++;
                SkipTrivia();
                result.Add((keyOffset, _p));
                SkipValue(0);
                SkipTrivia();
                if (At(_p) == ',')
                {
                    _p++;
                    SkipTrivia();
                }
            }

            return result;
        }

        /// <summary>The end of the last comment of a document that holds only comments and whitespace, else Start.</summary>
        public int EndOfLastComment()
        {
            int result = Start;
            int p = Start;
            while (p < _n)
            {
                byte c = _b[p];
                if (c == ' ' || c == '\t' || c == '\n' || c == '\r')
                {
                    p++;
                    continue;
                }

                int end = CommentEndAt(p);
                if (end < 0)
                {
                    break;
                }

                p = end;
                result = end;
            }

            return result;
        }

        /// <summary>A refusal at a byte offset: line and column (UTF-16 characters) as the full reader gives them.</summary>
        public JsoncException Error(JsoncErrorCode code, string detail, int offset)
        {
            int line = LineOf(offset);
            int lineStart = offset;
            while (lineStart > Start && _b[lineStart - 1] != '\n' && _b[lineStart - 1] != '\r')
            {
                lineStart--;
            }

            int column = Utf8Input.s_strict.GetCharCount(_b, lineStart, offset - lineStart) + 1;
            int charOffset = Utf8Input.s_strict.GetCharCount(_b, Start, offset - Start);
            return new JsoncException(code, detail, line, column, charOffset, offset);
        }

        /// <summary>The 1-based line of a byte offset ("\r\n", "\r" and "\n" each end a line).</summary>
        public int LineOf(int offset)
        {
            int line = 1;
            for (int i = Start; i < offset; i++)
            {
                byte c = _b[i];
                if (c == '\n' || (c == '\r' && (i + 1 >= _n || _b[i + 1] != '\n')))
                {
                    line++;
                }
            }

            return line;
        }
    }
}
