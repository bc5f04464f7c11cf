using Xunit;

namespace GoEnvTools.Tests.Shells
{
    public sealed class ShellInvocationTests
    {
        [Theory]
        [InlineData("/bin/bash", ShellFamily.Posix)]
        [InlineData("/usr/bin/zsh", ShellFamily.Posix)]
        [InlineData("dash", ShellFamily.Posix)]
        [InlineData("/usr/bin/fish", ShellFamily.Fish)]
        [InlineData("/bin/tcsh", ShellFamily.Csh)]
        [InlineData("/bin/csh", ShellFamily.Csh)]
        [InlineData("/opt/microsoft/powershell/7/pwsh", ShellFamily.PowerShell)]
        [InlineData("pwsh-preview", ShellFamily.PowerShell)]
        public void FamilyOf_GroupsShellsAsVsCodeDoes(string shell, ShellFamily expected)
        {
            Assert.Equal(expected, ShellInvocation.FamilyOf(shell));
        }

        [Theory]
        [InlineData(ShellFamily.Posix, true, true, "-i -l -c")]
        [InlineData(ShellFamily.Posix, false, true, "-i -c")]
        [InlineData(ShellFamily.Posix, true, false, "-l -c")]
        [InlineData(ShellFamily.Posix, false, false, "-c")]
        [InlineData(ShellFamily.Fish, true, true, "-i -l -c")]
        [InlineData(ShellFamily.Csh, true, true, "-ic")]
        [InlineData(ShellFamily.Csh, false, true, "-ic")]
        [InlineData(ShellFamily.Csh, true, false, "-c")]
        [InlineData(ShellFamily.PowerShell, true, true, "-Login -Command")]
        [InlineData(ShellFamily.PowerShell, false, true, "-Command")]
        public void Options_AreVsCodesLessWhatIsDropped(ShellFamily family, bool login, bool interactive, string expected)
        {
            Assert.Equal(expected, string.Join(" ", ShellInvocation.Options(family, login, interactive)));
        }

        [Fact]
        public void NewMarker_IsTwelveLowercaseHexDigits_AndDiffersEachTime()
        {
            string first = ShellInvocation.NewMarker();
            string second = ShellInvocation.NewMarker();

            Assert.Matches("^[0-9a-f]{12}$", first);
            Assert.NotEqual(first, second);
        }

        [Fact]
        public void Command_IsOneSimpleCommand_WhenTheDumperPrintsTheMarkers()
        {
            var dumper = new EnvironmentDumper("/usr/bin/cat", new[] { "/tmp/m", "/proc/self/environ", "/tmp/m" }, printsMarkers: true);

            Assert.Equal("'/usr/bin/cat' '/tmp/m' '/proc/self/environ' '/tmp/m'", ShellInvocation.Command(ShellFamily.Posix, "abc", dumper));
            Assert.Equal("& '/usr/bin/cat' '/tmp/m' '/proc/self/environ' '/tmp/m'", ShellInvocation.Command(ShellFamily.PowerShell, "abc", dumper));
        }

        [Fact]
        public void Command_PrintsTheMarkersAround_ADumperThatDoesNot()
        {
            var dumper = new EnvironmentDumper("/usr/bin/env", new[] { "-0" }, printsMarkers: false);

            Assert.Equal("printf '%s' abc; '/usr/bin/env' '-0'; printf '%s' abc", ShellInvocation.Command(ShellFamily.Posix, "abc", dumper));
            Assert.Equal("[Console]::Out.Write('abc'); & '/usr/bin/env' '-0'; [Console]::Out.Write('abc')", ShellInvocation.Command(ShellFamily.PowerShell, "abc", dumper));
        }

        [Theory]
        [InlineData(ShellFamily.Posix, "it's", "'it'\\''s'")]
        [InlineData(ShellFamily.Csh, "it's", "'it'\\''s'")]
        [InlineData(ShellFamily.Fish, "it's a\\b", "'it\\'s a\\\\b'")]
        [InlineData(ShellFamily.PowerShell, "it's", "'it''s'")]
        public void Quote_EscapesSingleQuotesTheWayEachShellReadsThem(ShellFamily family, string text, string expected)
        {
            Assert.Equal(expected, ShellInvocation.Quote(family, text));
        }

        [Theory]
        [InlineData("/usr/bin/zsh", "zsh -x -i -l -c exit")]
        [InlineData("/usr/bin/bash", "bash -x -i -l -c exit")]
        [InlineData("/usr/bin/fish", "fish --profile-startup")]
        public void TraceHint_NamesAWayToFindTheSlowFile(string shell, string expected)
        {
            ShellFamily family = ShellInvocation.FamilyOf(shell);

            Assert.Contains(expected, ShellInvocation.TraceHint(shell, family, ShellInvocation.Options(family, true, true)), System.StringComparison.Ordinal);
        }
    }
}
