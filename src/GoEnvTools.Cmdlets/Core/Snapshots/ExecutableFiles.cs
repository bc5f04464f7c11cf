using System.IO;
using System.Runtime.InteropServices;

namespace GoEnvTools
{
    /// <summary>The production file-system seam of go lookups on this machine.</summary>
    public static class ExecutableFiles
    {
        private const int X_OK = 1;

        /// <summary>An existing file (not a folder) that may be executed: on Windows any existing file, since PATHEXT decides.</summary>
        public static bool IsExecutable(string path)
        {
            if (!File.Exists(path))
            {
                return false;
            }

            return RuntimeInformation.IsOSPlatform(OSPlatform.Windows) || Access(path, X_OK) == 0;
        }

        [DllImport("libc", EntryPoint = "access", SetLastError = true)]
        private static extern int Access([MarshalAs(UnmanagedType.LPStr)] string path, int mode);
    }
}
