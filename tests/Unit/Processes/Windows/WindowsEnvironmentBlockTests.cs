using System.Collections.Generic;
using System.Collections.Specialized;
using System.Linq;
using GoEnvTools.Tests.Support;
using GoEnvTools.Windows;
using Xunit;

namespace GoEnvTools.Tests.Processes.Windows
{
    public sealed class WindowsEnvironmentBlockTests
    {
        private static List<EnvironmentEntry> Parse(string fixture)
        {
            byte[] data = FixtureFiles.Read("windows/" + fixture);
            return WindowsEnvironmentBlock.Parse(data, data.Length);
        }

        private static string[] Texts(IEnumerable<EnvironmentEntry> entries) => entries.Select(e => e.ToString()).ToArray();

        [Fact]
        public void DriveEntries_KeepTheirLeadingEqualsInTheName()
        {
            List<EnvironmentEntry> entries = Parse("env-drive-and-duplicates.bin");

            Assert.Equal(new[] { "=::", "=C:", "=D:", "=ExitCode", "Path", "PATH", "GOROOT" }, entries.Select(e => e.Name).ToArray());
            Assert.Equal(@"::\", entries[0].Value);
            Assert.Equal(@"C:\src", entries[1].Value);
            Assert.Equal("00000001", entries[3].Value);
        }

        [Fact]
        public void Dictionary_HidesDriveEntriesUnlessAsked_AndKeepsTheFirstOfPathAndPATH()
        {
            List<EnvironmentEntry> entries = Parse("env-drive-and-duplicates.bin");

            OrderedDictionary hidden = EnvironmentBlock.ToDictionary(entries, ignoreCase: true);
            OrderedDictionary shown = EnvironmentBlock.ToDictionary(entries, ignoreCase: true, includeDriveVariables: true);

            Assert.Equal(new[] { "Path", "GOROOT" }, hidden.Keys.Cast<string>().ToArray());
            Assert.Equal(@"C:\Go\bin", hidden["PATH"]);
            Assert.Equal(new[] { "=::", "=C:", "=D:", "=ExitCode", "Path", "GOROOT" }, shown.Keys.Cast<string>().ToArray());
            Assert.Equal(@"C:\src", shown["=c:"]);
        }

        [Fact]
        public void Dictionary_CaseSensitive_KeepsPathAndPATHApart()
        {
            OrderedDictionary linuxStyle = EnvironmentBlock.ToDictionary(Parse("env-drive-and-duplicates.bin"), ignoreCase: false);

            Assert.Equal(@"C:\Go\bin", linuxStyle["Path"]);
            Assert.Equal(@"C:\other", linuxStyle["PATH"]);
        }

        [Fact]
        public void OddByteCount_IgnoresTheStrayByte()
        {
            Assert.Equal(new[] { "A=1", "B=2" }, Texts(Parse("env-odd-length.bin")));
        }

        [Fact]
        public void UnpairedSurrogate_IsKeptAsTheProcessHoldsIt()
        {
            List<EnvironmentEntry> entries = Parse("env-unpaired-surrogate.bin");

            Assert.Equal(new[] { "LONE", "PAIR", "AFTER" }, entries.Select(e => e.Name).ToArray());
            Assert.Equal("a\uD83Db", entries[0].Value);
            Assert.Equal("\uD83D\uDE00", entries[1].Value);
            Assert.Equal("ok", entries[2].Value);
        }

        [Fact]
        public void MissingFinalTerminator_KeepsTheLastEntry()
        {
            Assert.Equal(new[] { "FIRST=1", "SECOND=2", "LAST=3" }, Texts(Parse("env-no-final-terminator.bin")));
        }

        [Fact]
        public void EmptyBlock_HasNoEntries()
        {
            Assert.Empty(Parse("env-empty.bin"));
        }

        [Fact]
        public void EntryWithoutEquals_HasNoValue()
        {
            byte[] data = WindowsFixtureGenerator.Block(new[] { "LONELY", "=", "X=" }, terminated: true);

            List<EnvironmentEntry> entries = WindowsEnvironmentBlock.Parse(data, data.Length);

            Assert.Equal(new EnvironmentEntry("LONELY", null), entries[0]);
            // "=" alone: the '=' is the name's first character, so there is no separator.
            Assert.Equal(new EnvironmentEntry("=", null), entries[1]);
            Assert.Equal(new EnvironmentEntry("X", string.Empty), entries[2]);
        }

        [Theory]
        [InlineData("env-drive-and-duplicates.bin")]
        [InlineData("env-unpaired-surrogate.bin")]
        public void FindEnd_IsTheWholeTerminatedBlock(string fixture)
        {
            byte[] data = FixtureFiles.Read("windows/" + fixture);

            Assert.Equal(data.Length, WindowsEnvironmentBlock.FindEnd(data, data.Length));
            Assert.Equal(-1, WindowsEnvironmentBlock.FindEnd(data, data.Length - 2));
        }

        [Fact]
        public void FindEnd_OfAnEmptyBlock_IsItsFirstTerminator()
        {
            byte[] data = FixtureFiles.Read("windows/env-empty.bin");

            Assert.Equal(2, WindowsEnvironmentBlock.FindEnd(data, data.Length));
        }

        [Fact]
        public void FindEnd_WithoutTerminator_IsMinusOne()
        {
            byte[] data = FixtureFiles.Read("windows/env-no-final-terminator.bin");

            Assert.Equal(-1, WindowsEnvironmentBlock.FindEnd(data, data.Length));
        }
    }
}
