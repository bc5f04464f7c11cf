using System;
using System.Collections.Generic;
using System.Linq;
using System.Runtime.InteropServices;
using System.Text;
using System.Text.Json;
using GoEnvTools.MacOS;
using GoEnvTools.Tests.Support;
using Xunit;

namespace GoEnvTools.Tests.Processes
{
    /// <summary>
    /// The macOS parsers over fixtures that make_fixtures.py built from the SDK's structure layouts. No Mac is
    /// involved: these show the parsers agree with the documented layouts, not with a running macOS.
    /// </summary>
    public sealed class MacOSParsersTests
    {
        private static readonly DateTime Boot = new DateTime(2024, 11, 27, 7, 0, 0, DateTimeKind.Utc);

        private static JsonElement Layouts() =>
            JsonDocument.Parse(FixtureFiles.Read("macos/layouts.json")).RootElement;

        private static ProcArgs ParseArgs(string fixture)
        {
            byte[] data = FixtureFiles.Read("macos/" + fixture);
            return MacOSParsers.ParseProcArgs2(data, data.Length);
        }

        private static string[] Pairs(IEnumerable<EnvironmentEntry> entries) => entries.Select(e => e.ToString()).ToArray();

        [Fact]
        public void KinfoProcOffsets_MatchTheLayoutTheCompilerRulesGive()
        {
            JsonElement k = Layouts().GetProperty("kinfo_proc");

            Assert.Equal(KinfoProcLayout.Size, k.GetProperty("size").GetInt32());
            Assert.Equal(648, KinfoProcLayout.Size);
            Assert.Equal(KinfoProcLayout.StartSeconds, k.GetProperty("p_starttime.tv_sec").GetInt32());
            Assert.Equal(KinfoProcLayout.StartMicroseconds, k.GetProperty("p_starttime.tv_usec").GetInt32());
            Assert.Equal(KinfoProcLayout.State, k.GetProperty("p_stat").GetInt32());
            Assert.Equal(KinfoProcLayout.ProcessId, k.GetProperty("p_pid").GetInt32());
            Assert.Equal(KinfoProcLayout.Command, k.GetProperty("p_comm").GetInt32());
            Assert.Equal(KinfoProcLayout.CommandSize, k.GetProperty("p_comm.size").GetInt32());
            Assert.Equal(KinfoProcLayout.RealUserId, k.GetProperty("e_pcred.p_ruid").GetInt32());
            Assert.Equal(KinfoProcLayout.EffectiveUserId, k.GetProperty("e_ucred.cr_uid").GetInt32());
            Assert.Equal(KinfoProcLayout.ParentProcessId, k.GetProperty("e_ppid").GetInt32());
        }

        [Fact]
        public void PasswdShellOffsets_MatchBothLayouts()
        {
            JsonElement root = Layouts();

            Assert.Equal(root.GetProperty("passwd.macos").GetProperty("pw_shell").GetInt32(), PosixPasswd.ShellOffset(OSPlatform.OSX, 8));
            Assert.Equal(root.GetProperty("passwd.glibc").GetProperty("pw_shell").GetInt32(), PosixPasswd.ShellOffset(OSPlatform.Linux, 8));
            Assert.Equal(PosixPasswd.NameOffset, root.GetProperty("passwd.macos").GetProperty("pw_name").GetInt32());
        }

        [Fact]
        public void ProcessTable_ReadsEveryRecord()
        {
            byte[] data = FixtureFiles.Read("macos/kinfo_proc-table.bin");

            List<KinfoProc> table = MacOSParsers.ParseProcessTable(data, data.Length);

            Assert.Equal(new[] { 0, 1, 310, 612, 640, 700, 701, 702, 800 }, table.Select(r => r.ProcessId));
            KinfoProc kernel = table[0];
            Assert.Equal("kernel_task", kernel.Command);
            Assert.Equal(0, kernel.ParentProcessId);
            Assert.Equal(0, kernel.RealUserId);
            Assert.False(kernel.IsZombie);

            KinfoProc gopls = table.Single(r => r.ProcessId == 700);
            Assert.Equal("gopls", gopls.Command);
            Assert.Equal(640, gopls.ParentProcessId);
            Assert.Equal(501, gopls.RealUserId);
            Assert.Equal(Boot.AddSeconds(3700).AddTicks(999_999 * 10L), gopls.StartTimeUtc);
            Assert.Equal(((1732690800L + 3700) * 1_000_000L) + 999_999, gopls.StartToken);
        }

        [Fact]
        public void ProcessTable_CutsNamesAtSixteenBytes_AndSeesZombiesAndEffectiveIds()
        {
            byte[] data = FixtureFiles.Read("macos/kinfo_proc-table.bin");
            List<KinfoProc> table = MacOSParsers.ParseProcessTable(data, data.Length);

            Assert.Equal("Code Helper (Plu", table.Single(r => r.ProcessId == 640).Command);
            Assert.True(table.Single(r => r.ProcessId == 701).IsZombie);
            KinfoProc setuid = table.Single(r => r.ProcessId == 702);
            Assert.Equal(501, setuid.RealUserId);
            Assert.Equal(0, setuid.EffectiveUserId);
        }

        [Theory]
        [InlineData(647)]
        [InlineData(649)]
        public void ProcessTable_NotWholeRecords_IsAFormatError(int length)
        {
            var ex = Assert.Throws<FormatException>(() => MacOSParsers.ParseProcessTable(new byte[1300], length));

            Assert.Contains("648-byte", ex.Message, StringComparison.Ordinal);
        }

        [Fact]
        public void ProcArgs_Normal_GivesArgvAndEnvironmentWithoutKernelStrings()
        {
            ProcArgs args = ParseArgs("procargs2-normal.bin");

            Assert.Equal("/Users/gopher/go/bin/gopls", args.ExecutablePath);
            Assert.Equal(new[] { "/Users/gopher/go/bin/gopls", "-mode=stdio" }, args.Arguments);
            Assert.False(args.Withheld);
            Assert.False(args.Truncated);
            Assert.Equal(
                new[]
                {
                    "PATH=/opt/homebrew/bin:/usr/local/go/bin:/usr/bin:/bin", "HOME=/Users/gopher", "GOFLAGS=-mod=mod",
                    "GOPROXY=https://proxy.golang.org,direct", "VSCODE_CRASH_REPORTER_PROCESS_TYPE=extensionHost", "EMPTY=",
                },
                Pairs(args.Environment!));
            Assert.Contains("ptr_munge=", args.KernelStrings);
        }

        [Fact]
        public void ProcArgs_KernelStringsRightAfterTheEnvironment_AreStillDropped()
        {
            ProcArgs normal = ParseArgs("procargs2-normal.bin");
            ProcArgs joined = ParseArgs("procargs2-apple-no-separator.bin");

            Assert.Equal(Pairs(normal.Environment!), Pairs(joined.Environment!));
            Assert.DoesNotContain(joined.Environment!, e => e.Name == "executable_path" || e.Name == "ptr_munge" || e.Name == "th_port");
            Assert.Equal(9, joined.KernelStrings.Count);
        }

        [Fact]
        public void ProcArgs_Withheld_IsNotAnEmptyEnvironment()
        {
            ProcArgs args = ParseArgs("procargs2-withheld.bin");

            Assert.True(args.Withheld);
            Assert.Null(args.Environment);
            Assert.Equal(new[] { "/System/Applications/Utilities/Terminal.app/Contents/MacOS/Terminal" }, args.Arguments);
        }

        [Fact]
        public void ProcArgs_ReallyEmptyEnvironment_IsEmptyNotWithheld()
        {
            ProcArgs args = ParseArgs("procargs2-empty-env.bin");

            Assert.False(args.Withheld);
            Assert.Empty(args.Environment!);
            Assert.Equal(new[] { "env", "-i", "sleep" }, args.Arguments);
        }

        [Fact]
        public void ProcArgs_ArgcZero_GoesStraightToTheEnvironment()
        {
            ProcArgs args = ParseArgs("procargs2-argc0.bin");

            Assert.Empty(args.Arguments);
            Assert.Equal("/usr/local/bin/noargs", args.ExecutablePath);
            Assert.Equal(new[] { "A=1", "B=2" }, Pairs(args.Environment!));
        }

        [Fact]
        public void ProcArgs_RelativeExecPath_IsKeptAsGiven()
        {
            ProcArgs args = ParseArgs("procargs2-relative-exec.bin");

            Assert.Equal("./bin/gopls", args.ExecutablePath);
            Assert.Equal(new[] { "./bin/gopls", "serve" }, args.Arguments);
            Assert.Equal(new[] { "PWD=/Users/gopher/src/app" }, Pairs(args.Environment!));
        }

        [Fact]
        public void ProcArgs_NonUtf8Value_BecomesReplacementCharacter()
        {
            ProcArgs args = ParseArgs("procargs2-non-utf8.bin");

            Assert.Equal(new[] { "LATIN1=caf\uFFFD", "GREETING=h\u00E9llo", "LANG=en_US.UTF-8" }, Pairs(args.Environment!));
        }

        [Fact]
        public void ProcArgs_EntriesWithoutNameOrEquals_AreKeptRawAndDroppedFromTheDictionary()
        {
            ProcArgs args = ParseArgs("procargs2-odd-entries.bin");

            EnvironmentEntry[] entries = args.Environment!.ToArray();
            Assert.Equal("X", entries[0].Name);
            Assert.Null(entries[0].Value);
            Assert.Equal(string.Empty, entries[1].Name);
            Assert.Equal("foo", entries[1].Value);
            Assert.Equal("b=c", entries[3].Value);

            var dictionary = EnvironmentBlock.ToDictionary(entries, ignoreCase: false);
            Assert.Equal(new[] { "GOPATH", "A" }, dictionary.Keys.Cast<string>());
        }

        [Fact]
        public void ProcArgs_CutInsideTheEnvironment_KeepsWhatCameBeforeTheCut()
        {
            ProcArgs args = ParseArgs("procargs2-truncated-env.bin");

            Assert.True(args.Truncated);
            Assert.False(args.Withheld);
            Assert.Equal(new[] { "PATH", "HOME", "GOFLAGS" }, args.Environment!.Select(e => e.Name));
        }

        [Fact]
        public void ProcArgs_CutInsideArgv_SaysNothingOfTheEnvironment()
        {
            ProcArgs args = ParseArgs("procargs2-truncated-argv.bin");

            Assert.True(args.Truncated);
            Assert.True(args.Withheld);
            Assert.Null(args.Environment);
            Assert.Equal(new[] { "/Users/gopher/go/bin/gopls", "-mode=stdio" }, args.Arguments);
        }

        [Fact]
        public void ProcArgs_UsesOnlyTheReturnedLength()
        {
            byte[] data = FixtureFiles.Read("macos/procargs2-argc0.bin");
            byte[] buffer = new byte[4096];
            data.CopyTo(buffer, 0);
            Encoding.ASCII.GetBytes("STALE=from-an-earlier-read").CopyTo(buffer, data.Length);

            ProcArgs args = MacOSParsers.ParseProcArgs2(buffer, data.Length);

            Assert.Equal(new[] { "A=1", "B=2" }, Pairs(args.Environment!));
        }

        [Theory]
        [InlineData(new byte[] { 1, 0 })]
        [InlineData(new byte[] { 0xFF, 0xFF, 0xFF, 0xFF, (byte)'/', 0 })]
        [InlineData(new byte[] { 0x10, 0, 0, 0, (byte)'/', 0 })]
        public void ProcArgs_ImpossibleArgc_IsAFormatError(byte[] data)
        {
            Assert.Throws<FormatException>(() => MacOSParsers.ParseProcArgs2(data, data.Length));
        }

        [Fact]
        public void WorkingDirectory_IsReadFromTheCurrentDirectoryPath()
        {
            byte[] data = FixtureFiles.Read("macos/vnodepathinfo-cwd.bin");
            JsonElement v = Layouts().GetProperty("proc_vnodepathinfo");

            Assert.Equal(v.GetProperty("size").GetInt32(), data.Length);
            Assert.Equal("/Users/gopher/src/app", MacOSParsers.ParseWorkingDirectory(data, data.Length));
            Assert.Null(MacOSParsers.ParseWorkingDirectory(data, 100));
            Assert.Null(MacOSParsers.ParseWorkingDirectory(new byte[data.Length], data.Length));
        }

        [Fact]
        public void PsTable_ReadsDatesAndCommandsWithSpaces()
        {
            string output = Encoding.UTF8.GetString(FixtureFiles.Read("macos/ps-table.txt"));

            List<PsProcess> rows = MacOSParsers.ParsePsTable(output);

            Assert.Equal(new[] { 0, 1, 612, 640, 700, 99999 }, rows.Select(r => r.ProcessId));
            PsProcess helper = rows.Single(r => r.ProcessId == 640);
            Assert.Equal(612, helper.ParentProcessId);
            Assert.Equal(501, helper.UserId);
            Assert.Equal("Code Helper (Plugin)", helper.Name);
            Assert.StartsWith("/Applications/Visual Studio Code.app/Contents/Frameworks/", helper.Command, StringComparison.Ordinal);
            Assert.Equal(new DateTime(2024, 11, 27, 8, 0, 5), helper.StartTime);
            Assert.Equal(DateTimeKind.Local, helper.StartTime.Kind);

            Assert.Equal(new DateTime(2024, 12, 2, 9, 5, 3), rows.Single(r => r.ProcessId == 700).StartTime);
            Assert.Equal("kernel_task", rows[0].Name);
            PsProcess nobody = rows.Single(r => r.ProcessId == 99999);
            Assert.Equal(-2, nobody.UserId);
            Assert.Equal("nobody thing", nobody.Name);
        }

        [Theory]
        [InlineData("")]
        [InlineData("  PID  PPID   UID STARTED                      COMM")]
        [InlineData("  700   640   501 Mon Dec  2 09:05:03 2024")]
        [InlineData("  700   640   501 Xyz Dec  2 09:05:03 2024 gopls")]
        [InlineData("  abc   640   501 Mon Dec  2 09:05:03 2024 gopls")]
        public void PsTable_LinesOfAnotherShape_AreSkipped(string line)
        {
            Assert.Empty(MacOSParsers.ParsePsTable(line));
        }

        [Fact]
        public void PsEnvironment_SplitsOnSpacesAndGluesWordsWithoutNames()
        {
            string withEnvironment = Encoding.UTF8.GetString(FixtureFiles.Read("macos/ps-command-env.txt"));
            string command = Encoding.UTF8.GetString(FixtureFiles.Read("macos/ps-command.txt"));

            List<EnvironmentEntry>? entries = MacOSParsers.ParsePsEnvironment(withEnvironment, command);

            Assert.Equal(
                new[]
                {
                    "PATH=/opt/homebrew/bin:/usr/bin:/bin", "HOME=/Users/gopher", "GOFLAGS=-mod=mod -tags=integration",
                    "MSG=hello world", "TERM_PROGRAM=vscode",
                },
                Pairs(entries!));
        }

        [Theory]
        [InlineData("/usr/bin/other A=1", "/Users/gopher/go/bin/gopls")]
        [InlineData("/Users/gopher/go/bin/goplsX A=1", "/Users/gopher/go/bin/gopls")]
        public void PsEnvironment_CommandChangedBetweenRuns_IsNull(string withEnvironment, string command)
        {
            Assert.Null(MacOSParsers.ParsePsEnvironment(withEnvironment, command));
        }

        [Fact]
        public void PsEnvironment_NoVariables_IsEmpty()
        {
            Assert.Empty(MacOSParsers.ParsePsEnvironment("/usr/bin/true\n", "/usr/bin/true\n")!);
        }
    }
}
