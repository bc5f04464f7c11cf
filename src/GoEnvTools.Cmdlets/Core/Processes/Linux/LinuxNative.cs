using System;
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

        [DllImport("libc", EntryPoint = "open", SetLastError = true)]
        private static extern int Open([MarshalAs(UnmanagedType.LPStr)] string path, int flags);

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

        [DllImport("libc", EntryPoint = "getpwuid_r")]
        private static extern int GetPwUidR(uint uid, IntPtr pwd, IntPtr buffer, IntPtr bufferLength, out IntPtr result);

        public static long ClockTicksPerSecond()
        {
            long ticks = SysConf(SC_CLK_TCK);
            return ticks > 0 ? ticks : 100;
        }

        /// <summary>
        /// Reads a whole file into <paramref name="buffer"/>, growing it as needed. Returns the length, or -errno.
        /// </summary>
        public static unsafe int ReadFile(string path, ref byte[] buffer)
        {
            int fd = Open(path, O_RDONLY | O_CLOEXEC);
            if (fd < 0)
            {
                return -Marshal.GetLastWin32Error();
            }

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

                    total += (int)n;
                }
            }
            finally
            {
                Close(fd);
            }
        }

        /// <summary>The target of a symbolic link, or null with the errno in <paramref name="errno"/>.</summary>
        public static string? ReadLinkTarget(string path, out int errno)
        {
            var buffer = new byte[4096];
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
        public static string? UserNameOf(uint uid)
        {
            // struct passwd starts with char *pw_name on every libc; 256 bytes covers the struct itself.
            IntPtr pwd = Marshal.AllocHGlobal(256);
            int size = 16384;
            IntPtr buffer = Marshal.AllocHGlobal(size);
            try
            {
                int rc = GetPwUidR(uid, pwd, buffer, (IntPtr)size, out IntPtr result);
                if (rc != 0 || result == IntPtr.Zero)
                {
                    return null;
                }

                IntPtr name = Marshal.ReadIntPtr(result);
                return name == IntPtr.Zero ? null : PtrToUtf8(name);
            }
            finally
            {
                Marshal.FreeHGlobal(buffer);
                Marshal.FreeHGlobal(pwd);
            }
        }

        private static unsafe string PtrToUtf8(IntPtr p)
        {
            byte* b = (byte*)p;
            int len = 0;
            while (b[len] != 0)
            {
                len++;
            }

            return Encoding.UTF8.GetString(b, len);
        }
    }
}
