using System;
using System.Runtime.InteropServices;
using GoEnvTools.Linux;
using GoEnvTools.MacOS;
using GoEnvTools.Windows;

namespace GoEnvTools
{
    /// <summary>Chooses the process provider of the running OS, once.</summary>
    public static class ProcessProviders
    {
        private static readonly Lazy<IProcessProvider> s_current = new Lazy<IProcessProvider>(Create);

        public static IProcessProvider Current => s_current.Value;

        /// <summary>The provider for <paramref name="platform"/>: the whole choice, apart from asking which OS runs.
        /// Every provider is compiled on every OS.</summary>
        public static IProcessProvider CreateFor(OSPlatform platform)
        {
            if (platform == OSPlatform.Linux)
            {
                return new LinuxProcessProvider();
            }

            if (platform == OSPlatform.OSX)
            {
                return new MacOSProcessProvider();
            }

            if (platform == OSPlatform.Windows)
            {
                return new WindowsProcessProvider();
            }

            throw new PlatformNotSupportedException(
                $"GoEnvTools has no process provider for {platform}: it reads processes on Linux, macOS and Windows.");
        }

        private static IProcessProvider Create() =>
            CreateFor(RuntimeInformation.IsOSPlatform(OSPlatform.Windows) ? OSPlatform.Windows
                : RuntimeInformation.IsOSPlatform(OSPlatform.Linux) ? OSPlatform.Linux
                : RuntimeInformation.IsOSPlatform(OSPlatform.OSX) ? OSPlatform.OSX
                : OSPlatform.Create(RuntimeInformation.OSDescription));
    }
}
