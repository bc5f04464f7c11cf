using System;
using System.IO;
using System.Runtime.InteropServices;
using System.Text;

namespace GoEnvTools
{
    /// <summary>
    /// Writes a whole file or nothing: the text goes to a temporary file beside the target, which is then renamed
    /// over it, so a reader (or a crash) never meets half a file.
    /// </summary>
    public static class AtomicFile
    {
        private const uint OwnerReadWrite = 0x180; // 0600

        private static readonly UTF8Encoding s_utf8 = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

        /// <summary>
        /// Writes <paramref name="text"/> (UTF-8, no byte order mark) to <paramref name="path"/>.
        /// With <paramref name="overwrite"/> false an existing file is left alone and <see cref="IOException"/> is
        /// thrown, also when another process creates the file at the same moment. <paramref name="ownerOnly"/> gives
        /// the file mode 0600 on Linux and macOS before anything is written into it.
        /// </summary>
        public static void Write(string path, string text, bool overwrite, bool ownerOnly) =>
            Write(path, text, overwrite, ownerOnly ? OwnerReadWrite : (uint?)null);

        /// <summary>As above, with the file mode given (for example 0755 for a script); null keeps the umask's.</summary>
        public static void Write(string path, string text, bool overwrite, uint? mode)
        {
            string full = Path.GetFullPath(path);
            string temp = WriteTemporarySibling(full, s_utf8.GetBytes(text), mode);
            try
            {
                if (!overwrite)
                {
                    // A move that never replaces: .NET links the new name and fails when it exists.
                    File.Move(temp, full);
                    return;
                }

                for (int attempt = 0; ; attempt++)
                {
                    try
                    {
                        if (File.Exists(full))
                        {
                            File.Replace(temp, full, destinationBackupFileName: null, ignoreMetadataErrors: true);
                        }
                        else
                        {
                            File.Move(temp, full);
                        }

                        return;
                    }
                    catch (Exception ex) when (attempt == 0 && (ex is FileNotFoundException || (ex is IOException && File.Exists(full))))
                    {
                        // The target appeared or vanished between the check and the rename: decide again.
                    }
                }
            }
            finally
            {
                DeleteIfPresent(temp);
            }
        }

        /// <summary>
        /// Writes <paramref name="bytes"/>, flushed to disk, into a new hidden file beside <paramref name="fullTarget"/>
        /// (same folder, so a rename onto the target is atomic) and returns its path. The caller renames it into place
        /// or deletes it with <see cref="DeleteIfPresent"/>.
        /// </summary>
        public static string WriteTemporarySibling(string fullTarget, byte[] bytes, bool ownerOnly) =>
            WriteTemporarySibling(fullTarget, bytes, ownerOnly ? OwnerReadWrite : (uint?)null);

        private static string WriteTemporarySibling(string fullTarget, byte[] bytes, uint? mode)
        {
            string directory = Path.GetDirectoryName(fullTarget) ?? throw new ArgumentException($"'{fullTarget}' names no file.", nameof(fullTarget));
            string temp = Path.Combine(directory, "." + Path.GetFileName(fullTarget) + "." + Guid.NewGuid().ToString("N").Substring(0, 12) + ".tmp");
            try
            {
                using (var stream = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None))
                {
                    if (mode is uint m)
                    {
                        SetMode(temp, m);
                    }

                    stream.Write(bytes, 0, bytes.Length);
                    stream.Flush(flushToDisk: true);
                }
            }
            catch
            {
                DeleteIfPresent(temp);
                throw;
            }

            return temp;
        }

        /// <summary>Removes a temporary file that was not renamed into place.</summary>
        public static void DeleteIfPresent(string path)
        {
            if (File.Exists(path))
            {
                File.Delete(path);
            }
        }

        /// <summary>Mode 0600 on Linux and macOS; nothing on Windows, where the user's profile folders are private already.</summary>
        public static void MakeOwnerOnly(string path) => SetMode(path, OwnerReadWrite);

        /// <summary>chmod on Linux and macOS; nothing on Windows.</summary>
        public static void SetMode(string path, uint mode)
        {
            if (RuntimeInformation.IsOSPlatform(OSPlatform.Windows))
            {
                return;
            }

            if (Chmod(path, mode) != 0)
            {
                throw new IOException($"Cannot set the mode of '{path}' to {Convert.ToString(mode, 8)} (chmod failed with errno {Marshal.GetLastWin32Error()}).");
            }
        }

        /// <summary>The permission bits of a file or folder, or null where the runtime cannot tell (.NET Framework, Windows).</summary>
        public static uint? TryGetMode(string path)
        {
            System.Reflection.MethodInfo? getMode = typeof(File).GetMethod("GetUnixFileMode", new[] { typeof(string) });
            if (getMode is null || RuntimeInformation.IsOSPlatform(OSPlatform.Windows))
            {
                return null;
            }

            return Convert.ToUInt32(getMode.Invoke(null, new object[] { path }), System.Globalization.CultureInfo.InvariantCulture);
        }

        [DllImport("libc", EntryPoint = "chmod", SetLastError = true)]
        private static extern int Chmod([MarshalAs(UnmanagedType.LPStr)] string path, uint mode);
    }
}
