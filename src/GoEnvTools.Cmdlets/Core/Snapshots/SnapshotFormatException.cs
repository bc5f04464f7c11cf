using System;

namespace GoEnvTools
{
    /// <summary>A file that is not a snapshot this version reads, or one that was cut short. Line is 1-based.</summary>
    [Serializable]
    public sealed class SnapshotFormatException : FormatException
    {
        public SnapshotFormatException(string path, long line, string message, Exception? innerException = null)
            : base($"{path}:{line}: {message}", innerException)
        {
            Path = path;
            Line = line;
        }

        public string Path { get; }
        public long Line { get; }
    }
}
