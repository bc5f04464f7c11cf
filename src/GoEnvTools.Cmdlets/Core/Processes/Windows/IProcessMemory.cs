namespace GoEnvTools.Windows
{
    /// <summary>The address space of another process, read by address (ReadProcessMemory on Windows; an image in tests).</summary>
    public interface IProcessMemory
    {
        /// <summary>
        /// Reads <paramref name="count"/> bytes at <paramref name="address"/> into the start of
        /// <paramref name="buffer"/>: 0 when all were read, otherwise the Win32 error code (299, ERROR_PARTIAL_COPY,
        /// when only part of the range is readable).
        /// </summary>
        int Read(ulong address, byte[] buffer, int count);
    }
}
