using System;
using System.Runtime.InteropServices;
using System.Text;

namespace GoEnvTools
{
    /// <summary>
    /// The user database through getpwuid_r, which Linux and macOS both have. Only the place of pw_shell in
    /// struct passwd differs: glibc and musl have pw_name, pw_passwd, two 32-bit ids, pw_gecos, pw_dir, pw_shell;
    /// macOS's &lt;pwd.h&gt; has pw_name, pw_passwd, two 32-bit ids, pw_change (time_t), pw_class, pw_gecos, pw_dir,
    /// pw_shell, pw_expire.
    /// </summary>
    internal static class PosixPasswd
    {
        /// <summary>struct passwd starts with char *pw_name everywhere.</summary>
        public const int NameOffset = 0;

        [DllImport("libc", EntryPoint = "getpwuid_r")]
        private static extern int GetPwUidR(uint uid, IntPtr pwd, IntPtr buffer, IntPtr bufferLength, out IntPtr result);

        [DllImport("libc", EntryPoint = "getuid")]
        private static extern uint GetUid();

        /// <summary>The byte offset of pw_shell for <paramref name="platform"/> with pointers of <paramref name="pointerSize"/> bytes.</summary>
        public static int ShellOffset(OSPlatform platform, int pointerSize) =>
            platform == OSPlatform.OSX
                ? (6 * pointerSize) + 8   // time_t pw_change is as wide as a pointer on both macOS ABIs
                : (4 * pointerSize) + 8;

        /// <summary>The login shell of the calling user on Linux and macOS; null elsewhere or without an entry.</summary>
        public static string? CurrentUserLoginShell()
        {
            if (RuntimeInformation.IsOSPlatform(OSPlatform.Linux))
            {
                return Field(GetUid(), ShellOffset(OSPlatform.Linux, IntPtr.Size));
            }

            if (RuntimeInformation.IsOSPlatform(OSPlatform.OSX))
            {
                return Field(GetUid(), ShellOffset(OSPlatform.OSX, IntPtr.Size));
            }

            return null;
        }

        /// <summary>The string pointer at <paramref name="offset"/> of the passwd entry of <paramref name="uid"/>, or null.</summary>
        public static string? Field(uint uid, int offset)
        {
            // 256 bytes covers the struct itself.
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

                IntPtr text = Marshal.ReadIntPtr(result, offset);
                return text == IntPtr.Zero ? null : PtrToUtf8(text);
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
