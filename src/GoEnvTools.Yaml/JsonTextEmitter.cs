using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Text.RegularExpressions;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace GoEnvTools.Yaml
{
    /// <summary>
    /// Writes the events of YamlDotNet's JSON-compatible serializer as strict JSON (RFC 8259), indented by two
    /// spaces. YamlDotNet's own emitter writes them as YAML flow text, which is JSON only for tame strings: it
    /// leaves tabs raw and escapes other control characters as \x01, \0 or \N, which JSON readers reject.
    /// </summary>
    internal sealed class JsonTextEmitter : IEmitter
    {
        private static readonly Regex s_number = new Regex(@"^-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?$", RegexOptions.CultureInvariant);

        private readonly TextWriter _writer;
        private readonly Stack<Frame> _open = new Stack<Frame>();

        public JsonTextEmitter(TextWriter writer)
        {
            _writer = writer;
        }

        public void Emit(ParsingEvent @event)
        {
            switch (@event)
            {
                case StreamStart _:
                case StreamEnd _:
                case DocumentStart _:
                    break;
                case DocumentEnd _:
                    _writer.Write('\n');
                    break;
                case MappingStart _:
                    BeginValue();
                    _writer.Write('{');
                    _open.Push(new Frame(isMapping: true));
                    break;
                case SequenceStart _:
                    BeginValue();
                    _writer.Write('[');
                    _open.Push(new Frame(isMapping: false));
                    break;
                case MappingEnd _:
                    End('}');
                    break;
                case SequenceEnd _:
                    End(']');
                    break;
                case Scalar scalar when _open.Count > 0 && _open.Peek().IsMapping && !_open.Peek().HasKey:
                    Frame mapping = _open.Peek();
                    NextItem(mapping);
                    WriteString(scalar.Value);
                    _writer.Write(": ");
                    mapping.HasKey = true;
                    break;
                case Scalar scalar:
                    BeginValue();
                    WriteScalar(scalar);
                    break;
                default:
                    throw new NotSupportedException($"JSON has nothing for the YAML event {@event.GetType().Name}.");
            }
        }

        private void BeginValue()
        {
            if (_open.Count == 0)
            {
                return;
            }

            Frame parent = _open.Peek();
            if (parent.IsMapping)
            {
                if (!parent.HasKey)
                {
                    throw new NotSupportedException("JSON keys are strings; a mapping or sequence cannot be a key.");
                }

                parent.HasKey = false;
            }
            else
            {
                NextItem(parent);
            }
        }

        private void NextItem(Frame frame)
        {
            if (frame.Count > 0)
            {
                _writer.Write(',');
            }

            NewLine(_open.Count);
            frame.Count++;
        }

        private void End(char close)
        {
            Frame frame = _open.Pop();
            if (frame.Count > 0)
            {
                NewLine(_open.Count);
            }

            _writer.Write(close);
        }

        private void NewLine(int depth)
        {
            _writer.Write('\n');
            _writer.Write(new string(' ', depth * 2));
        }

        private void WriteScalar(Scalar scalar)
        {
            // The serializer marks strings as quoted; plain scalars are its null, booleans and numbers.
            if (scalar.Style == ScalarStyle.Plain &&
                (scalar.Value == "null" || scalar.Value == "true" || scalar.Value == "false" || s_number.IsMatch(scalar.Value)))
            {
                _writer.Write(scalar.Value);
                return;
            }

            WriteString(scalar.Value);
        }

        private void WriteString(string value)
        {
            _writer.Write('"');
            for (int i = 0; i < value.Length; i++)
            {
                char c = value[i];
                if (char.IsHighSurrogate(c) && i + 1 < value.Length && char.IsLowSurrogate(value[i + 1]))
                {
                    _writer.Write(c);
                    _writer.Write(value[++i]);
                    continue;
                }

                switch (c)
                {
                    case '"':
                        _writer.Write("\\\"");
                        break;
                    case '\\':
                        _writer.Write("\\\\");
                        break;
                    case '\n':
                        _writer.Write("\\n");
                        break;
                    case '\r':
                        _writer.Write("\\r");
                        break;
                    case '\t':
                        _writer.Write("\\t");
                        break;
                    case '\b':
                        _writer.Write("\\b");
                        break;
                    case '\f':
                        _writer.Write("\\f");
                        break;
                    default:
                        // Control characters must be escaped; DEL, NEL, the Unicode line separators and lone
                        // surrogates are escaped too, so the file stays readable and valid UTF-8.
                        if (c < ' ' || c == '\u007f' || c == '\u0085' || c == '\u2028' || c == '\u2029' || char.IsSurrogate(c))
                        {
                            _writer.Write("\\u");
                            _writer.Write(((int)c).ToString("x4", CultureInfo.InvariantCulture));
                        }
                        else
                        {
                            _writer.Write(c);
                        }

                        break;
                }
            }

            _writer.Write('"');
        }

        private sealed class Frame
        {
            public Frame(bool isMapping)
            {
                IsMapping = isMapping;
            }

            public bool IsMapping { get; }
            public int Count { get; set; }
            public bool HasKey { get; set; }
        }
    }
}
