using System;
using System.Threading;

namespace GoEnvTools.Windows
{
    /// <summary>What the process parameters in a PEB hold.</summary>
    public sealed class PebContents
    {
        /// <summary>The bytes of the environment block as read (at most EnvironmentSize bytes).</summary>
        public byte[] Environment { get; set; } = Array.Empty<byte>();

        /// <summary>RTL_USER_PROCESS_PARAMETERS.EnvironmentSize: the block's size in bytes as the process records it.</summary>
        public ulong EnvironmentSize { get; set; }

        public string CommandLine { get; set; } = string.Empty;

        public string? CurrentDirectory { get; set; }

        public string? ImagePath { get; set; }
    }

    /// <summary>The outcome of walking one PEB: the contents, or the Win32 error that stopped the walk.</summary>
    public sealed class PebReadResult
    {
        public PebReadResult(PebContents? contents, int error, string? failedAt)
        {
            Contents = contents;
            Error = error;
            FailedAt = failedAt;
        }

        public PebContents? Contents { get; }

        /// <summary>0 on success, else the Win32 error of the read that failed.</summary>
        public int Error { get; }

        /// <summary>Which structure could not be read.</summary>
        public string? FailedAt { get; }
    }

    /// <summary>
    /// Walks PEB -> ProcessParameters -> command line, current directory, image path and environment through an
    /// <see cref="IProcessMemory"/>, for either pointer size. A pure function of the memory it is given.
    /// </summary>
    public static class PebReader
    {
        public const int ErrorAccessDenied = 5;
        public const int ErrorPartialCopy = 299;

        /// <summary>An environment larger than this is not believed (the address is garbage, or the process is torn down).</summary>
        public const int MaxEnvironmentBytes = 16 * 1024 * 1024;

        // Read in these steps when the process left EnvironmentSize at 0 (it is set by CreateProcess since Vista).
        private const int Chunk = 4096;

        /// <summary>
        /// Reads the PEB at <paramref name="pebAddress"/>. ERROR_PARTIAL_COPY, which a process that is still starting
        /// (or changing its environment) gives, and a null ProcessParameters are retried up to
        /// <paramref name="attempts"/> times, with <paramref name="pause"/> between attempts.
        /// </summary>
        public static PebReadResult Read(IProcessMemory memory, ulong pebAddress, PebLayout layout, int attempts = 5, Action<int>? pause = null)
        {
            pause ??= attempt => Thread.Sleep(10 * attempt);
            PebReadResult result = ReadOnce(memory, pebAddress, layout);
            for (int attempt = 1; attempt < attempts && result.Error == ErrorPartialCopy; attempt++)
            {
                pause(attempt);
                result = ReadOnce(memory, pebAddress, layout);
            }

            return result;
        }

        private static PebReadResult ReadOnce(IProcessMemory memory, ulong pebAddress, PebLayout layout)
        {
            var pointer = new byte[8];
            int error = memory.Read(pebAddress + (ulong)layout.ProcessParametersOffset, pointer, layout.PointerSize);
            if (error != 0)
            {
                return new PebReadResult(null, error, "PEB");
            }

            ulong parametersAddress = ReadPointer(pointer, 0, layout);
            if (parametersAddress == 0)
            {
                // Not yet set up by a process that is starting.
                return new PebReadResult(null, ErrorPartialCopy, "PEB.ProcessParameters");
            }

            var parameters = new byte[layout.ParametersSpan];
            error = memory.Read(parametersAddress, parameters, parameters.Length);
            if (error != 0)
            {
                return new PebReadResult(null, error, "RTL_USER_PROCESS_PARAMETERS");
            }

            var contents = new PebContents();
            error = ReadUnicodeString(memory, parameters, layout.CommandLineOffset, layout, out string? commandLine);
            if (error != 0)
            {
                return new PebReadResult(null, error, "CommandLine");
            }

            contents.CommandLine = commandLine ?? string.Empty;

            // The current directory and image path are details: a failure leaves them unknown.
            if (ReadUnicodeString(memory, parameters, layout.CurrentDirectoryOffset, layout, out string? directory) == 0)
            {
                contents.CurrentDirectory = TrimDirectory(directory);
            }

            if (ReadUnicodeString(memory, parameters, layout.ImagePathNameOffset, layout, out string? image) == 0)
            {
                contents.ImagePath = string.IsNullOrEmpty(image) ? null : image;
            }

            ulong environmentAddress = ReadPointer(parameters, layout.EnvironmentOffset, layout);
            ulong environmentSize = ReadPointer(parameters, layout.EnvironmentSizeOffset, layout);
            contents.EnvironmentSize = environmentSize;
            if (environmentAddress == 0)
            {
                return new PebReadResult(null, ErrorPartialCopy, "RTL_USER_PROCESS_PARAMETERS.Environment");
            }

            error = environmentSize > 0 && environmentSize <= MaxEnvironmentBytes
                ? ReadSized(memory, environmentAddress, (int)environmentSize, out byte[] block)
                : ReadUntilEnd(memory, environmentAddress, out block);
            if (error != 0)
            {
                return new PebReadResult(null, error, "the environment block");
            }

            contents.Environment = block;
            return new PebReadResult(contents, 0, null);
        }

        private static int ReadSized(IProcessMemory memory, ulong address, int size, out byte[] block)
        {
            block = new byte[size];
            return memory.Read(address, block, size);
        }

        /// <summary>
        /// Reads page-sized steps until the block's final empty string. A step that crosses the end of the readable
        /// memory is retried in smaller steps, so a block that ends just before an unreadable page is still read whole.
        /// </summary>
        private static int ReadUntilEnd(IProcessMemory memory, ulong address, out byte[] block)
        {
            var buffer = new byte[Chunk];
            var step = new byte[Chunk];
            int read = 0;
            int size = Chunk;
            while (true)
            {
                if (read + size > buffer.Length)
                {
                    Array.Resize(ref buffer, Math.Max(buffer.Length * 2, read + size));
                }

                int error = memory.Read(address + (ulong)read, step, size);
                if (error != 0)
                {
                    if (size > 2)
                    {
                        size /= 2;
                        continue;
                    }

                    block = Take(buffer, read);
                    return error;
                }

                Array.Copy(step, 0, buffer, read, size);
                read += size;
                int end = WindowsEnvironmentBlock.FindEnd(buffer, read);
                if (end >= 0)
                {
                    block = Take(buffer, end);
                    return 0;
                }

                if (read >= MaxEnvironmentBytes)
                {
                    block = Take(buffer, read);
                    return ErrorPartialCopy;
                }
            }
        }

        private static byte[] Take(byte[] buffer, int count)
        {
            var result = new byte[count];
            Array.Copy(buffer, result, count);
            return result;
        }

        private static int ReadUnicodeString(IProcessMemory memory, byte[] parameters, int offset, PebLayout layout, out string? value)
        {
            value = null;
            int length = parameters[offset] | (parameters[offset + 1] << 8);
            ulong buffer = ReadPointer(parameters, offset + layout.PointerSize, layout);
            if (length == 0 || buffer == 0)
            {
                value = string.Empty;
                return 0;
            }

            var bytes = new byte[length];
            int error = memory.Read(buffer, bytes, length);
            if (error != 0)
            {
                return error;
            }

            var chars = new char[length / 2];
            for (int i = 0; i < chars.Length; i++)
            {
                chars[i] = (char)(bytes[2 * i] | (bytes[(2 * i) + 1] << 8));
            }

            value = new string(chars);
            return 0;
        }

        private static ulong ReadPointer(byte[] data, int offset, PebLayout layout)
        {
            ulong value = 0;
            for (int i = layout.PointerSize - 1; i >= 0; i--)
            {
                value = (value << 8) | data[offset + i];
            }

            return value;
        }

        /// <summary>The DOS path keeps a trailing backslash (<c>C:\src\</c>); a drive root keeps it (<c>C:\</c>).</summary>
        private static string? TrimDirectory(string? directory)
        {
            if (string.IsNullOrEmpty(directory))
            {
                return null;
            }

            string d = directory!;
            return d.Length > 3 && d[d.Length - 1] == '\\' ? d.Substring(0, d.Length - 1) : d;
        }
    }
}
