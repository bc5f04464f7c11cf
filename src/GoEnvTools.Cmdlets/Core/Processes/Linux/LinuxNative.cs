using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Text;

namespace GoEnvTools.Linux
{
    /// <summary>
    /// The few libc calls the Linux provider needs. Reading /proc through open/read/close gives the exact errno
    /// (EACCES, ESRCH, ENOENT) and costs a fraction of a FileStream per file.
    /// </summary>
    internal static class LinuxNative
    {
        public const int EPERM = 1;
        public const int ENOENT = 2;
        public const int ESRCH = 3;
        public const int EACCES = 13;

        private const int O_RDONLY = 0;
        private const int O_CLOEXEC = 0x80000;
        private const int SC_CLK_TCK = 2;
        private const int X_OK = 1;

        // d_type values of struct dirent.
        private const byte DT_UNKNOWN = 0;
        private const byte DT_DIR = 4;
        private const byte DT_LNK = 10;

        // struct dirent64 is the same on every glibc and musl architecture: u64 d_ino, s64 d_off, u16 d_reclen,
        // u8 d_type, then the name. (Plain readdir's struct differs on 32-bit glibc, so readdir64 is used.)
        private const int DirentNameOffset = 19;

        [ThreadStatic]
        private static byte[]? t_linkBuffer;

        [DllImport("libc", EntryPoint = "open", SetLastError = true)]
        private static extern int Open([MarshalAs(UnmanagedType.LPStr)] string path, int flags);

        // The same call on a path the caller already holds as NUL-terminated bytes: the process scan opens one
        // file per process and so avoids building and marshalling a string each time.
        [DllImport("libc", EntryPoint = "open", SetLastError = true)]
        private static extern unsafe int Open(byte* path, int flags);

        [DllImport("libc", EntryPoint = "opendir", SetLastError = true)]
        private static extern IntPtr OpenDir([MarshalAs(UnmanagedType.LPStr)] string path);

        [DllImport("libc", EntryPoint = "readdir64")]
        private static extern unsafe byte* ReadDir(IntPtr dir);

        [DllImport("libc", EntryPoint = "closedir")]
        private static extern int CloseDir(IntPtr dir);

        [DllImport("libc", EntryPoint = "read", SetLastError = true)]
        private static extern unsafe IntPtr Read(int fd, byte* buffer, IntPtr count);

        [DllImport("libc", EntryPoint = "close")]
        private static extern int Close(int fd);

        [DllImport("libc", EntryPoint = "readlink", SetLastError = true)]
        private static extern IntPtr ReadLink([MarshalAs(UnmanagedType.LPStr)] string path, byte[] buffer, IntPtr size);

        [DllImport("libc", EntryPoint = "access", SetLastError = true)]
        private static extern int Access([MarshalAs(UnmanagedType.LPStr)] string path, int mode);

        [DllImport("libc", EntryPoint = "getuid")]
        public static extern uint GetUid();

        [DllImport("libc", EntryPoint = "sysconf")]
        private static extern long SysConf(int name);

        public static long ClockTicksPerSecond()
        {
            long ticks = SysConf(SC_CLK_TCK);
            return ticks > 0 ? ticks : 100;
        }

        /// <summary>
        /// Reads a whole file into <paramref name="buffer"/>, growing it as needed. Returns the length, or -errno.
        /// </summary>
        public static int ReadFile(string path, ref byte[] buffer)
        {
            int fd = Open(path, O_RDONLY | O_CLOEXEC);
            return fd < 0 ? -Marshal.GetLastWin32Error() : ReadAndClose(fd, ref buffer, stopAtShortRead: false);
        }

        /// <summary>
        /// Reads a small one-record file such as <c>/proc/PID/comm</c>, <c>stat</c> or <c>status</c>, whose path is
        /// NUL-terminated bytes. Returns the length, or -errno.
        /// </summary>
        /// <remarks>
        /// These files are generated whole on the first read (seq_file), so a read that returns less than it was
        /// asked for has returned everything; the loop of <see cref="ReadFile(string, ref byte[])"/> would spend one
        /// more read just to see the 0, which for the name scan is a third of all its system calls. A read that
        /// fills the buffer still goes on reading, so a larger file is never cut.
        /// </remarks>
        [MethodImpl(CompilerHints.AggressiveOptimization)]
        public static unsafe int ReadSmallFile(byte[] path, ref byte[] buffer)
        {
            int fd;
            fixed (byte* p = path)
            {
                fd = Open(p, O_RDONLY | O_CLOEXEC);
            }

            return fd < 0 ? -Marshal.GetLastWin32Error() : ReadAndClose(fd, ref buffer, stopAtShortRead: true);
        }

        [MethodImpl(CompilerHints.AggressiveOptimization)]
        private static unsafe int ReadAndClose(int fd, ref byte[] buffer, bool stopAtShortRead)
        {
            try
            {
                int total = 0;
                while (true)
                {
                    if (total == buffer.Length)
                    {
                        Array.Resize(ref buffer, buffer.Length * 2);
                    }

                    long n;
                    fixed (byte* p = buffer)
                    {
                        n = (long)Read(fd, p + total, (IntPtr)(buffer.Length - total));
                    }

                    if (n < 0)
                    {
                        return -Marshal.GetLastWin32Error();
                    }

                    if (n == 0)
                    {
                        return total;
                    }

                    bool shortRead = n < buffer.Length - total;
                    total += (int)n;
                    if (stopAtShortRead && shortRead)
                    {
                        return total;
                    }
                }
            }
            finally
            {
                Close(fd);
            }
        }

        /// <summary>
        /// Adds to <paramref name="ids"/> every subdirectory of <paramref name="directory"/> whose name is a process
        /// id (1 to 10 digits that fit an int), without making a string per entry as Directory.EnumerateDirectories
        /// does. Returns 0, or the errno of opendir.
        /// </summary>
        [MethodImpl(CompilerHints.AggressiveOptimization)]
        public static unsafe int ListProcessIdDirectories(string directory, List<int> ids)
        {
            IntPtr dir = OpenDir(directory);
            if (dir == IntPtr.Zero)
            {
                return Marshal.GetLastWin32Error();
            }

            try
            {
                byte* entry;
                while ((entry = ReadDir(dir)) != null)
                {
                    byte* name = entry + DirentNameOffset;
                    if (!TryParseProcessId(name, out int pid))
                    {
                        continue;
                    }

                    byte type = entry[DirentNameOffset - 1];
                    if (type == DT_DIR ||
                        ((type == DT_UNKNOWN || type == DT_LNK) && Directory.Exists(directory + "/" + pid.ToString(CultureInfo.InvariantCulture))))
                    {
                        ids.Add(pid);
                    }
                }

                return 0;
            }
            finally
            {
                CloseDir(dir);
            }
        }

        // The rule of ProcParsers.TryParsePid, over a NUL-terminated name.
        [MethodImpl(CompilerHints.AggressiveOptimization)]
        private static unsafe bool TryParseProcessId(byte* name, out int pid)
        {
            pid = 0;
            long value = 0;
            int length = 0;
            for (; name[length] != 0; length++)
            {
                byte c = name[length];
                if (c < (byte)'0' || c > (byte)'9' || length == 10)
                {
                    return false;
                }

                value = (value * 10) + (c - '0');
            }

            if (length == 0 || value > int.MaxValue)
            {
                return false;
            }

            pid = (int)value;
            return true;
        }

        /// <summary>The target of a symbolic link, or null with the errno in <paramref name="errno"/>.</summary>
        public static string? ReadLinkTarget(string path, out int errno)
        {
            // One buffer per thread: a new 4 KiB array per link (two per process read) was mostly spent zeroing it.
            byte[] buffer = t_linkBuffer ??= new byte[4096];
            long n = (long)ReadLink(path, buffer, (IntPtr)buffer.Length);
            if (n < 0)
            {
                errno = Marshal.GetLastWin32Error();
                return null;
            }

            errno = 0;
            return Encoding.UTF8.GetString(buffer, 0, (int)n);
        }

        public static bool IsExecutable(string path) => Access(path, X_OK) == 0;

        /// <summary>The passwd name of a uid, or null when there is no entry.</summary>
        public static string? UserNameOf(uint uid) => PosixPasswd.Field(uid, PosixPasswd.NameOffset);

        /// <summary>The login shell of a uid (pw_shell), or null when there is none.</summary>
        public static string? LoginShellOf(uint uid) => PosixPasswd.Field(uid, PosixPasswd.ShellOffset(OSPlatform.Linux, IntPtr.Size));
    }
}
