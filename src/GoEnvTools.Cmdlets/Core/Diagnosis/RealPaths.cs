using System;
using System.IO;
using System.Runtime.InteropServices;

namespace GoEnvTools
{
    /// <summary>A path with every symbolic link resolved, folders included, so two paths of one go compare equal.</summary>
    public static class RealPaths
    {
        public static string Resolve(string path)
        {
            if (RuntimeInformation.IsOSPlatform(OSPlatform.Windows))
            {
                return SettingsFileWriter.ResolveFinalTarget(path);
            }

            IntPtr resolved = RealPath(path, IntPtr.Zero);
            if (resolved == IntPtr.Zero)
            {
                return Path.GetFullPath(path);
            }

            try
            {
                return Marshal.PtrToStringAnsi(resolved) ?? path;
            }
            finally
            {
                Free(resolved);
            }
        }

        [DllImport("libc", EntryPoint = "realpath", SetLastError = true)]
        private static extern IntPtr RealPath([MarshalAs(UnmanagedType.LPStr)] string path, IntPtr resolved);

        [DllImport("libc", EntryPoint = "free")]
        private static extern void Free(IntPtr pointer);
    }
}
