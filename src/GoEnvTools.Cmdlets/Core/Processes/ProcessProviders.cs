using System;
using System.Runtime.InteropServices;
using GoEnvTools.Linux;
using GoEnvTools.MacOS;

namespace GoEnvTools
{
    /// <summary>Chooses the process provider of the running OS, once.</summary>
    public static class ProcessProviders
    {
        private static readonly Lazy<IProcessProvider> s_current = new Lazy<IProcessProvider>(Create);

        public static IProcessProvider Current => s_current.Value;

        private static IProcessProvider Create()
        {
            foreach (OSPlatform platform in new[] { OSPlatform.Linux, OSPlatform.OSX })
            {
                if (RuntimeInformation.IsOSPlatform(platform))
                {
                    return CreateFor(platform);
                }
            }

            throw new PlatformNotSupportedException(
                $"GoEnvTools cannot read processes on {RuntimeInformation.OSDescription} yet: only Linux and macOS have a process provider in this version.");
        }

        /// <summary>The provider for <paramref name="platform"/>: the whole choice, apart from asking which OS runs.</summary>
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

            throw new PlatformNotSupportedException($"GoEnvTools has no process provider for {platform} in this version.");
        }
    }
}
