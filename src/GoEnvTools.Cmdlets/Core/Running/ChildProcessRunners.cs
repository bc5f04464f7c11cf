using System;
using System.IO;
using System.Runtime.InteropServices;
using System.Threading;

namespace GoEnvTools
{
    /// <summary>The production runner and file check of the running OS.</summary>
    public static class ChildProcessRunners
    {
        /// <summary>A runner that gives up when <paramref name="cancellation"/> fires (Ctrl+C), killing what it started.</summary>
        public static IChildProcessRunner Create(CancellationToken cancellation)
        {
            return RuntimeInformation.IsOSPlatform(OSPlatform.Windows)
                ? new ManagedChildProcessRunner(cancellation)
                : new PosixChildProcessRunner(cancellation);
        }

        /// <summary>An existing file that may be executed, as a PATH search needs it.</summary>
        public static bool IsExecutableFile(string path)
        {
            if (RuntimeInformation.IsOSPlatform(OSPlatform.Linux) || RuntimeInformation.IsOSPlatform(OSPlatform.OSX))
            {
                return ProcessProviders.Current.IsExecutableFile(path);
            }

            // Elsewhere no provider exists yet; existence is the best this version can check.
            return File.Exists(path);
        }
    }
}
