using System;
using System.IO;
using System.Linq;
using System.Text;
using GoEnvTools.MacOS;
using GoEnvTools.Tests.Support;
using Xunit;

namespace GoEnvTools.Tests.Processes
{
    /// <summary>
    /// The macOS provider's own logic (table, names, ancestry, statuses, the ps fallback) over fixtures through a
    /// fake native layer. No Mac runs these: the real system calls sit in MacOSNative, which CI cannot reach.
    /// </summary>
    public sealed class MacOSProcessProviderTests
    {
        private const int Kernel = 0;
        private const int Mds = 310;
        private const int Electron = 612;
        private const int ExtensionHost = 640;
        private const int Gopls = 700;
        private const int Zombie = 701;
        private const int Terminal = 800;
        private const int Missing = 4242;

        private const string Bundle = "/Applications/Visual Studio Code.app/Contents";
        private const string HelperPath = Bundle + "/Frameworks/Code Helper (Plugin).app/Contents/MacOS/Code Helper (Plugin)";
        private const string GoplsPath = "/Users/gopher/go/bin/gopls";

        private static readonly string PsTableKey = "-axww -o pid=,ppid=,uid=,lstart=,comm=";

        private readonly FakeMacOSNative _native = FakeMacOSNative.FromFixtureTable();

        public MacOSProcessProviderTests()
        {
            _native.Paths[Electron] = Bundle + "/MacOS/Electron";
            _native.Paths[ExtensionHost] = HelperPath;
            _native.Paths[Gopls] = GoplsPath;
            _native.WorkingDirectories[Gopls] = "/Users/gopher/src/app";
            _native.Arguments[Gopls] = FixtureFiles.Read("macos/procargs2-normal.bin");
            _native.Arguments[ExtensionHost] = FixtureFiles.Read("macos/procargs2-extension-host.bin");
        }

        private MacOSProcessProvider Provider() => new MacOSProcessProvider(_native);

        private static string Text(string fixture) => Encoding.UTF8.GetString(FixtureFiles.Read("macos/" + fixture));

        [Fact]
        public void Table_ListsEveryRecord()
        {
            Assert.Equal(new[] { 0, 1, 310, 612, 640, 700, 701, 702, 800 }, Provider().GetProcessIds().OrderBy(p => p));
            Assert.Empty(_native.PsCalls);
        }

        [Fact]
        public void CurrentUser_ComesFromGetuidAndThePasswdEntry()
        {
            MacOSProcessProvider provider = Provider();

            Assert.Equal(501, provider.CurrentUserId);
            Assert.Equal("gopher", provider.CurrentUserName);
            Assert.False(provider.EnvironmentIgnoresCase);
        }

        [Fact]
        public void Names_CutAtSixteenBytes_AreRestoredFromTheExecutable()
        {
            MacOSProcessProvider provider = Provider();
            provider.GetProcessIds();

            Assert.Equal("Code Helper (Plugin)", provider.GetProcessName(ExtensionHost));
            Assert.Equal("gopls", provider.GetProcessName(Gopls));
            Assert.Equal("kernel_task", provider.GetProcessName(Kernel));
            Assert.Null(provider.GetProcessName(Missing));
        }

        [Fact]
        public void Names_CutAndWithoutAPath_StayCut()
        {
            _native.Paths.Remove(ExtensionHost);

            Assert.Equal("Code Helper (Plu", Provider().GetProcessName(ExtensionHost));
        }

        [Fact]
        public void GetProcess_ReadsRecordPathArgumentsAndFolder()
        {
            ProcessInfo info = Provider().GetProcess(Gopls)!;

            Assert.Equal(Gopls, info.ProcessId);
            Assert.Equal(ExtensionHost, info.ParentProcessId);
            Assert.Equal("gopls", info.Name);
            Assert.Equal(GoplsPath, info.ExecutablePath);
            Assert.Equal(new[] { GoplsPath, "-mode=stdio" }, info.CommandLine);
            Assert.Equal(501, info.UserId);
            Assert.Equal("gopher", info.UserName);
            Assert.Equal("/Users/gopher/src/app", info.WorkingDirectory);
            Assert.Equal(new DateTime(2024, 11, 27, 8, 1, 40, DateTimeKind.Utc).AddTicks(9_999_990), info.StartTime!.Value.ToUniversalTime());
        }

        [Fact]
        public void GetProcess_WithoutProcPidpath_UsesOnlyAnAbsoluteExecPath()
        {
            _native.Paths.Remove(Gopls);
            _native.Arguments[Terminal] = FixtureFiles.Read("macos/procargs2-relative-exec.bin");
            MacOSProcessProvider provider = Provider();

            Assert.Equal(GoplsPath, provider.GetProcess(Gopls)!.ExecutablePath);
            ProcessInfo relative = provider.GetProcess(Terminal)!;
            Assert.Null(relative.ExecutablePath);
            Assert.Equal(new[] { "./bin/gopls", "serve" }, relative.CommandLine);
        }

        [Fact]
        public void GetProcess_AnotherUsersProcess_HasNoArgumentsAndNoPsRun()
        {
            ProcessInfo info = Provider().GetProcess(Mds)!;

            Assert.Equal("root", info.UserName);
            Assert.Empty(info.CommandLine);
            Assert.Empty(_native.PsCalls);
        }

        [Fact]
        public void GetProcess_AsRoot_KernelTaskAndZombiesAskNoPs()
        {
            _native.Uid = 0;
            MacOSProcessProvider provider = Provider();

            Assert.Equal("kernel_task", provider.GetProcess(Kernel)!.Name);
            Assert.Empty(provider.GetProcess(Zombie)!.CommandLine);
            Assert.Empty(_native.PsCalls);
        }

        [Fact]
        public void GetProcess_Missing_IsNull()
        {
            Assert.Null(Provider().GetProcess(Missing));
            Assert.Null(Provider().GetProcess(-5));
            Assert.Null(Provider().GetStartToken(Missing));
        }

        [Fact]
        public void Environment_Normal_IsOkWithoutKernelStrings()
        {
            EnvironmentRead read = Provider().GetEnvironment(Gopls);

            Assert.Equal(EnvironmentStatus.Ok, read.Status);
            Assert.Contains(read.Entries!, e => e.Name == "GOFLAGS" && e.Value == "-mod=mod");
            Assert.DoesNotContain(read.Entries!, e => e.Name == "ptr_munge" || e.Name == "executable_path");
        }

        [Fact]
        public void Environment_ReadsWithABufferOfKernArgmax()
        {
            _native.ArgumentMaxValue = 4096;
            Provider().GetEnvironment(Gopls);
            Assert.Equal(4096, _native.LastArgumentBufferSize);

            _native.ArgumentMaxValue = -22;
            Provider().GetEnvironment(Gopls);
            Assert.Equal(1024 * 1024, _native.LastArgumentBufferSize);
        }

        [Fact]
        public void Environment_Withheld_IsHiddenNeverEmpty()
        {
            _native.Arguments[Terminal] = FixtureFiles.Read("macos/procargs2-withheld.bin");

            EnvironmentRead read = Provider().GetEnvironment(Terminal);

            Assert.Equal(EnvironmentStatus.Hidden, read.Status);
            Assert.Null(read.Entries);
            Assert.Contains("code-signing-restricted", read.Error, StringComparison.Ordinal);
            Assert.Empty(_native.PsCalls);
        }

        [Fact]
        public void Environment_CutInsideTheEnvironment_IsLossy()
        {
            _native.Arguments[Gopls] = FixtureFiles.Read("macos/procargs2-truncated-env.bin");

            EnvironmentRead read = Provider().GetEnvironment(Gopls);

            Assert.Equal(EnvironmentStatus.Lossy, read.Status);
            Assert.Equal(new[] { "PATH", "HOME", "GOFLAGS" }, read.Entries!.Select(e => e.Name));
        }

        [Fact]
        public void Environment_CutInsideArgv_IsHidden()
        {
            _native.Arguments[Gopls] = FixtureFiles.Read("macos/procargs2-truncated-argv.bin");

            EnvironmentRead read = Provider().GetEnvironment(Gopls);

            Assert.Equal(EnvironmentStatus.Hidden, read.Status);
            Assert.Null(read.Entries);
        }

        [Fact]
        public void Environment_BufferOfAnotherLayout_IsHiddenWithoutPs()
        {
            _native.Arguments[Gopls] = new byte[] { 0x10, 0, 0, 0, (byte)'/', 0 };

            EnvironmentRead read = Provider().GetEnvironment(Gopls);

            Assert.Equal(EnvironmentStatus.Hidden, read.Status);
            Assert.Contains("KERN_PROCARGS2 layout", read.Error, StringComparison.Ordinal);
            Assert.Empty(_native.PsCalls);
        }

        [Theory]
        [InlineData(FakeMacOSNative.EINVAL)]
        [InlineData(FakeMacOSNative.EIO)]
        [InlineData(FakeMacOSNative.EPERM)]
        public void Environment_AnotherUsersProcessRefused_IsAccessDenied(int errno)
        {
            _native.ArgumentsErrno[Mds] = errno;

            EnvironmentRead read = Provider().GetEnvironment(Mds);

            Assert.Equal(EnvironmentStatus.AccessDenied, read.Status);
            Assert.Null(read.Entries);
            Assert.Contains("another user", read.Error, StringComparison.Ordinal);
            Assert.Empty(_native.PsCalls);
        }

        [Fact]
        public void Environment_Zombie_IsExitedWithoutAsking()
        {
            EnvironmentRead read = Provider().GetEnvironment(Zombie);

            Assert.Equal(EnvironmentStatus.Exited, read.Status);
            Assert.Contains("zombie", read.Error, StringComparison.Ordinal);
            Assert.DoesNotContain(Zombie, _native.ArgumentReads);
        }

        [Fact]
        public void Environment_KernelTask_IsNotSupported()
        {
            Assert.Equal(EnvironmentStatus.NotSupported, Provider().GetEnvironment(Kernel).Status);
        }

        [Fact]
        public void Environment_Missing_IsExited()
        {
            Assert.Equal(EnvironmentStatus.Exited, Provider().GetEnvironment(Missing).Status);
        }

        [Fact]
        public void Environment_ProcessReplacedDuringTheRead_IsExited()
        {
            _native.AfterReadArguments = pid => _native.Restart(pid, 1_800_000_000);

            EnvironmentRead read = Provider().GetEnvironment(Gopls);

            Assert.Equal(EnvironmentStatus.Exited, read.Status);
            Assert.Null(read.Entries);
        }

        [Fact]
        public void Environment_ProcessGoneDuringAFailedRead_IsExited()
        {
            _native.ArgumentsErrno[Gopls] = FakeMacOSNative.EINVAL;
            _native.AfterReadArguments = pid => _native.Remove(pid);

            Assert.Equal(EnvironmentStatus.Exited, Provider().GetEnvironment(Gopls).Status);
        }

        [Fact]
        public void Environment_OwnProcessSysctlFails_FallsBackToPsAsLossy()
        {
            _native.ArgumentsErrno[Gopls] = FakeMacOSNative.EINVAL;
            _native.PsOutputs["-E -ww -o command= -p 700"] = Text("ps-command-env.txt");
            _native.PsOutputs["-ww -o command= -p 700"] = Text("ps-command.txt");

            EnvironmentRead read = Provider().GetEnvironment(Gopls);

            Assert.Equal(EnvironmentStatus.Lossy, read.Status);
            Assert.Contains(read.Entries!, e => e.Name == "GOFLAGS" && e.Value == "-mod=mod -tags=integration");
            Assert.Contains(read.Entries!, e => e.Name == "MSG" && e.Value == "hello world");
        }

        [Fact]
        public void Environment_OwnProcessSysctlAndPsFail_IsAccessDeniedNotEmpty()
        {
            _native.ArgumentsErrno[Gopls] = FakeMacOSNative.EIO;

            EnvironmentRead read = Provider().GetEnvironment(Gopls);

            Assert.Equal(EnvironmentStatus.AccessDenied, read.Status);
            Assert.Null(read.Entries);
            Assert.Contains("ps -E", read.Error, StringComparison.Ordinal);
            Assert.Contains("-E -ww -o command= -p 700", _native.PsCalls);
        }

        [Fact]
        public void Table_WhenSysctlFails_ComesFromPsFromThenOn()
        {
            _native.TableErrno = FakeMacOSNative.EPERM;
            _native.PsOutputs[PsTableKey] = Text("ps-table.txt");
            string helperRow = Text("ps-table.txt").Split('\n').Single(l => l.TrimStart().StartsWith("640 ", StringComparison.Ordinal));
            _native.PsOutputs["-ww -o pid=,ppid=,uid=,lstart=,comm= -p 640"] = helperRow + "\n";
            MacOSProcessProvider provider = Provider();

            Assert.Equal(new[] { 0, 1, 612, 640, 700, 99999 }, provider.GetProcessIds().OrderBy(p => p));
            Assert.True(provider.UsesPs);
            Assert.Equal("Code Helper (Plugin)", provider.GetProcessName(ExtensionHost));

            ProcessInfo helper = provider.GetProcess(ExtensionHost)!;
            Assert.Equal(Electron, helper.ParentProcessId);
            Assert.Equal("Code Helper (Plugin)", helper.Name);
            Assert.Equal(new DateTime(2024, 11, 27, 8, 0, 5), helper.StartTime);
            Assert.Equal(provider.GetStartToken(ExtensionHost), provider.GetStartToken(ExtensionHost));
        }

        [Fact]
        public void Table_WhenSysctlAndPsFail_SaysBoth()
        {
            _native.TableErrno = FakeMacOSNative.EPERM;

            var ex = Assert.Throws<IOException>(() => Provider().GetProcessIds());

            Assert.Contains("errno 1", ex.Message, StringComparison.Ordinal);
            Assert.Contains("/bin/ps", ex.Message, StringComparison.Ordinal);
        }

        [Fact]
        public void Inspector_FindsGoplsUnderTheExtensionHostHelper()
        {
            var inspector = new ProcessInspector(Provider());

            var found = inspector.ReadGopls().ToList();

            var (pid, outcome, gopls) = Assert.Single(found);
            Assert.Equal(Gopls, pid);
            Assert.Equal(ProcessReadOutcome.Found, outcome);
            Assert.Equal(Editor.Code, gopls!.Editor);
            Assert.False(gopls.IsRemote);
            Assert.Equal(ExtensionHost, gopls.ExtensionHostProcessId);
            Assert.Equal(new[] { ExtensionHost, Electron }, gopls.Ancestors.Select(a => a.ProcessId));
            Assert.Equal("Electron", gopls.Ancestors[1].Name);
            Assert.Equal(EnvironmentStatus.Ok, gopls.EnvironmentStatus);
            Assert.Equal("-mod=mod", gopls.GOFLAGS);
        }
    }
}
