using System;
using System.Collections.Generic;
using System.Collections.Specialized;
using System.Globalization;
using System.IO;
using System.Reflection;
using System.Text.RegularExpressions;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;
using YamlDotNet.Serialization;

namespace GoEnvTools.Yaml
{
    /// <summary>
    /// YamlDocuments' engine, created by GoEnvTools.Cmdlets through <see cref="IYamlEngine"/> in the module's own
    /// load context.
    /// </summary>
    internal sealed class YamlEngine : IYamlEngine
    {
        private const string NullTag = "tag:yaml.org,2002:null";
        private const int MaxDepth = 64;

        // YamlDotNet puts "(Line: 1, Col: 2, Idx: 1) - (Line: 1, Col: 3, Idx: 2): " before its messages.
        private static readonly Regex s_markPrefix = new Regex(@"^\(Line: \d+, Col: \d+, Idx: \d+\) - \(Line: \d+, Col: \d+, Idx: \d+\): ", RegexOptions.CultureInvariant);

        public Assembly Library => typeof(ISerializer).Assembly;

        public string Write(OrderedDictionary document, DocumentFormat format)
        {
            var writer = new StringWriter(CultureInfo.InvariantCulture) { NewLine = "\n" };
            if (format == DocumentFormat.Json)
            {
                JsonTextWriter.Write(writer, document);
            }
            else
            {
                YamlTextWriter.Write(writer, document);
            }

            return writer.ToString();
        }

        public OrderedDictionary Read(string text)
        {
            // Read from the parser's events: the representation model (YamlStream) builds a node per value first and
            // takes several times as long for the same tree.
            var parser = new Parser(new StringReader(text));
            try
            {
                parser.Consume<StreamStart>();
                if (parser.Accept<StreamEnd>(out _))
                {
                    throw new YamlDocumentException("The text holds no document; expected a mapping such as 'NAME: value' or {\"NAME\": \"value\"}.");
                }

                parser.Consume<DocumentStart>();
                ParsingEvent first = parser.Current!;
                var anchors = new Dictionary<string, object?>(StringComparer.Ordinal);
                object? root = ReadValue(parser, anchors, depth: 0);
                parser.Consume<DocumentEnd>();
                if (parser.Accept<DocumentStart>(out _))
                {
                    parser.MoveNext();
                    throw Error(parser.Current!.Start, "The text holds more than one document (a '---' line starts another); expected one.");
                }

                if (root is not OrderedDictionary mapping)
                {
                    throw Error(first.Start, $"The top level is a {Describe(first)}; expected a mapping such as 'NAME: value' or {{\"NAME\": \"value\"}}.");
                }

                return mapping;
            }
            catch (YamlException ex)
            {
                throw new YamlDocumentException(s_markPrefix.Replace(ex.Message, string.Empty), ex.Start.Line, ex.Start.Column, ex);
            }
        }

        private static object? ReadValue(IParser parser, Dictionary<string, object?> anchors, int depth)
        {
            ParsingEvent current = parser.Current!;
            if (depth > MaxDepth)
            {
                throw Error(current.Start, $"The document is nested more than {MaxDepth} levels deep.");
            }

            object? value;
            AnchorName anchor;
            switch (current)
            {
                case AnchorAlias alias:
                    parser.MoveNext();
                    if (!anchors.TryGetValue(alias.Value.Value, out value))
                    {
                        throw Error(alias.Start, $"The alias *{alias.Value.Value} names no anchor before it.");
                    }

                    return value;
                case Scalar scalar:
                    parser.MoveNext();
                    value = IsNull(scalar) ? null : scalar.Value ?? string.Empty;
                    anchor = scalar.Anchor;
                    break;
                case SequenceStart start:
                    parser.MoveNext();
                    var items = new List<object?>();
                    while (!parser.TryConsume<SequenceEnd>(out _))
                    {
                        items.Add(ReadValue(parser, anchors, depth + 1));
                    }

                    value = items.ToArray();
                    anchor = start.Anchor;
                    break;
                case MappingStart start:
                    parser.MoveNext();
                    value = ReadMapping(parser, anchors, depth);
                    anchor = start.Anchor;
                    break;
                default:
                    throw Error(current.Start, $"Unexpected {current.GetType().Name}.");
            }

            if (!anchor.IsEmpty)
            {
                anchors[anchor.Value] = value;
            }

            return value;
        }

        private static OrderedDictionary ReadMapping(IParser parser, Dictionary<string, object?> anchors, int depth)
        {
            var result = new OrderedDictionary(StringComparer.Ordinal);
            while (!parser.TryConsume<MappingEnd>(out _))
            {
                ParsingEvent keyEvent = parser.Current!;
                if (keyEvent is not Scalar && keyEvent is not AnchorAlias)
                {
                    throw Error(keyEvent.Start, $"A key is a {Describe(keyEvent)}; keys must be strings.");
                }

                if (ReadValue(parser, anchors, depth + 1) is not string key)
                {
                    throw Error(keyEvent.Start, "A key is null or not text; keys must be strings.");
                }

                if (result.Contains(key))
                {
                    throw Error(keyEvent.Start, $"Duplicate key {key}: the key '{key}' appears twice in one mapping.");
                }

                result.Add(key, ReadValue(parser, anchors, depth + 1));
            }

            return result;
        }

        // Only an untagged plain null, ~ or nothing is null: "null" in quotes is the string.
        private static bool IsNull(Scalar scalar)
        {
            if (!scalar.Tag.IsEmpty && !scalar.Tag.IsNonSpecific)
            {
                return scalar.Tag.Value == NullTag;
            }

            if (scalar.Style != ScalarStyle.Plain)
            {
                return false;
            }

            string value = scalar.Value ?? string.Empty;
            return value.Length == 0 || value == "~" || value == "null" || value == "Null" || value == "NULL";
        }

        private static string Describe(ParsingEvent node) => node switch
        {
            MappingStart _ => "mapping",
            SequenceStart _ => "sequence",
            Scalar _ => "scalar",
            AnchorAlias _ => "alias",
            _ => node.GetType().Name,
        };

        private static YamlDocumentException Error(Mark start, string message) =>
            new YamlDocumentException(message, start.Line, start.Column, innerException: null);
    }
}
