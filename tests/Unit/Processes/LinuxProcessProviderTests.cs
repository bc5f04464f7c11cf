using System;
using System.IO;
using System.Linq;
using System.Runtime.Versioning;
using System.Text;
using GoEnvTools.Linux;
using GoEnvTools.Tests.Support;
using Xunit;

namespace GoEnvTools.Tests.Processes
{
    /// <summary>The Linux provider over a proc tree built in a temporary folder.</summary>
    // Each test skips itself elsewhere; the attribute lets the analyzer accept the Unix-only calls.
    [SupportedOSPlatform("linux")]
    public sealed class LinuxProcessProviderTests : IDisposable
    {
        private const int Gopls = 100;
        private const int LongName = 101;
        private const int Zombie = 102;
        private const int KernelThread = 2;
        private const int NoEnviron = 103;
        private const int EmptyEnviron = 104;
        private const int Missing = 4242;

        // A uid with no passwd entry, so the user name falls back to the number on every machine.
        private const int UnknownUid = 987654;

        private readonly FakeProcTree _tree = new FakeProcTree();

        public void Dispose() => _tree.Dispose();

        private LinuxProcessProvider CreateProvider()
        {
            Skip.IfNot(OperatingSystem.IsLinux(), "The Linux provider calls libc.");
            return new LinuxProcessProvider(_tree.Root);
        }

        private void AddGopls()
        {
            _tree.AddProcess(Gopls, "gopls", ppid: 90, startTicks: 250_000,
                cmdline: FakeProcTree.NulJoined("/home/gopher/go/bin/gopls", "-mode=stdio"),
                environ: FakeProcTree.NulJoined("PATH=/usr/local/go/bin:/usr/bin", "GOFLAGS=-mod=mod", "NOVALUE"),
                uid: UnknownUid,
                exeTarget: "/home/gopher/go/bin/gopls (deleted)",
                cwdTarget: "/home/gopher/src/app");
        }

        private void AddAll()
        {
            AddGopls();
            _tree.AddProcess(LongName, "gopls-nightly-b",
                cmdline: FakeProcTree.NulJoined("gopls-nightly-build", "serve"),
                environ: FakeProcTree.NulJoined("A=1"),
                uid: UnknownUid,
                exeTarget: "/opt/tools/gopls-nightly-build");
            _tree.AddProcess(Zombie, "sleep", state: 'Z', ppid: Gopls, cmdline: Array.Empty<byte>(), environ: Array.Empty<byte>(), uid: UnknownUid);
            _tree.AddProcess(KernelThread, "kthreadd", ppid: 0, flags: 0x00208040, cmdline: Array.Empty<byte>(), environ: Array.Empty<byte>(), uid: 0);
            _tree.AddProcess(NoEnviron, "gone", cmdline: FakeProcTree.NulJoined("gone"), uid: UnknownUid);
            _tree.AddProcess(EmptyEnviron, "env", cmdline: FakeProcTree.NulJoined("env", "-i", "sleep"), environ: Array.Empty<byte>(), uid: UnknownUid);
        }

        [SkippableFact]
        public void GetProcessIds_ListsNumericDirectoriesOnly()
        {
            LinuxProcessProvider provider = CreateProvider();
            AddAll();
            Directory.CreateDirectory(Path.Combine(_tree.Root, "sys"));
            Directory.CreateDirectory(Path.Combine(_tree.Root, "self"));
            File.WriteAllText(Path.Combine(_tree.Root, "999"), "a file, not a process");

            Assert.Equal(
                new[] { KernelThread, Gopls, LongName, Zombie, NoEnviron, EmptyEnviron },
                provider.GetProcessIds().OrderBy(p => p).ToArray());
        }

        [SkippableFact]
        public void GetProcessName_IsCommWithoutNewline()
        {
            LinuxProcessProvider provider = CreateProvider();
            AddAll();

            Assert.Equal("gopls", provider.GetProcessName(Gopls));
            Assert.Equal("gopls-nightly-b", provider.GetProcessName(LongName));
            Assert.Null(provider.GetProcessName(Missing));
        }

        [SkippableFact]
        public void GetProcess_ReadsEveryField()
        {
            LinuxProcessProvider provider = CreateProvider();
            AddGopls();

            ProcessInfo? info = provider.GetProcess(Gopls);

            Assert.NotNull(info);
            Assert.Equal(Gopls, info!.ProcessId);
            Assert.Equal(90, info.ParentProcessId);
            Assert.Equal("gopls", info.Name);
            Assert.Equal("/home/gopher/go/bin/gopls", info.ExecutablePath);
            Assert.Equal(new[] { "/home/gopher/go/bin/gopls", "-mode=stdio" }, info.CommandLine);
            Assert.Equal(UnknownUid, info.UserId);
            Assert.Equal("987654", info.UserName);
            Assert.Equal("/home/gopher/src/app", info.WorkingDirectory);
        }

        [SkippableFact]
        public void GetProcess_StartTimeIsBootTimePlusTicks()
        {
            LinuxProcessProvider provider = CreateProvider();
            AddGopls();
            long ticksPerSecond = LinuxNative.ClockTicksPerSecond();
            DateTime expected = DateTime.UnixEpoch.AddSeconds(FakeProcTree.BootTime).AddSeconds(250_000.0 / ticksPerSecond);

            DateTime? start = provider.GetProcess(Gopls)!.StartTime;

            Assert.NotNull(start);
            Assert.InRange((start!.Value.ToUniversalTime() - expected).Duration(), TimeSpan.Zero, TimeSpan.FromMilliseconds(1));
        }

        [SkippableFact]
        public void GetProcess_NameCutAt15Bytes_IsRestoredFromTheExecutable()
        {
            LinuxProcessProvider provider = CreateProvider();
            AddAll();

            Assert.Equal("gopls-nightly-build", provider.GetProcess(LongName)!.Name);
        }

        [SkippableFact]
        public void GetProcess_ZombieAndKernelThread_HaveNoExecutableOrArguments()
        {
            LinuxProcessProvider provider = CreateProvider();
            AddAll();

            ProcessInfo? zombie = provider.GetProcess(Zombie);
            ProcessInfo? kthread = provider.GetProcess(KernelThread);

            Assert.NotNull(zombie);
            Assert.Null(zombie!.ExecutablePath);
            Assert.Empty(zombie.CommandLine);
            Assert.Equal(Gopls, zombie.ParentProcessId);
            Assert.NotNull(kthread);
            Assert.Equal("kthreadd", kthread!.Name);
            Assert.Equal(0, kthread.UserId);
            Assert.Null(kthread.WorkingDirectory);
        }

        [SkippableFact]
        public void GetProcess_Missing_IsNull()
        {
            LinuxProcessProvider provider = CreateProvider();
            AddAll();

            Assert.Null(provider.GetProcess(Missing));
            Assert.Null(provider.GetStartToken(Missing));
        }

        [SkippableFact]
        public void GetProcess_MalformedStat_IsNull()
        {
            LinuxProcessProvider provider = CreateProvider();
            string dir = _tree.AddProcess(Gopls, "gopls", environ: FakeProcTree.NulJoined("A=1"));
            File.WriteAllText(Path.Combine(dir, "stat"), "100 (gopls) S 1\n");

            Assert.Null(provider.GetProcess(Gopls));
            Assert.Null(provider.GetStartToken(Gopls));
            Assert.Equal(EnvironmentStatus.Exited, provider.GetEnvironment(Gopls).Status);
        }

        [SkippableFact]
        public void GetStartToken_IsTheStatStartTime()
        {
            LinuxProcessProvider provider = CreateProvider();
            AddGopls();

            Assert.Equal(250_000L, provider.GetStartToken(Gopls));
        }

        [SkippableFact]
        public void GetEnvironment_Ok_GivesTheRawEntries()
        {
            LinuxProcessProvider provider = CreateProvider();
            AddGopls();

            EnvironmentRead read = provider.GetEnvironment(Gopls);

            Assert.Equal(EnvironmentStatus.Ok, read.Status);
            Assert.Null(read.Error);
            Assert.Equal(new[] { "PATH=/usr/local/go/bin:/usr/bin", "GOFLAGS=-mod=mod", "NOVALUE" }, read.Entries!.Select(e => e.ToString()));
        }

        [SkippableFact]
        public void GetEnvironment_LargerThanTheFirstBuffer_IsReadWhole()
        {
            LinuxProcessProvider provider = CreateProvider();
            string[] variables = Enumerable.Range(0, 2000).Select(i => $"VAR{i}={new string('v', 40)}").ToArray();
            _tree.AddProcess(Gopls, "gopls", environ: FakeProcTree.NulJoined(variables));

            EnvironmentRead read = provider.GetEnvironment(Gopls);

            Assert.Equal(EnvironmentStatus.Ok, read.Status);
            Assert.Equal(variables, read.Entries!.Select(e => e.ToString()));
        }

        [SkippableFact]
        public void GetEnvironment_Zombie_IsExited()
        {
            LinuxProcessProvider provider = CreateProvider();
            AddAll();

            EnvironmentRead read = provider.GetEnvironment(Zombie);

            Assert.Equal(EnvironmentStatus.Exited, read.Status);
            Assert.Null(read.Entries);
            Assert.Contains("zombie", read.Error, StringComparison.OrdinalIgnoreCase);
        }

        [SkippableFact]
        public void GetEnvironment_KernelThread_IsNotSupported()
        {
            LinuxProcessProvider provider = CreateProvider();
            AddAll();

            EnvironmentRead read = provider.GetEnvironment(KernelThread);

            Assert.Equal(EnvironmentStatus.NotSupported, read.Status);
            Assert.Null(read.Entries);
        }

        [SkippableFact]
        public void GetEnvironment_MissingEnvironFile_IsExited()
        {
            LinuxProcessProvider provider = CreateProvider();
            AddAll();

            EnvironmentRead read = provider.GetEnvironment(NoEnviron);

            Assert.Equal(EnvironmentStatus.Exited, read.Status);
            Assert.Null(read.Entries);
        }

        [SkippableFact]
        public void GetEnvironment_MissingProcess_IsExited()
        {
            LinuxProcessProvider provider = CreateProvider();
            AddAll();

            EnvironmentRead read = provider.GetEnvironment(Missing);

            Assert.Equal(EnvironmentStatus.Exited, read.Status);
            Assert.Null(read.Entries);
        }

        [SkippableFact]
        public void GetEnvironment_EmptyEnvironOfAProcessThatGaveUpItsMemory_IsExited()
        {
            // Between exit_mm and becoming a zombie a process still reads as state R or S, with vsize 0 and an
            // empty environ: that is not a process without variables.
            _tree.AddProcess(105, "exiting", cmdline: Array.Empty<byte>(), environ: Array.Empty<byte>(), uid: UnknownUid, vsize: 0);
            LinuxProcessProvider provider = CreateProvider();

            EnvironmentRead read = provider.GetEnvironment(105);

            Assert.Equal(EnvironmentStatus.Exited, read.Status);
            Assert.Null(read.Entries);
        }

        [SkippableFact]
        public void GetEnvironment_EmptyEnvironOfALiveProcess_IsAnEmptyOkRead()
        {
            LinuxProcessProvider provider = CreateProvider();
            AddAll();

            EnvironmentRead read = provider.GetEnvironment(EmptyEnviron);

            Assert.Equal(EnvironmentStatus.Ok, read.Status);
            Assert.NotNull(read.Entries);
            Assert.Empty(read.Entries!);
        }

        [SkippableFact]
        public void GetEnvironment_UnreadableEnviron_IsAccessDenied()
        {
            LinuxProcessProvider provider = CreateProvider();
            Skip.If(LinuxNative.GetUid() == 0, "root reads files whatever their mode.");
            string dir = _tree.AddProcess(Gopls, "gopls", environ: FakeProcTree.NulJoined("SECRET=1"));
            File.SetUnixFileMode(Path.Combine(dir, "environ"), UnixFileMode.None);

            EnvironmentRead read = provider.GetEnvironment(Gopls);

            Assert.Equal(EnvironmentStatus.AccessDenied, read.Status);
            Assert.Null(read.Entries);
        }

        [SkippableFact]
        public void CurrentUser_IsTheCallingUser()
        {
            LinuxProcessProvider provider = CreateProvider();

            Assert.Equal((int)LinuxNative.GetUid(), provider.CurrentUserId);
            Assert.Equal(Environment.UserName, provider.CurrentUserName);
        }

        [SkippableFact]
        public void IsExecutableFile_NeedsAnExecutableRegularFile()
        {
            LinuxProcessProvider provider = CreateProvider();
            string script = Path.Combine(_tree.Root, "go");
            File.WriteAllText(script, "#!/bin/sh\n");
            File.SetUnixFileMode(script, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);

            Assert.True(provider.IsExecutableFile(script));
            Assert.False(provider.IsExecutableFile(_tree.Root));
            Assert.False(provider.IsExecutableFile(Path.Combine(_tree.Root, "missing")));
        }

        [SkippableFact]
        public void IsExecutableFile_FileWithoutExecuteBits_IsNotExecutable()
        {
            LinuxProcessProvider provider = CreateProvider();
            string data = Path.Combine(_tree.Root, "notes");
            File.WriteAllText(data, "text");
            File.SetUnixFileMode(data, UnixFileMode.UserRead | UnixFileMode.UserWrite);

            Assert.False(provider.IsExecutableFile(data));
        }

        [SkippableFact]
        public void Inspector_OverTheTree_ReadsGoplsAndItsGo()
        {
            LinuxProcessProvider provider = CreateProvider();
            AddAll();
            string goBin = Path.Combine(_tree.Root, "gobin");
            Directory.CreateDirectory(goBin);
            string go = Path.Combine(goBin, "go");
            File.WriteAllText(go, "#!/bin/sh\n");
            File.SetUnixFileMode(go, UnixFileMode.UserRead | UnixFileMode.UserExecute);
            _tree.AddProcess(200, "gopls", ppid: Gopls, environ: Encoding.UTF8.GetBytes($"PATH=/nonexistent:{goBin}\0GOPROXY=off\0"), uid: UnknownUid);

            var inspector = new ProcessInspector(provider);

            Assert.Equal(ProcessReadOutcome.Found, inspector.TryReadGopls(200, out GoplsEnvironment? gopls));
            Assert.Equal(go, gopls!.GoBinary);
            Assert.Equal("off", gopls.GOPROXY);
            Assert.Equal(new[] { Gopls }, gopls.Ancestors.Select(a => a.ProcessId));
        }
    }
}
