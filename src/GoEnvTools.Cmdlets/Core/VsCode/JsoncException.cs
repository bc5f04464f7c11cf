using System;

namespace GoEnvTools
{
    /// <summary>
    /// A settings document that cannot be read or edited. Line and Column are 1-based (Column counts UTF-16
    /// characters, as VS Code's editor does); Offset is the character offset in the decoded text and
    /// ByteOffset the offset in the original bytes (byte order mark included).
    /// </summary>
    [Serializable]
    public sealed class JsoncException : FormatException
    {
        public JsoncException(JsoncErrorCode code, string detail, int line, int column, int offset, long byteOffset)
            : base($"Line {line}, column {column}: {code}: {detail}")
        {
            Code = code;
            Detail = detail;
            Line = line;
            Column = column;
            Offset = offset;
            ByteOffset = byteOffset;
        }

        public JsoncErrorCode Code { get; }
        public string Detail { get; }
        public int Line { get; }
        public int Column { get; }
        public int Offset { get; }
        public long ByteOffset { get; }
    }
}
