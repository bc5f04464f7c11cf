using System;
using System.Collections.Specialized;
using System.Globalization;
using System.IO;
using System.Reflection;
using System.Text.RegularExpressions;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;
using YamlDotNet.RepresentationModel;
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

        // One line per value whatever its length (diffs stay readable), and the same newline on every OS.
        private static readonly EmitterSettings s_yamlSettings = EmitterSettings.Default.WithBestWidth(int.MaxValue).WithNewLine("\n");

        // YamlDotNet puts "(Line: 1, Col: 2, Idx: 1) - (Line: 1, Col: 3, Idx: 2): " before its messages.
        private static readonly Regex s_markPrefix = new Regex(@"^\(Line: \d+, Col: \d+, Idx: \d+\) - \(Line: \d+, Col: \d+, Idx: \d+\): ", RegexOptions.CultureInvariant);

        public Assembly Library => typeof(ISerializer).Assembly;

        public string Write(OrderedDictionary document, DocumentFormat format)
        {
            var writer = new StringWriter(CultureInfo.InvariantCulture) { NewLine = "\n" };
            bool json = format == DocumentFormat.Json;
            IEmitter emitter = json ? new JsonTextEmitter(writer) : new ScalarStyleEmitter(new Emitter(writer, s_yamlSettings));

            // The tree is plain (mappings, arrays, strings, null: YamlDocuments checked it), so its events are emitted
            // directly; YamlDotNet's serializer would find the same events through reflection, several times slower.
            emitter.Emit(new StreamStart());
            emitter.Emit(new DocumentStart(null, null, isImplicit: true));
            EmitNode(emitter, document, json);
            emitter.Emit(new DocumentEnd(isImplicit: true));
            emitter.Emit(new StreamEnd());
            return writer.ToString();
        }

        private static void EmitNode(IEmitter emitter, object? node, bool json)
        {
            switch (node)
            {
                case null:
                    // JsonTextEmitter writes a plain null as it is; ScalarStyleEmitter writes the null tag as null.
                    emitter.Emit(json
                        ? new Scalar(AnchorName.Empty, TagName.Empty, "null", ScalarStyle.Plain, isPlainImplicit: true, isQuotedImplicit: false)
                        : new Scalar(AnchorName.Empty, new TagName(NullTag), string.Empty, ScalarStyle.Plain, isPlainImplicit: true, isQuotedImplicit: false));
                    break;
                case string text:
                    EmitText(emitter, text, json, isKey: false);
                    break;
                case OrderedDictionary mapping:
                    emitter.Emit(new MappingStart(AnchorName.Empty, TagName.Empty, isImplicit: true, MappingStyle.Any));
                    foreach (System.Collections.DictionaryEntry entry in mapping)
                    {
                        EmitText(emitter, (string)entry.Key, json, isKey: true);
                        EmitNode(emitter, entry.Value, json);
                    }

                    emitter.Emit(new MappingEnd());
                    break;
                case object?[] sequence:
                    emitter.Emit(new SequenceStart(AnchorName.Empty, TagName.Empty, isImplicit: true, SequenceStyle.Any));
                    foreach (object? item in sequence)
                    {
                        EmitNode(emitter, item, json);
                    }

                    emitter.Emit(new SequenceEnd());
                    break;
                default:
                    throw new ArgumentException($"Cannot write a {node.GetType().FullName}; YamlDocuments hands over only mappings, arrays, strings and null.");
            }
        }

        // JSON strings are double-quoted; for YAML, ScalarStyleEmitter chooses the style of every scalar.
        private static void EmitText(IEmitter emitter, string text, bool json, bool isKey) =>
            emitter.Emit(new Scalar(AnchorName.Empty, TagName.Empty, text, json ? ScalarStyle.DoubleQuoted : ScalarStyle.Any, true, true, Mark.Empty, Mark.Empty, isKey));

        public OrderedDictionary Read(string text)
        {
            var stream = new YamlStream();
            try
            {
                stream.Load(new StringReader(text));
            }
            catch (YamlException ex)
            {
                throw new YamlDocumentException(s_markPrefix.Replace(ex.Message, string.Empty), ex.Start.Line, ex.Start.Column, ex);
            }

            if (stream.Documents.Count == 0)
            {
                throw new YamlDocumentException("The text holds no document; expected a mapping such as 'NAME: value' or {\"NAME\": \"value\"}.");
            }

            if (stream.Documents.Count > 1)
            {
                YamlNode second = stream.Documents[1].RootNode;
                throw Error(second, "The text holds more than one document (a '---' line starts another); expected one.");
            }

            YamlNode root = stream.Documents[0].RootNode;
            if (root is not YamlMappingNode mapping)
            {
                throw Error(root, $"The top level is a {Describe(root)}; expected a mapping such as 'NAME: value' or {{\"NAME\": \"value\"}}.");
            }

            return ReadMapping(mapping, depth: 0);
        }

        private static object? ReadNode(YamlNode node, int depth)
        {
            if (depth > MaxDepth)
            {
                throw Error(node, $"The document is nested more than {MaxDepth} levels deep.");
            }

            switch (node)
            {
                case YamlScalarNode scalar:
                    return IsNull(scalar) ? null : scalar.Value ?? string.Empty;
                case YamlMappingNode mapping:
                    return ReadMapping(mapping, depth);
                case YamlSequenceNode sequence:
                    var items = new object?[sequence.Children.Count];
                    for (int i = 0; i < items.Length; i++)
                    {
                        items[i] = ReadNode(sequence.Children[i], depth + 1);
                    }

                    return items;
                default:
                    throw Error(node, $"Unexpected {Describe(node)}.");
            }
        }

        private static OrderedDictionary ReadMapping(YamlMappingNode mapping, int depth)
        {
            var result = new OrderedDictionary(StringComparer.Ordinal);
            foreach (var pair in mapping.Children)
            {
                if (pair.Key is not YamlScalarNode keyNode)
                {
                    throw Error(pair.Key, $"A key is a {Describe(pair.Key)}; keys must be strings.");
                }

                string key = keyNode.Value ?? string.Empty;
                if (result.Contains(key))
                {
                    throw Error(keyNode, $"The key '{key}' appears twice in one mapping.");
                }

                result.Add(key, ReadNode(pair.Value, depth + 1));
            }

            return result;
        }

        // Only an untagged plain null, ~ or nothing is null: "null" in quotes is the string.
        private static bool IsNull(YamlScalarNode scalar)
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

        private static string Describe(YamlNode node) => node switch
        {
            YamlMappingNode _ => "mapping",
            YamlSequenceNode _ => "sequence",
            YamlScalarNode _ => "scalar",
            _ => node.NodeType.ToString(),
        };

        private static YamlDocumentException Error(YamlNode node, string message) =>
            new YamlDocumentException(message, node.Start.Line, node.Start.Column, innerException: null);
    }
}
