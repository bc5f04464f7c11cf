using System;
using System.Runtime.InteropServices;
using GoEnvTools.Linux;
using GoEnvTools.MacOS;
using Xunit;

namespace GoEnvTools.Tests.Processes
{
    /// <summary>Which provider each platform gets: the choice is a function of the platform alone.</summary>
    public sealed class ProcessProvidersTests
    {
        [Fact]
        public void MacOS_GetsTheSysctlProvider()
        {
            // Constructing it only calls getuid(), which Linux's libc has too; nothing macOS-only runs here.
            Assert.IsType<MacOSProcessProvider>(ProcessProviders.CreateFor(OSPlatform.OSX));
        }

        [SkippableFact]
        public void Linux_GetsTheProcProvider()
        {
            Skip.IfNot(OperatingSystem.IsLinux(), "The Linux provider reads /proc when it is created.");

            Assert.IsType<LinuxProcessProvider>(ProcessProviders.CreateFor(OSPlatform.Linux));
            Assert.IsType<LinuxProcessProvider>(ProcessProviders.Current);
        }

        [Fact]
        public void AnOSWithoutAProvider_IsNotSupported()
        {
            var ex = Assert.Throws<PlatformNotSupportedException>(() => ProcessProviders.CreateFor(OSPlatform.FreeBSD));

            Assert.Contains("FREEBSD", ex.Message, StringComparison.OrdinalIgnoreCase);
        }
    }
}
