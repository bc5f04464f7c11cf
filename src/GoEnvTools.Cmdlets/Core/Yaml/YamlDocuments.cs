using System;
using System.Collections;
using System.Collections.Specialized;
using System.Reflection;
using System.Threading;

namespace GoEnvTools
{
    /// <summary>
    /// Writes ordered string dictionaries as YAML or JSON and reads them back, exactly: key order and every
    /// string (newlines, quotes, control characters, non-ASCII, values that look like numbers, booleans or null)
    /// come back as they were written.
    /// </summary>
    /// <remarks>
    /// A document is a mapping. Its values are strings, null, nested mappings (any <see cref="IDictionary"/>
    /// with string keys, written in its enumeration order) or sequences (any other <see cref="IEnumerable"/>)
    /// of such values. Other values (numbers, dates, booleans) are refused rather than converted, so that what
    /// is written is what reads back; format them as strings first. Reading returns mappings as
    /// <see cref="OrderedDictionary"/> (ordinal, case-sensitive keys) and sequences as object arrays; a plain
    /// <c>null</c>, <c>~</c> or empty value reads as null and every other scalar as its string.
    /// YamlDotNet does the work, loaded from the module's Dependencies folder in a load context of its own.
    /// </remarks>
    public static class YamlDocuments
    {
        // Deep enough for any document of this module; a cycle (a dictionary that holds itself) stops here.
        private const int MaxDepth = 64;

        private const string EngineAssembly = "GoEnvTools.Yaml";
        private const string EngineType = "GoEnvTools.Yaml.YamlEngine";

        private static readonly Lazy<IYamlEngine> s_engine = new Lazy<IYamlEngine>(
            () => ModuleDependencies.CreateInstance<IYamlEngine>(EngineAssembly, EngineType),
            LazyThreadSafetyMode.ExecutionAndPublication);

        /// <summary>The YamlDotNet assembly the module uses (for diagnostics: its version and where it was loaded from).</summary>
        public static Assembly YamlLibrary => s_engine.Value.Library;

        public static string ToYaml(IDictionary document) => Write(document, DocumentFormat.Yaml);

        public static string ToJson(IDictionary document) => Write(document, DocumentFormat.Json);

        /// <summary>The document as text, ending with a newline. Throws <see cref="ArgumentException"/> for a value it cannot write exactly.</summary>
        public static string Write(IDictionary document, DocumentFormat format)
        {
            if (document is null)
            {
                throw new ArgumentNullException(nameof(document));
            }

            if (format != DocumentFormat.Yaml && format != DocumentFormat.Json)
            {
                throw new ArgumentOutOfRangeException(nameof(format), format, "The format must be Yaml or Json.");
            }

            OrderedDictionary tree = CopyMapping(document, path: string.Empty, depth: 0);
            return s_engine.Value.Write(tree, format);
        }

        /// <summary>Reads a YAML or JSON document whose top level is a mapping. Throws <see cref="YamlDocumentException"/> with the line and column of what is wrong.</summary>
        public static OrderedDictionary Parse(string text)
        {
            if (text is null)
            {
                throw new ArgumentNullException(nameof(text));
            }

            return s_engine.Value.Read(text);
        }

        // A private copy in the shape the engine expects, checked on the way, so the engine never sees a
        // caller's collection change under it and never has to guess how to render a value.
        private static OrderedDictionary CopyMapping(IDictionary source, string path, int depth)
        {
            CheckDepth(path, depth);
            var copy = new OrderedDictionary(StringComparer.Ordinal);
            foreach (DictionaryEntry entry in source)
            {
                if (entry.Key is not string key)
                {
                    throw new ArgumentException(
                        $"The mapping{Describe(path)} has a key of type {entry.Key.GetType().FullName}; only string keys can be written.",
                        nameof(source));
                }

                string childPath = path.Length == 0 ? key : path + "." + key;
                CheckText(key, childPath, "key");
                if (copy.Contains(key))
                {
                    throw new ArgumentException($"The key '{childPath}' appears twice.", nameof(source));
                }

                copy.Add(key, CopyValue(entry.Value, childPath, depth + 1));
            }

            return copy;
        }

        private static object? CopyValue(object? value, string path, int depth)
        {
            switch (value)
            {
                case null:
                    return null;
                case string text:
                    CheckText(text, path, "value");
                    return text;
                case IDictionary mapping:
                    return CopyMapping(mapping, path, depth);
                case IEnumerable sequence:
                    CheckDepth(path, depth);
                    var items = new ArrayList();
                    int index = 0;
                    foreach (object? item in sequence)
                    {
                        items.Add(CopyValue(item, $"{path}[{index}]", depth + 1));
                        index++;
                    }

                    return items.ToArray();
                default:
                    throw new ArgumentException(
                        $"The value of '{path}' is a {value.GetType().FullName}; only strings, null, mappings and sequences are written, so that every value reads back as it was. Format it as a string first.",
                        nameof(value));
            }
        }

        // A UTF-16 string can hold half of a surrogate pair (a Windows environment block can); UTF-8, and so a
        // YAML or JSON file, cannot, and YamlDotNet refuses them both ways.
        private static void CheckText(string text, string path, string what)
        {
            for (int i = 0; i < text.Length; i++)
            {
                char c = text[i];
                if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
                {
                    i++;
                }
                else if (char.IsSurrogate(c))
                {
                    throw new ArgumentException(
                        $"The {what} of '{path}' holds an unpaired UTF-16 surrogate (U+{(int)c:X4} at index {i}), which a UTF-8 file cannot hold.");
                }
            }
        }

        private static void CheckDepth(string path, int depth)
        {
            if (depth > MaxDepth)
            {
                throw new ArgumentException($"The document is nested more than {MaxDepth} levels deep at '{path}'; does a mapping hold itself?");
            }
        }

        private static string Describe(string path) => path.Length == 0 ? string.Empty : $" at '{path}'";
    }
}
