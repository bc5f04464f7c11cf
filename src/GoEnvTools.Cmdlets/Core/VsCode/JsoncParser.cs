using System;
using System.Collections.Generic;
using System.Text;

namespace GoEnvTools
{
    /// <summary>
    /// A one-pass JSONC reader: comments anywhere between tokens, trailing commas, strict JSON strings and numbers.
    /// It stops at the first error, since a document with any error is one that VS Code will not write to.
    /// </summary>
    internal sealed class JsoncParser
    {
        private const int MaxDepth = 512;
        private static readonly char[] s_lineBreaks = { '\n', '\r' };

        private readonly string _text;
        private readonly List<JsoncComment> _comments = new List<JsoncComment>();
        private readonly StringBuilder _buffer = new StringBuilder();
        private int _pos;

        // The current token.
        private Token _token;
        private int _tokenStart;
        private string? _tokenValue;

        private JsoncParser(string text)
        {
            _text = text;
        }

        private enum Token
        {
            OpenBrace,
            CloseBrace,
            OpenBracket,
            CloseBracket,
            Comma,
            Colon,
            String,
            Number,
            True,
            False,
            Null,
            Unknown,
            End,
        }

        internal sealed class SyntaxError : Exception
        {
            public SyntaxError(JsoncErrorCode code, int offset, string detail)
                : base(detail)
            {
                Code = code;
                Offset = offset;
            }

            public JsoncErrorCode Code { get; }
            public int Offset { get; }
        }

        /// <summary>Parses text; throws <see cref="SyntaxError"/> at the first error.</summary>
        internal static (JsoncNode? Root, List<JsoncComment> Comments) Parse(string text)
        {
            var parser = new JsoncParser(text);
            parser.Next();
            if (parser._token == Token.End)
            {
                return (null, parser._comments);
            }

            JsoncNode root = parser.ParseValue(0);
            parser.Next();
            if (parser._token != Token.End)
            {
                throw parser.FailAtToken(JsoncErrorCode.EndOfFileExpected, "more text follows the end of the document");
            }

            return (root, parser._comments);
        }

        private SyntaxError Fail(JsoncErrorCode code, string detail) => new SyntaxError(code, _tokenStart, detail);

        private SyntaxError FailAtToken(JsoncErrorCode expected, string detail)
        {
            if (_token == Token.Unknown)
            {
                return Fail(JsoncErrorCode.InvalidSymbol, $"'{Shorten(_tokenValue ?? string.Empty)}' is not a JSON token");
            }

            return Fail(expected, detail);
        }

        private static string Shorten(string s) => s.Length <= 20 ? s : s.Substring(0, 20) + "...";

        private JsoncNode ParseValue(int depth)
        {
            switch (_token)
            {
                case Token.OpenBrace:
                    return ParseObject(depth + 1);
                case Token.OpenBracket:
                    return ParseArray(depth + 1);
                case Token.String:
                    return Leaf(JsoncNodeKind.String);
                case Token.Number:
                    return Leaf(JsoncNodeKind.Number);
                case Token.True:
                case Token.False:
                    return Leaf(JsoncNodeKind.Boolean);
                case Token.Null:
                    return Leaf(JsoncNodeKind.Null);
                default:
                    throw FailAtToken(JsoncErrorCode.ValueExpected, "a value was expected here");
            }
        }

        private JsoncNode Leaf(JsoncNodeKind kind)
        {
            return new JsoncNode(kind, _tokenStart) { Length = _pos - _tokenStart, Value = _tokenValue };
        }

        private JsoncNode ParseObject(int depth)
        {
            if (depth > MaxDepth)
            {
                throw Fail(JsoncErrorCode.NestingTooDeep, $"the document nests deeper than {MaxDepth} levels");
            }

            var node = new JsoncNode(JsoncNodeKind.Object, _tokenStart);
            var properties = new List<JsoncProperty>();
            Next();
            while (_token != Token.CloseBrace)
            {
                if (_token != Token.String)
                {
                    if (_token == Token.End)
                    {
                        throw Fail(JsoncErrorCode.CloseBraceExpected, "the object is not closed with '}'");
                    }

                    throw FailAtToken(JsoncErrorCode.PropertyNameExpected, "a property name in double quotes was expected here");
                }

                string key = _tokenValue!;
                int keyOffset = _tokenStart;
                int keyLength = _pos - _tokenStart;
                Next();
                if (_token != Token.Colon)
                {
                    throw FailAtToken(JsoncErrorCode.ColonExpected, "a ':' was expected after the property name");
                }

                int colon = _tokenStart;
                Next();
                JsoncNode value = ParseValue(depth);
                var property = new JsoncProperty(key, keyOffset, keyLength, colon, value);
                properties.Add(property);
                Next();
                if (_token == Token.Comma)
                {
                    property.CommaOffset = _tokenStart;
                    Next();
                }
                else if (_token == Token.End)
                {
                    throw Fail(JsoncErrorCode.CloseBraceExpected, "the object is not closed with '}'");
                }
                else if (_token != Token.CloseBrace)
                {
                    throw FailAtToken(JsoncErrorCode.CommaExpected, "a ',' was expected between properties");
                }
            }

            node.Length = _pos - node.Offset;
            node.Properties = properties;
            return node;
        }

        private JsoncNode ParseArray(int depth)
        {
            if (depth > MaxDepth)
            {
                throw Fail(JsoncErrorCode.NestingTooDeep, $"the document nests deeper than {MaxDepth} levels");
            }

            var node = new JsoncNode(JsoncNodeKind.Array, _tokenStart);
            var items = new List<JsoncNode>();
            Next();
            while (_token != Token.CloseBracket)
            {
                if (_token == Token.End)
                {
                    throw Fail(JsoncErrorCode.CloseBracketExpected, "the array is not closed with ']'");
                }

                items.Add(ParseValue(depth));
                Next();
                if (_token == Token.Comma)
                {
                    Next();
                }
                else if (_token == Token.End)
                {
                    throw Fail(JsoncErrorCode.CloseBracketExpected, "the array is not closed with ']'");
                }
                else if (_token != Token.CloseBracket)
                {
                    throw FailAtToken(JsoncErrorCode.CommaExpected, "a ',' was expected between array items");
                }
            }

            node.Length = _pos - node.Offset;
            node.Items = items;
            return node;
        }

        /// <summary>Moves to the next token, recording comments and skipping whitespace on the way.</summary>
        private void Next()
        {
            string text = _text;
            while (true)
            {
                int at = _pos;
                while (at < text.Length && IsWhitespaceOrLineBreak(text[at]))
                {
                    at++;
                }

                _pos = at;

                _tokenStart = _pos;
                _tokenValue = null;
                if (_pos >= text.Length)
                {
                    _token = Token.End;
                    return;
                }

                char c = text[_pos];
                if (c == '/' && _pos + 1 < text.Length && text[_pos + 1] == '/')
                {
                    int start = _pos;
                    int lineEnd = text.IndexOfAny(s_lineBreaks, _pos + 2);
                    _pos = lineEnd < 0 ? text.Length : lineEnd;

                    _comments.Add(new JsoncComment(start, _pos - start, false));
                    continue;
                }

                if (c == '/' && _pos + 1 < text.Length && text[_pos + 1] == '*')
                {
                    int start = _pos;
                    int close = text.IndexOf("*/", _pos + 2, StringComparison.Ordinal);
                    if (close < 0)
                    {
                        throw new SyntaxError(JsoncErrorCode.UnexpectedEndOfComment, start, "the block comment is not closed with '*/'");
                    }

                    _pos = close + 2;
                    _comments.Add(new JsoncComment(start, _pos - start, true));
                    continue;
                }

                switch (c)
                {
                    case '{':
                        _pos++;
                        _token = Token.OpenBrace;
                        return;
                    case '}':
                        _pos++;
                        _token = Token.CloseBrace;
                        return;
                    case '[':
                        _pos++;
                        _token = Token.OpenBracket;
                        return;
                    case ']':
                        _pos++;
                        _token = Token.CloseBracket;
                        return;
                    case ',':
                        _pos++;
                        _token = Token.Comma;
                        return;
                    case ':':
                        _pos++;
                        _token = Token.Colon;
                        return;
                    case '"':
                        ScanString();
                        return;
                }

                if (c == '-' || (c >= '0' && c <= '9'))
                {
                    ScanNumber();
                    return;
                }

                // Anything else runs up to the next separator; only true, false and null are words JSON knows.
                int wordStart = _pos;
                _pos++;
                while (_pos < text.Length && !IsSeparator(text[_pos]))
                {
                    _pos++;
                }

                string word = text.Substring(wordStart, _pos - wordStart);
                _tokenValue = word;
                _token = word switch
                {
                    "true" => Token.True,
                    "false" => Token.False,
                    "null" => Token.Null,
                    _ => Token.Unknown,
                };
                return;
            }
        }

        internal static bool IsWhitespaceOrLineBreak(char c) => c == ' ' || c == '\t' || c == '\n' || c == '\r';

        private static bool IsSeparator(char c) =>
            IsWhitespaceOrLineBreak(c) || c == '{' || c == '}' || c == '[' || c == ']' || c == ',' || c == ':' || c == '"' || c == '/';

        private void ScanNumber()
        {
            string text = _text;
            int start = _pos;
            if (text[_pos] == '-')
            {
                _pos++;
                if (_pos >= text.Length || text[_pos] < '0' || text[_pos] > '9')
                {
                    // A lone minus is no number: read it as the unknown word it is.
                    while (_pos < text.Length && !IsSeparator(text[_pos]))
                    {
                        _pos++;
                    }

                    _tokenValue = text.Substring(start, _pos - start);
                    _token = Token.Unknown;
                    return;
                }
            }

            if (text[_pos] == '0')
            {
                _pos++;
            }
            else
            {
                while (_pos < text.Length && text[_pos] >= '0' && text[_pos] <= '9')
                {
                    _pos++;
                }
            }

            if (_pos < text.Length && text[_pos] == '.')
            {
                _pos++;
                if (!SkipDigits())
                {
                    throw new SyntaxError(JsoncErrorCode.UnexpectedEndOfNumber, start, "a digit was expected after the decimal point");
                }
            }

            if (_pos < text.Length && (text[_pos] == 'e' || text[_pos] == 'E'))
            {
                _pos++;
                if (_pos < text.Length && (text[_pos] == '+' || text[_pos] == '-'))
                {
                    _pos++;
                }

                if (!SkipDigits())
                {
                    throw new SyntaxError(JsoncErrorCode.UnexpectedEndOfNumber, start, "a digit was expected in the exponent");
                }
            }

            _tokenValue = text.Substring(start, _pos - start);
            _token = Token.Number;
        }

        private bool SkipDigits()
        {
            int from = _pos;
            while (_pos < _text.Length && _text[_pos] >= '0' && _text[_pos] <= '9')
            {
                _pos++;
            }

            return _pos > from;
        }

        private void ScanString()
        {
            string text = _text;
            int start = _pos;
            _pos++;
            StringBuilder value = _buffer.Clear();
            int runStart = _pos;
            while (true)
            {
                if (_pos >= text.Length)
                {
                    throw new SyntaxError(JsoncErrorCode.UnexpectedEndOfString, start, "the string is not closed with '\"'");
                }

                // Plain characters, the common case, in a tight loop on a local.
                int at = _pos;
                while (at < text.Length)
                {
                    char plain = text[at];
                    if (plain == '"' || plain == '\\' || plain < ' ')
                    {
                        break;
                    }

                    at++;
                }

                _pos = at;
                if (_pos >= text.Length)
                {
                    throw new SyntaxError(JsoncErrorCode.UnexpectedEndOfString, start, "the string is not closed with '\"'");
                }

                char c = text[_pos];
                if (c == '"')
                {
                    if (value.Length == 0)
                    {
                        // No escape in the string (the common case): one copy, straight from the text.
                        _tokenValue = text.Substring(runStart, _pos - runStart);
                        _pos++;
                        _token = Token.String;
                        return;
                    }

                    value.Append(text, runStart, _pos - runStart);
                    _pos++;
                    break;
                }

                if (c == '\\')
                {
                    value.Append(text, runStart, _pos - runStart);
                    int escapeAt = _pos;
                    _pos++;
                    if (_pos >= text.Length)
                    {
                        throw new SyntaxError(JsoncErrorCode.UnexpectedEndOfString, start, "the string is not closed with '\"'");
                    }

                    char e = text[_pos++];
                    switch (e)
                    {
                        case '"': value.Append('"'); break;
                        case '\\': value.Append('\\'); break;
                        case '/': value.Append('/'); break;
                        case 'b': value.Append('\b'); break;
                        case 'f': value.Append('\f'); break;
                        case 'n': value.Append('\n'); break;
                        case 'r': value.Append('\r'); break;
                        case 't': value.Append('\t'); break;
                        case 'u':
                            int code = 0;
                            for (int k = 0; k < 4; k++)
                            {
                                int digit = _pos < text.Length ? HexValue(text[_pos]) : -1;
                                if (digit < 0)
                                {
                                    throw new SyntaxError(JsoncErrorCode.InvalidUnicode, escapeAt, "'\\u' must be followed by four hexadecimal digits");
                                }

                                code = (code << 4) | digit;
                                _pos++;
                            }

                            value.Append((char)code);
                            break;
                        default:
                            throw new SyntaxError(JsoncErrorCode.InvalidEscapeCharacter, escapeAt, $"'\\{e}' is not a JSON escape");
                    }

                    runStart = _pos;
                    continue;
                }

                if (c == '\n' || c == '\r')
                {
                    throw new SyntaxError(JsoncErrorCode.UnexpectedEndOfString, start, "the string is not closed on its line");
                }

                if (c < ' ')
                {
                    throw new SyntaxError(JsoncErrorCode.InvalidCharacter, _pos, $"a control character (U+{(int)c:X4}) must be escaped inside a string");
                }

                _pos++;
            }

            _tokenValue = value.ToString();
            _token = Token.String;
        }

        internal static int HexValue(char c)
        {
            if (c >= '0' && c <= '9')
            {
                return c - '0';
            }

            if (c >= 'a' && c <= 'f')
            {
                return c - 'a' + 10;
            }

            if (c >= 'A' && c <= 'F')
            {
                return c - 'A' + 10;
            }

            return -1;
        }
    }
}
