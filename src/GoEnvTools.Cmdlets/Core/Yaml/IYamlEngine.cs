using System.Collections.Specialized;
using System.Reflection;

namespace GoEnvTools
{
    /// <summary>
    /// What the GoEnvTools.Yaml assembly does with YamlDotNet. It is implemented there, in the module's own load
    /// context, and called through this interface so that no type of YamlDotNet ever appears in this assembly:
    /// this assembly lives in the default context, where another module may have loaded another YamlDotNet.
    /// </summary>
    internal interface IYamlEngine
    {
        /// <summary>The YamlDotNet assembly the engine is bound to.</summary>
        Assembly Library { get; }

        /// <summary>
        /// Writes a tree whose mappings are <see cref="OrderedDictionary"/> with string keys, whose sequences are
        /// object arrays, and whose leaves are strings or null (the caller has checked that).
        /// </summary>
        string Write(OrderedDictionary document, DocumentFormat format);

        /// <summary>Reads YAML or JSON back into the same kind of tree; throws <see cref="YamlDocumentException"/>.</summary>
        OrderedDictionary Read(string text);
    }
}
