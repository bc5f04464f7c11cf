using System;
using System.Runtime.InteropServices;
using GoEnvTools.Linux;
using GoEnvTools.MacOS;
using GoEnvTools.Windows;
using Xunit;

namespace GoEnvTools.Tests.Processes
{
    /// <summary>Which provider each platform gets: the choice is a function of the platform alone.</summary>
    public sealed class ProcessProvidersTests
    {
        [Fact]
        public void Linux_GetsTheProcFileSystemProvider()
        {
            IProcessProvider provider = ProcessProviders.CreateFor(OSPlatform.Linux);

            Assert.IsType<LinuxProcessProvider>(provider);
            Assert.False(provider.EnvironmentIgnoresCase);
        }

        [Fact]
        public void MacOS_GetsTheSysctlProvider()
        {
            // Constructing it only calls getuid(), which Linux's libc has too; nothing macOS-only runs here.
            IProcessProvider provider = ProcessProviders.CreateFor(OSPlatform.OSX);

            Assert.IsType<MacOSProcessProvider>(provider);
            Assert.False(provider.EnvironmentIgnoresCase);
        }

        [Fact]
        public void Windows_GetsTheWindowsProvider_WithCaseInsensitiveNamesAndNoUserIds()
        {
            // Creating it calls nothing of Windows: the native calls start with the first question.
            IProcessProvider provider = ProcessProviders.CreateFor(OSPlatform.Windows);

            Assert.IsType<WindowsProcessProvider>(provider);
            Assert.True(provider.EnvironmentIgnoresCase);
            Assert.Null(provider.CurrentUserId);
        }

        [Fact]
        public void OtherSystems_AreNotSupported()
        {
            var error = Assert.Throws<PlatformNotSupportedException>(() => ProcessProviders.CreateFor(OSPlatform.FreeBSD));

            Assert.Contains("FREEBSD", error.Message, StringComparison.OrdinalIgnoreCase);
            Assert.Contains("Linux, macOS and Windows", error.Message);
        }

        [Fact]
        public void Current_OnThisMachine_IsTheLinuxProvider()
        {
            Assert.True(RuntimeInformation.IsOSPlatform(OSPlatform.Linux), "These tests run on Linux.");
            Assert.IsType<LinuxProcessProvider>(ProcessProviders.Current);
        }
    }
}
