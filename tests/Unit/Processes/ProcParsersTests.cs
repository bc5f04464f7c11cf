using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using GoEnvTools.Linux;
using GoEnvTools.Tests.Support;
using Xunit;

namespace GoEnvTools.Tests.Processes
{
    public sealed class ProcParsersTests
    {
        private static ProcStat ParseStatFixture(string name)
        {
            byte[] data = FixtureFiles.Read("proc/" + name);
            return ProcParsers.ParseStat(data, data.Length);
        }

        /// <summary>
        /// The provider reuses one buffer, so a record is followed by whatever an earlier, longer read left behind.
        /// The filler holds the bytes the parsers search for, to catch any that look past <c>length</c>.
        /// </summary>
        private static byte[] InOversizedBuffer(byte[] data, byte filler)
        {
            byte[] buffer = Enumerable.Repeat(filler, data.Length + 64).ToArray();
            Array.Copy(data, buffer, data.Length);
            return buffer;
        }

        private static byte[] Bytes(string text) => Encoding.UTF8.GetBytes(text);

        // ---- stat ----

        [Fact]
        public void ParseStat_NormalRecord_ReadsNameStateParentFlagsAndStartTime()
        {
            ProcStat stat = ParseStatFixture("stat-normal");

            Assert.Equal("gopls", stat.Name);
            Assert.Equal('S', stat.State);
            Assert.Equal(4100, stat.ParentProcessId);
            Assert.Equal(0x00400100u, stat.Flags);
            Assert.Equal(987654ul, stat.StartTimeTicks);
            Assert.Equal(1291845632ul, stat.VirtualMemoryBytes);
            Assert.False(stat.IsZombie);
            Assert.False(stat.IsKernelThread);
        }

        [Fact]
        public void ParseStat_NameWithSpacesAndParentheses_EndsAtTheLastParenthesis()
        {
            ProcStat stat = ParseStatFixture("stat-paren-name");

            Assert.Equal("(a) b (c)", stat.Name);
            Assert.Equal('R', stat.State);
            Assert.Equal(1, stat.ParentProcessId);
            Assert.Equal(555ul, stat.StartTimeTicks);
        }

        [Fact]
        public void ParseStat_Zombie_IsZombie()
        {
            ProcStat stat = ParseStatFixture("stat-zombie");

            Assert.Equal('Z', stat.State);
            Assert.True(stat.IsZombie);
            Assert.False(stat.IsKernelThread);
            Assert.Equal(5150, stat.ParentProcessId);
        }

        [Fact]
        public void ParseStat_DeadState_CountsAsZombie()
        {
            byte[] data = FakeProcTree.StatLine(77, "dying", 'X', 1, 0, 10);

            Assert.True(ProcParsers.ParseStat(data, data.Length).IsZombie);
        }

        [Fact]
        public void ParseStat_KernelThread_HasTheKthreadFlag()
        {
            ProcStat stat = ParseStatFixture("stat-kthread");

            Assert.Equal("kthreadd", stat.Name);
            Assert.Equal(0, stat.ParentProcessId);
            Assert.True(stat.IsKernelThread);
            Assert.False(stat.IsZombie);
        }

        [Fact]
        public void ParseStat_MalformedFixture_ThrowsFormatException()
        {
            byte[] data = FixtureFiles.Read("proc/stat-malformed");

            Assert.Throws<FormatException>(() => ProcParsers.ParseStat(data, data.Length));
        }

        [Theory]
        [InlineData("")]
        [InlineData("1234 gopls S 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16 17 18 19 20")]
        [InlineData("1234 (gopls S 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16 17 18 19 20")]
        [InlineData("1234 gopls) S 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16 17 18 19 20")]
        [InlineData("1234 (gopls) SS 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16 17 18 19 20")]
        [InlineData("1234 (gopls) S parent 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16 17 18 19 20")]
        public void ParseStat_BrokenRecord_ThrowsFormatException(string record)
        {
            byte[] data = Bytes(record);

            Assert.Throws<FormatException>(() => ProcParsers.ParseStat(data, data.Length));
        }

        [Fact]
        public void ParseStat_ReadsOnlyUpToLength()
        {
            byte[] record = FixtureFiles.Read("proc/stat-paren-name");
            byte[] buffer = InOversizedBuffer(record, (byte)')');

            ProcStat stat = ProcParsers.ParseStat(buffer, record.Length);

            Assert.Equal("(a) b (c)", stat.Name);
            Assert.Equal(555ul, stat.StartTimeTicks);
        }

        // ---- cmdline ----

        [Fact]
        public void ParseCmdline_NulSeparatedWithTrailingNul_GivesEachArgument()
        {
            byte[] data = FixtureFiles.Read("proc/cmdline-nul");

            Assert.Equal(new[] { "/home/gopher/go/bin/gopls", "-mode=stdio", "serve" }, ProcParsers.ParseCmdline(data, data.Length));
        }

        [Fact]
        public void ParseCmdline_KeepsEmptyArgumentsInTheMiddle()
        {
            byte[] data = Bytes("prog\0\0last\0");

            Assert.Equal(new[] { "prog", string.Empty, "last" }, ProcParsers.ParseCmdline(data, data.Length));
        }

        [Fact]
        public void ParseCmdline_KeepsSpacesInsideNulSeparatedArguments()
        {
            byte[] data = Bytes("/opt/My Tools/gopls\0-logfile=/tmp/a b.log\0");

            Assert.Equal(new[] { "/opt/My Tools/gopls", "-logfile=/tmp/a b.log" }, ProcParsers.ParseCmdline(data, data.Length));
        }

        [Fact]
        public void ParseCmdline_RewrittenWithoutNuls_SplitsOnSpaces()
        {
            byte[] data = FixtureFiles.Read("proc/cmdline-electron");

            Assert.Equal(
                new[] { "/usr/share/code/code", "--type=utility", "--utility-sub-type=node.mojom.NodeService", "--lang=en-US" },
                ProcParsers.ParseCmdline(data, data.Length));
        }

        [Fact]
        public void ParseCmdline_RewrittenWithNulPadding_SplitsOnSpaces()
        {
            byte[] data = Bytes("/usr/share/code/code --type=utility  --inspect-port=0\0\0\0\0");

            Assert.Equal(new[] { "/usr/share/code/code", "--type=utility", "--inspect-port=0" }, ProcParsers.ParseCmdline(data, data.Length));
        }

        [Fact]
        public void ParseCmdline_SingleArgumentWithoutSpaces_IsKept()
        {
            byte[] data = Bytes("/usr/bin/gopls");

            Assert.Equal(new[] { "/usr/bin/gopls" }, ProcParsers.ParseCmdline(data, data.Length));
        }

        [Fact]
        public void ParseCmdline_Empty_GivesNoArguments()
        {
            byte[] data = FixtureFiles.Read("proc/cmdline-empty");

            Assert.Empty(ProcParsers.ParseCmdline(data, data.Length));
            Assert.Empty(ProcParsers.ParseCmdline(new byte[] { 0, 0 }, 2));
        }

        [Fact]
        public void ParseCmdline_ReadsOnlyUpToLength()
        {
            byte[] data = FixtureFiles.Read("proc/cmdline-nul");
            byte[] buffer = InOversizedBuffer(data, (byte)'x');

            Assert.Equal(new[] { "/home/gopher/go/bin/gopls", "-mode=stdio", "serve" }, ProcParsers.ParseCmdline(buffer, data.Length));
        }

        // ---- environ ----

        [Fact]
        public void ParseEnviron_MixedFixture_KeepsRawEntriesInOrderUpToTheDoubleNul()
        {
            byte[] data = FixtureFiles.Read("proc/environ-mixed");

            List<EnvironmentEntry> entries = ProcParsers.ParseEnviron(data, data.Length);

            Assert.Equal(
                new (string, string?)[]
                {
                    ("PATH", "/usr/local/go/bin:/usr/bin"),
                    ("NOVALUE", null),
                    (string.Empty, "startswithequals"),
                    ("LATIN1", "caf\uFFFD"),
                    ("GREETING", "h\u00E9llo"),
                    ("GOFLAGS", "-tags=integration -ldflags=-X=main.v=1"),
                    ("EMPTY", string.Empty),
                    ("HOME", "/home/gopher"),
                },
                entries.Select(e => (e.Name, e.Value)).ToArray());
        }

        [Fact]
        public void ParseEnviron_BytesAfterTheDoubleNul_AreIgnored()
        {
            byte[] data = FixtureFiles.Read("proc/environ-mixed");

            List<EnvironmentEntry> entries = ProcParsers.ParseEnviron(data, data.Length);

            Assert.DoesNotContain(entries, e => e.Name == "STALE");
        }

        [Fact]
        public void ParseEnviron_ValueHoldingEquals_SplitsAtTheFirstEquals()
        {
            byte[] data = Bytes("GOFLAGS=-ldflags=-X=a=b\0");

            EnvironmentEntry entry = Assert.Single(ProcParsers.ParseEnviron(data, data.Length));

            Assert.Equal("GOFLAGS", entry.Name);
            Assert.Equal("-ldflags=-X=a=b", entry.Value);
        }

        [Fact]
        public void ParseEnviron_InvalidUtf8InName_BecomesReplacementCharacter()
        {
            byte[] data = { (byte)'K', 0xFF, (byte)'=', (byte)'v', 0 };

            EnvironmentEntry entry = Assert.Single(ProcParsers.ParseEnviron(data, data.Length));

            Assert.Equal("K\uFFFD", entry.Name);
            Assert.Equal("v", entry.Value);
        }

        [Fact]
        public void ParseEnviron_LastEntryWithoutTerminator_IsKept()
        {
            byte[] data = Bytes("A=1\0B=2");

            Assert.Equal(new[] { "A=1", "B=2" }, ProcParsers.ParseEnviron(data, data.Length).Select(e => e.ToString()));
        }

        [Fact]
        public void ParseEnviron_Empty_GivesNoEntries()
        {
            byte[] data = FixtureFiles.Read("proc/environ-empty");

            Assert.Empty(ProcParsers.ParseEnviron(data, data.Length));
            Assert.Empty(ProcParsers.ParseEnviron(new byte[] { 0, (byte)'A', (byte)'=', (byte)'1', 0 }, 5));
        }

        [Fact]
        public void ParseEnviron_ReadsOnlyUpToLength()
        {
            byte[] data = Bytes("A=1\0B=2\0");
            byte[] buffer = InOversizedBuffer(data, (byte)'=');

            Assert.Equal(new[] { "A=1", "B=2" }, ProcParsers.ParseEnviron(buffer, data.Length).Select(e => e.ToString()));
        }

        // ---- exe, status, /proc/stat ----

        [Theory]
        [InlineData("/home/gopher/go/bin/gopls (deleted)", "/home/gopher/go/bin/gopls")]
        [InlineData("/home/gopher/go/bin/gopls", "/home/gopher/go/bin/gopls")]
        [InlineData("/opt/odd (deleted) name/gopls", "/opt/odd (deleted) name/gopls")]
        [InlineData("/usr/bin/gopls (deleted) (deleted)", "/usr/bin/gopls (deleted)")]
        [InlineData("/usr/bin/gopls(deleted)", "/usr/bin/gopls(deleted)")]
        public void ParseExeLink_StripsOneTrailingDeletedMarker(string target, string expected)
        {
            Assert.Equal(expected, ProcParsers.ParseExeLink(target));
        }

        [Fact]
        public void ParseStatusRealUid_TakesTheFirstNumberOfTheUidLine()
        {
            byte[] data = FixtureFiles.Read("proc/status-uid");

            Assert.Equal(1000, ProcParsers.ParseStatusRealUid(data, data.Length));
        }

        [Theory]
        [InlineData("Name:\tx\nGid:\t5\t5\t5\t5\n")]
        [InlineData("Uid:\n")]
        [InlineData("Uid:\tnobody\n")]
        [InlineData("")]
        public void ParseStatusRealUid_NoUsableUidLine_GivesNull(string status)
        {
            byte[] data = Bytes(status);

            Assert.Null(ProcParsers.ParseStatusRealUid(data, data.Length));
        }

        [Fact]
        public void ParseBootTime_ReadsTheBtimeLine()
        {
            byte[] data = FixtureFiles.Read("proc/proc-stat");

            Assert.Equal(1_700_000_000L, ProcParsers.ParseBootTime(data, data.Length));
        }

        [Fact]
        public void ParseBootTime_WithoutBtime_ThrowsFormatException()
        {
            byte[] data = Bytes("cpu  1 2 3\nctxt 5\nbtimes 12\n");

            Assert.Throws<FormatException>(() => ProcParsers.ParseBootTime(data, data.Length));
        }

        [Fact]
        public void ToStartTime_AddsTicksToBootTime()
        {
            DateTime start = ProcParsers.ToStartTime(1_700_000_000, 12_345, 100);

            // 1700000000 is 2023-11-14 22:13:20 UTC; 12345 ticks at 100 per second add 123.45 s. The sum is a
            // double, so allow for its rounding.
            Assert.Equal(DateTimeKind.Local, start.Kind);
            TimeSpan error = start.ToUniversalTime() - new DateTime(2023, 11, 14, 22, 15, 23, 450, DateTimeKind.Utc);
            Assert.InRange(error.Duration(), TimeSpan.Zero, TimeSpan.FromMilliseconds(1));
        }

        [Fact]
        public void ToStartTime_HonoursTheTickRate()
        {
            DateTime at100 = ProcParsers.ToStartTime(0, 1000, 100);
            DateTime at250 = ProcParsers.ToStartTime(0, 1000, 250);

            Assert.InRange((at100 - at250 - TimeSpan.FromSeconds(6)).Duration(), TimeSpan.Zero, TimeSpan.FromMilliseconds(1));
        }

        [Theory]
        [InlineData("1", 1)]
        [InlineData("4242", 4242)]
        [InlineData("4194304", 4194304)]
        [InlineData("2147483647", int.MaxValue)]
        public void TryParsePid_Digits_GivesThePid(string name, int expected)
        {
            Assert.True(ProcParsers.TryParsePid(name, out int pid));
            Assert.Equal(expected, pid);
        }

        [Theory]
        [InlineData("")]
        [InlineData("self")]
        [InlineData("thread-self")]
        [InlineData("12a")]
        [InlineData("-1")]
        [InlineData("+1")]
        [InlineData(" 12")]
        [InlineData("2147483648")]
        [InlineData("99999999999")]
        [InlineData("\u0663")]
        public void TryParsePid_AnythingElse_IsRejected(string name)
        {
            Assert.False(ProcParsers.TryParsePid(name, out _));
        }
    }
}
