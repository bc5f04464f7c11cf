using System;

namespace GoEnvTools
{
    /// <summary>
    /// A YAML or JSON text that is not a document <see cref="YamlDocuments"/> can read. Line and Column are
    /// 1-based and 0 when the position is not known; the message starts with them when they are known.
    /// </summary>
    [Serializable]
    public sealed class YamlDocumentException : FormatException
    {
        public YamlDocumentException(string message)
            : base(message)
        {
        }

        public YamlDocumentException(string message, Exception innerException)
            : base(message, innerException)
        {
        }

        public YamlDocumentException(string message, long line, long column, Exception? innerException)
            : base(line > 0 ? $"Line {line}, column {column}: {message}" : message, innerException)
        {
            Line = line;
            Column = column;
        }

        public long Line { get; }
        public long Column { get; }
    }
}
