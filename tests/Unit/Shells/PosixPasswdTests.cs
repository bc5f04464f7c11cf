using System;
using System.IO;
using System.Linq;
using System.Runtime.InteropServices;
using Xunit;

namespace GoEnvTools.Tests.Shells
{
    /// <summary>
    /// The login shell from getpwuid_r. Linux is checked against the real user database; macOS only through the
    /// pw_shell offset, which the fixture generator derives from macOS's &lt;pwd.h&gt; (see MacOSParsersTests).
    /// </summary>
    public sealed class PosixPasswdTests
    {
        [SkippableFact]
        public void Linux_ShellOfRoot_IsTheSeventhFieldOfEtcPasswd()
        {
            Skip.IfNot(OperatingSystem.IsLinux(), "getpwuid_r of glibc.");
            string? line = File.ReadAllLines("/etc/passwd").FirstOrDefault(l => l.StartsWith("root:", StringComparison.Ordinal));
            Skip.If(line is null, "No root entry in /etc/passwd (a directory service answers instead).");

            string expected = line!.Split(':')[6];

            Assert.Equal(expected, PosixPasswd.Field(0, PosixPasswd.ShellOffset(OSPlatform.Linux, IntPtr.Size)));
            Assert.Equal("root", PosixPasswd.Field(0, PosixPasswd.NameOffset));
        }

        [SkippableFact]
        public void Linux_CurrentUserLoginShell_IsTheSameAsBefore()
        {
            Skip.IfNot(OperatingSystem.IsLinux(), "getpwuid_r of glibc.");

            Assert.Equal(Linux.LinuxNative.LoginShellOf(Linux.LinuxNative.GetUid()), PosixPasswd.CurrentUserLoginShell());
        }

        [Theory]
        [InlineData(8, 56, 40)]
        [InlineData(4, 32, 24)]
        public void ShellOffset_DiffersBetweenMacOSAndLinux(int pointerSize, int macOS, int linux)
        {
            Assert.Equal(macOS, PosixPasswd.ShellOffset(OSPlatform.OSX, pointerSize));
            Assert.Equal(linux, PosixPasswd.ShellOffset(OSPlatform.Linux, pointerSize));
        }

        [SkippableFact]
        public void NoUserDatabase_OnAnUnknownUid_IsNull()
        {
            Skip.IfNot(OperatingSystem.IsLinux() || OperatingSystem.IsMacOS(), "getpwuid_r is POSIX.");

            Assert.Null(PosixPasswd.Field(987654u, PosixPasswd.NameOffset));
        }
    }
}
