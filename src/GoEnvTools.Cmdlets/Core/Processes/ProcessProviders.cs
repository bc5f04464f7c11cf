using System;
using System.Runtime.InteropServices;
using GoEnvTools.Linux;

namespace GoEnvTools
{
    /// <summary>Chooses the process provider of the running OS, once.</summary>
    public static class ProcessProviders
    {
        private static readonly Lazy<IProcessProvider> s_current = new Lazy<IProcessProvider>(Create);

        public static IProcessProvider Current => s_current.Value;

        private static IProcessProvider Create()
        {
            if (RuntimeInformation.IsOSPlatform(OSPlatform.Linux))
            {
                return new LinuxProcessProvider();
            }

            throw new PlatformNotSupportedException(
                $"GoEnvTools cannot read processes on {RuntimeInformation.OSDescription} yet: only Linux has a process provider in this version.");
        }
    }
}
