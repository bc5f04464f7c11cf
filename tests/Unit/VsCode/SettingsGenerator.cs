using System;
using System.Collections.Generic;
using System.Text;

namespace GoEnvTools.Tests.VsCode
{
    /// <summary>
    /// Settings documents with what real ones have and more: comments anywhere (between a key and its colon too),
    /// trailing commas, tabs or 2/3/4 spaces, CRLF or LF, a byte order mark, escapes in keys and values,
    /// go.toolsEnvVars absent, empty, full, escaped, of the wrong type or duplicated; some mutated into invalid text.
    /// The same seed gives the same documents.
    /// </summary>
    internal sealed class SettingsGenerator
    {
        private static readonly string[] s_keys =
        {
            "editor.fontSize", "go.useLanguageServer", "files.exclude", "[go]", "gopls", "terminal.integrated.env.linux",
            "go\\u002Eformat", "weird\\\"key", "caf\u00e9", "emoji\U0001F600", "go.alternateTools", "go.goroot", "a/b",
        };

        private static readonly string[] s_strings =
        {
            "", "plain", "with \\\"quotes\\\"", "back\\\\slash", "line\\nbreak", "\\u00e9t\\u00E9", "slash\\/", "tab\\t", "\u00fcnicode \u4e2d", "${env:PATH}",
        };

        private static readonly string[] s_mutations = { ",", "{", "}", "[", "]", ":", "\"", "/", "*", "x", "\\", "\n" };

        private readonly Random _random;
        private StringBuilder _sb = new StringBuilder();
        private string _eol = "\n";
        private string _unit = "  ";
        private double _commentRate;
        private double _trailingCommaRate;

        public SettingsGenerator(int seed)
        {
            _random = new Random(seed);
        }

        public (byte[] Bytes, bool Mutated) Next()
        {
            _sb = new StringBuilder();
            _eol = _random.Next(3) == 0 ? "\r\n" : "\n";
            _unit = new[] { "\t", "  ", "    ", "   " }[_random.Next(4)];
            _commentRate = _random.Next(3) == 0 ? 0.0 : 0.25;
            _trailingCommaRate = _random.Next(2) == 0 ? 0.0 : 0.5;
            bool bom = _random.Next(5) == 0;

            int shape = _random.Next(40);
            if (shape == 0)
            {
                Comment(string.Empty); // comment-only document
            }
            else if (shape == 1)
            {
                _sb.Append(_random.Next(2) == 0 ? string.Empty : _eol); // empty document
            }
            else if (shape == 2)
            {
                _sb.Append("[1, 2]"); // not an object
            }
            else
            {
                Trivia(string.Empty);
                RootObject();
                if (_random.Next(3) > 0)
                {
                    _sb.Append(_eol);
                }
            }

            string text = _sb.ToString();
            bool mutated = false;
            if (text.Length > 0 && _random.Next(8) == 0)
            {
                mutated = true;
                int at = _random.Next(text.Length);
                text = _random.Next(2) == 0
                    ? text.Remove(at, char.IsHighSurrogate(text[at]) && at + 1 < text.Length ? 2 : 1)
                    : text.Insert(char.IsLowSurrogate(text[at]) ? at + 1 : at, s_mutations[_random.Next(s_mutations.Length)]);
            }

            byte[] body = new UTF8Encoding(false).GetBytes(text);
            if (!bom)
            {
                return (body, mutated);
            }

            var withBom = new byte[body.Length + 3];
            withBom[0] = 0xEF;
            withBom[1] = 0xBB;
            withBom[2] = 0xBF;
            Array.Copy(body, 0, withBom, 3, body.Length);
            return (withBom, mutated);
        }

        private bool Chance(double rate) => _random.NextDouble() < rate;

        /// <summary>Whitespace and perhaps comments between two tokens, on lines indented with indent.</summary>
        private void Trivia(string indent)
        {
            if (Chance(_commentRate))
            {
                _sb.Append(' ');
                Comment(indent);
            }
        }

        private void Comment(string indent)
        {
            if (_random.Next(2) == 0)
            {
                _sb.Append("// line comment ").Append(_random.Next(1000)).Append(" with \"quotes\", {braces} and a comma,").Append(_eol).Append(indent);
            }
            else
            {
                _sb.Append("/* block ").Append(_random.Next(1000)).Append(_random.Next(3) == 0 ? _eol + indent + " * spans lines */" : " */").Append(' ');
            }
        }

        private void RootObject()
        {
            var entries = new List<Action<string>>();
            int count = _random.Next(0, 7);
            for (int i = 0; i < count; i++)
            {
                string key = s_keys[_random.Next(s_keys.Length)];
                entries.Add(indent => Property(key, indent, 0));
            }

            // go.toolsEnvVars in one of its shapes, at a random place.
            int toolsShape = _random.Next(10);
            if (toolsShape > 0)
            {
                string toolsKey = toolsShape == 1 ? "go\\u002EtoolsEnvVars" : "go.toolsEnvVars";
                Action<string> tools = indent =>
                {
                    Key(toolsKey, indent);
                    switch (toolsShape)
                    {
                        case 2:
                            _sb.Append("{}");
                            break;
                        case 3:
                            _sb.Append("{ }");
                            break;
                        case 4:
                            _sb.Append('{').Append(_eol).Append(indent).Append('}');
                            break;
                        case 5:
                            _sb.Append("{ // nothing yet").Append(_eol).Append(indent).Append('}');
                            break;
                        case 6:
                            _sb.Append(_random.Next(4) == 0 ? "\"wrong type\"" : "{ \"GOPROXY\": \"inline\" }");
                            break;
                        default:
                            var envKeys = new List<string> { "GOFLAGS" };
                            if (_random.Next(2) == 0)
                            {
                                envKeys.Insert(0, "GOPROXY");
                            }

                            if (_random.Next(3) == 0)
                            {
                                envKeys.Add("GOPRIVATE");
                            }

                            WriteObject(indent, envKeys.Count, i => envKeys[i], 1, stringValues: _random.Next(8) > 0);
                            break;
                    }
                };
                entries.Insert(_random.Next(entries.Count + 1), tools);
                if (_random.Next(25) == 0)
                {
                    entries.Add(tools); // a duplicate: refused
                }
            }

            WriteObject(string.Empty, entries.Count, null, 0, stringValues: false, entries);
        }

        private void Key(string key, string indent)
        {
            _sb.Append('"').Append(key).Append('"');
            if (Chance(_commentRate / 3))
            {
                _sb.Append(' ');
                Comment(indent + _unit);
            }

            _sb.Append(": ");
            if (Chance(_commentRate / 3))
            {
                _sb.Append("/* before the value */ ");
            }
        }

        private void WriteObject(string indent, int count, Func<int, string>? keyAt, int depth, bool stringValues, List<Action<string>>? writers = null)
        {
            bool inline = depth > 0 && _random.Next(6) == 0;
            string inner = indent + _unit;
            _sb.Append('{');
            if (count == 0)
            {
                _sb.Append(_random.Next(2) == 0 ? "}" : _eol + indent + "}");
                return;
            }

            for (int i = 0; i < count; i++)
            {
                if (inline)
                {
                    _sb.Append(' ');
                }
                else
                {
                    _sb.Append(_eol).Append(inner);
                    if (Chance(_commentRate / 2))
                    {
                        _sb.Append("// about the next setting").Append(_eol).Append(inner);
                    }
                }

                if (writers is not null)
                {
                    writers[i](inner);
                }
                else
                {
                    string key = keyAt!(i);
                    if (stringValues)
                    {
                        Key(key, inner);
                        _sb.Append('"').Append(s_strings[_random.Next(s_strings.Length)]).Append('"');
                    }
                    else
                    {
                        Property(key, inner, depth);
                    }
                }

                bool last = i == count - 1;
                if (!last || Chance(_trailingCommaRate))
                {
                    if (Chance(_commentRate / 3))
                    {
                        _sb.Append(" /* before a comma */");
                    }

                    _sb.Append(',');
                }

                if (!inline && Chance(_commentRate))
                {
                    _sb.Append(' ');
                    if (_random.Next(2) == 0)
                    {
                        _sb.Append("// trailing, with a comma, too");
                    }
                    else
                    {
                        _sb.Append("/* trailing */");
                    }
                }
            }

            _sb.Append(inline ? " }" : _eol + indent + "}");
        }

        private void Property(string key, string indent, int depth)
        {
            Key(key, indent);
            Value(indent, depth + 1);
        }

        private void Value(string indent, int depth)
        {
            int kind = _random.Next(depth > 3 ? 6 : 8);
            switch (kind)
            {
                case 0:
                case 1:
                    _sb.Append('"').Append(s_strings[_random.Next(s_strings.Length)]).Append('"');
                    break;
                case 2:
                    _sb.Append(new[] { "0", "42", "-1.5e3", "3.25", "1E+2", "-0" }[_random.Next(6)]);
                    break;
                case 3:
                    _sb.Append(new[] { "true", "false", "null" }[_random.Next(3)]);
                    break;
                case 4:
                case 5:
                    _sb.Append("[1, \"two\", [], {}").Append(Chance(_trailingCommaRate) ? ",]" : "]");
                    break;
                default:
                    int count = _random.Next(0, 4);
                    WriteObject(indent, count, i => s_keys[_random.Next(s_keys.Length)], depth, stringValues: false);
                    break;
            }
        }
    }
}
