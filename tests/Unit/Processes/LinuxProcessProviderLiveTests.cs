using System;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Runtime.Versioning;
using System.Runtime.InteropServices;
using System.Threading;
using GoEnvTools.Linux;
using Xunit;

namespace GoEnvTools.Tests.Processes
{
    /// <summary>The Linux provider against the real /proc, with child processes this test starts.</summary>
    // Each test skips itself elsewhere; the attribute lets the analyzer accept the Unix-only calls.
    [SupportedOSPlatform("linux")]
    public sealed class LinuxProcessProviderLiveTests
    {
        private const string Sleep = "/bin/sleep";
        private const string Shell = "/bin/sh";

        // Waits below are for a condition the test caused (an exec, an exit), never for a fixed time.
        private static readonly TimeSpan s_conditionTimeout = TimeSpan.FromSeconds(20);

        [DllImport("libc", EntryPoint = "realpath", SetLastError = true)]
        private static extern IntPtr RealPath(string path, IntPtr resolved);

        [DllImport("libc", EntryPoint = "free")]
        private static extern void Free(IntPtr pointer);

        private static string ResolvePath(string path)
        {
            IntPtr resolved = RealPath(path, IntPtr.Zero);
            if (resolved == IntPtr.Zero)
            {
                throw new IOException($"realpath({path}) failed with errno {Marshal.GetLastWin32Error()}.");
            }

            try
            {
                return Marshal.PtrToStringUTF8(resolved)!;
            }
            finally
            {
                Free(resolved);
            }
        }

        private static LinuxProcessProvider CreateProvider()
        {
            Skip.IfNot(OperatingSystem.IsLinux(), "Reads the real /proc.");
            return new LinuxProcessProvider();
        }

        private static Process Start(string fileName, string[] arguments, bool redirectInput = false, params (string Name, string Value)[] environment)
        {
            Skip.IfNot(File.Exists(fileName), $"{fileName} is not installed.");
            var startInfo = new ProcessStartInfo(fileName)
            {
                UseShellExecute = false,
                RedirectStandardInput = redirectInput,
            };
            foreach (string argument in arguments)
            {
                startInfo.ArgumentList.Add(argument);
            }

            foreach ((string name, string value) in environment)
            {
                startInfo.Environment[name] = value;
            }

            // Process.Start on Unix returns once the child has exec'd, so /proc already shows the new program.
            return Process.Start(startInfo) ?? throw new InvalidOperationException($"{fileName} did not start.");
        }

        private static void Stop(Process process)
        {
            try
            {
                process.Kill();
            }
            catch (InvalidOperationException)
            {
                // Already gone.
            }

            process.WaitForExit();
            process.Dispose();
        }

        [SkippableFact]
        public void Child_EnvironmentHoldsTheMarkerItWasStartedWith()
        {
            LinuxProcessProvider provider = CreateProvider();
            string marker = "marker-" + Guid.NewGuid().ToString("N");
            Process child = Start(Sleep, new[] { "30" }, false, ("GOENVTOOLS_TEST_MARKER", marker), ("GOFLAGS", "-mod=mod -tags=a=b"));
            try
            {
                EnvironmentRead read = provider.GetEnvironment(child.Id);

                Assert.Equal(EnvironmentStatus.Ok, read.Status);
                Assert.Contains(read.Entries!, e => e.Name == "GOENVTOOLS_TEST_MARKER" && e.Value == marker);
                Assert.Contains(read.Entries!, e => e.Name == "GOFLAGS" && e.Value == "-mod=mod -tags=a=b");
            }
            finally
            {
                Stop(child);
            }
        }

        [SkippableFact]
        public void Child_ProcessDetailsMatchWhatWasStarted()
        {
            LinuxProcessProvider provider = CreateProvider();
            DateTime before = DateTime.UtcNow;
            Process child = Start(Sleep, new[] { "30" });
            DateTime after = DateTime.UtcNow;
            try
            {
                ProcessInfo? info = provider.GetProcess(child.Id);

                Assert.NotNull(info);
                Assert.Equal(child.Id, info!.ProcessId);
                Assert.Equal(Environment.ProcessId, info.ParentProcessId);
                Assert.Equal("sleep", info.Name);
                Assert.Equal(ResolvePath(Sleep), info.ExecutablePath);
                Assert.Equal(2, info.CommandLine.Length);
                Assert.Equal("sleep", Path.GetFileName(info.CommandLine[0]));
                Assert.Equal("30", info.CommandLine[1]);
                Assert.Equal(provider.CurrentUserId, info.UserId);
                Assert.Equal(provider.CurrentUserName, info.UserName);
                Assert.Equal(ResolvePath(Environment.CurrentDirectory), info.WorkingDirectory);

                // btime has whole seconds and the tick clock counts from boot: allow a few seconds either way.
                Assert.NotNull(info.StartTime);
                DateTime start = info.StartTime!.Value.ToUniversalTime();
                Assert.InRange(start, before - TimeSpan.FromSeconds(5), after + TimeSpan.FromSeconds(5));
            }
            finally
            {
                Stop(child);
            }
        }

        [SkippableFact]
        public void Child_IsListedByIdAndName_WithAStableStartToken()
        {
            LinuxProcessProvider provider = CreateProvider();
            Process child = Start(Sleep, new[] { "30" });
            try
            {
                Assert.Contains(child.Id, provider.GetProcessIds());
                Assert.Contains(Environment.ProcessId, provider.GetProcessIds());
                Assert.Equal("sleep", provider.GetProcessName(child.Id));
                long? token = provider.GetStartToken(child.Id);
                Assert.NotNull(token);
                Assert.Equal(token, provider.GetStartToken(child.Id));
            }
            finally
            {
                Stop(child);
            }
        }

        [SkippableFact]
        public void Child_AfterItWasReaped_IsGone()
        {
            LinuxProcessProvider provider = CreateProvider();
            Process child = Start(Sleep, new[] { "30" });
            int pid = child.Id;
            Stop(child);

            Assert.Null(provider.GetProcess(pid));
            Assert.Null(provider.GetStartToken(pid));
            Assert.Null(provider.GetProcessName(pid));
            EnvironmentRead read = provider.GetEnvironment(pid);
            Assert.Equal(EnvironmentStatus.Exited, read.Status);
            Assert.Null(read.Entries);
        }

        [SkippableFact]
        public void Inspector_ReadsTheChildThroughTheProvider()
        {
            LinuxProcessProvider provider = CreateProvider();
            string marker = Guid.NewGuid().ToString("N");
            Process child = Start(Sleep, new[] { "30" }, false, ("GOENVTOOLS_TEST_MARKER", marker));
            try
            {
                var inspector = new ProcessInspector(provider);

                // Until the child has exec'd sleep, /proc shows the forked copy of this test process.
                Assert.True(SpinWait.SpinUntil(() => provider.GetProcessName(child.Id) == "sleep", s_conditionTimeout), "The child did not exec sleep.");
                Assert.Equal(ProcessReadOutcome.Found, inspector.TryRead(child.Id, out ProcessEnvironment? result));
                Assert.Equal(EnvironmentStatus.Ok, result!.EnvironmentStatus);
                Assert.Equal(marker, result.GetVariable("GOENVTOOLS_TEST_MARKER"));
                Assert.Contains(child.Id, inspector.FindByName(n => n == "sleep"));
            }
            finally
            {
                Stop(child);
            }
        }

        [SkippableFact]
        public void Zombie_IsReportedAsExited()
        {
            LinuxProcessProvider provider = CreateProvider();

            // The shell forks a child that blocks reading the test's pipe, then execs sleep, which never reaps.
            // Once sleep runs, closing the pipe lets the child exit, and it stays a zombie of sleep.
            Process parent = Start(Shell, new[] { "-c", "exec 3<&0; { read -r line <&3; } & exec " + Sleep + " 30 3<&- </dev/null" }, redirectInput: true);
            try
            {
                int pid = parent.Id;
                Assert.True(SpinWait.SpinUntil(() => provider.GetProcessName(pid) == "sleep" && ChildOf(provider, pid) is not null, s_conditionTimeout),
                    "The shell did not exec sleep with its reader child alive.");
                int zombie = ChildOf(provider, pid)!.Value;

                parent.StandardInput.Close();
                Assert.True(SpinWait.SpinUntil(() => StateOf(zombie) == 'Z', s_conditionTimeout), "The reader child did not become a zombie.");

                EnvironmentRead read = provider.GetEnvironment(zombie);
                Assert.Equal(EnvironmentStatus.Exited, read.Status);
                Assert.Null(read.Entries);
                Assert.Equal(pid, provider.GetProcess(zombie)?.ParentProcessId);
            }
            finally
            {
                Stop(parent);
            }
        }

        [SkippableFact]
        public void KernelThread_IsNotSupported()
        {
            LinuxProcessProvider provider = CreateProvider();
            int? kthread = provider.GetProcessIds().OrderBy(p => p).Cast<int?>().FirstOrDefault(p => IsKernelThread(p!.Value));
            Skip.If(kthread is null, "No kernel thread is visible (a separate pid namespace).");

            EnvironmentRead read = provider.GetEnvironment(kthread!.Value);

            Assert.Equal(EnvironmentStatus.NotSupported, read.Status);
            Assert.Null(read.Entries);
        }

        private static int? ChildOf(LinuxProcessProvider provider, int parent)
        {
            foreach (int pid in provider.GetProcessIds())
            {
                if (provider.GetProcess(pid)?.ParentProcessId == parent)
                {
                    return pid;
                }
            }

            return null;
        }

        private static ProcStat? ReadStat(int pid)
        {
            try
            {
                byte[] data = File.ReadAllBytes($"/proc/{pid}/stat");
                return ProcParsers.ParseStat(data, data.Length);
            }
            catch (IOException)
            {
                return null;
            }
        }

        private static char? StateOf(int pid) => ReadStat(pid)?.State;

        private static bool IsKernelThread(int pid) => ReadStat(pid)?.IsKernelThread == true;
    }
}
