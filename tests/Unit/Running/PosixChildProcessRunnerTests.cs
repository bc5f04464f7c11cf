using System;
using System.Collections.Specialized;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Text;
using System.Threading;
using Xunit;

namespace GoEnvTools.Tests.Running
{
    /// <summary>The real runner, starting /bin/sh.</summary>
    public sealed class PosixChildProcessRunnerTests
    {
        private static void SkipUnlessLinux() => Skip.IfNot(OperatingSystem.IsLinux(), "These tests read /proc.");

        private static OrderedDictionary Env(params (string Name, string Value)[] pairs)
        {
            var env = new OrderedDictionary(StringComparer.Ordinal) { { "PATH", "/usr/bin:/bin" } };
            foreach ((string name, string value) in pairs)
            {
                env[name] = value;
            }

            return env;
        }

        private static ChildProcessResult RunSh(string script, OrderedDictionary? env = null, string? folder = null, TimeSpan? timeout = null) =>
            new PosixChildProcessRunner().Run(new ChildProcessRequest("/bin/sh", new[] { "-c", script }, env ?? Env())
            {
                WorkingDirectory = folder,
                Timeout = timeout,
            });

        private static string Text(byte[] bytes) => Encoding.UTF8.GetString(bytes);

        // The process group (5th field of /proc/PID/stat) of every process there is.
        private static int[] MembersOfGroup(int group) =>
            Directory.EnumerateDirectories("/proc")
                .Select(d => (Dir: d, Ok: int.TryParse(Path.GetFileName(d), out int pid), Pid: pid))
                .Where(x => x.Ok)
                .Select(x =>
                {
                    try
                    {
                        string stat = File.ReadAllText(x.Dir + "/stat");
                        string[] fields = stat.Substring(stat.LastIndexOf(')') + 2).Split(' ');
                        return int.Parse(fields[2], System.Globalization.CultureInfo.InvariantCulture) == group ? x.Pid : 0;
                    }
                    catch (IOException)
                    {
                        return 0;
                    }
                })
                .Where(pid => pid != 0)
                .ToArray();

        [SkippableFact]
        public void Run_GivesTheChildExactlyTheEnvironment_AndCapturesBothOutputsAsBytes()
        {
            SkipUnlessLinux();
            string odd = "a\nb=c 'q' ü\u0001";

            ChildProcessResult result = RunSh("cat /proc/self/environ; printf 'err\\0x' >&2; exit 4", Env(("ODD", odd)));

            Assert.Equal(4, result.ExitCode);
            Assert.False(result.TimedOut);
            Assert.Equal("PATH=/usr/bin:/bin\0ODD=" + odd + "\0", Text(result.StandardOutput).Replace("PWD=" + Environment.CurrentDirectory + "\0", string.Empty, StringComparison.Ordinal));
            Assert.Equal("err\0x", Text(result.StandardError));
        }

        [SkippableFact]
        public void Run_ClosesStandardInput_SoAReadGetsEndOfFileAtOnce()
        {
            SkipUnlessLinux();

            ChildProcessResult result = RunSh("if read -r line; then echo got; else echo eof; fi; readlink /proc/self/fd/0", timeout: TimeSpan.FromSeconds(5));

            Assert.Equal("eof\n/dev/null\n", Text(result.StandardOutput));
        }

        [SkippableFact]
        public void Run_StartsTheChildInASessionOfItsOwn_InTheGivenFolder()
        {
            SkipUnlessLinux();
            string folder = Path.GetTempPath().TrimEnd('/');

            ChildProcessResult result = RunSh("echo $$; cut -d' ' -f6 /proc/$$/stat; pwd -P", folder: folder);

            string[] lines = Text(result.StandardOutput).Split('\n');
            Assert.Equal(result.ProcessId.ToString(System.Globalization.CultureInfo.InvariantCulture), lines[0]);
            // The session id is the child's own id: it called setsid().
            Assert.Equal(lines[0], lines[1]);
            Assert.Equal(new DirectoryInfo(folder).FullName.TrimEnd('/'), lines[2]);
        }

        [SkippableFact]
        public void Run_KillsTheWholeProcessGroupAtTheTimeout()
        {
            SkipUnlessLinux();
            var watch = Stopwatch.StartNew();

            ChildProcessResult result = RunSh("sleep 60 & sleep 60", timeout: TimeSpan.FromSeconds(1));

            watch.Stop();
            Assert.True(result.TimedOut);
            Assert.Null(result.ExitCode);
            Assert.Equal(9, result.Signal);
            Assert.InRange(watch.ElapsedMilliseconds, 900, 2000);

            // The background sleep is reaped by its new parent soon after the kill: poll until the group is empty.
            var deadline = Stopwatch.StartNew();
            while (MembersOfGroup(result.ProcessId).Length > 0 && deadline.Elapsed < TimeSpan.FromSeconds(5))
            {
                Thread.Yield();
            }

            Assert.Empty(MembersOfGroup(result.ProcessId));
        }

        [SkippableFact]
        public void Run_WaitsForOutputHeldOpenByABackgroundChild_UntilTheTimeout()
        {
            SkipUnlessLinux();

            // The shell exits at once; its background child keeps standard output open, as Node's 'close' waits for.
            ChildProcessResult result = RunSh("sleep 30 & echo started", timeout: TimeSpan.FromSeconds(1));

            Assert.True(result.TimedOut);
            Assert.Equal("started\n", Text(result.StandardOutput));
        }

        [SkippableFact]
        public void Run_ReportsTheSignalThatEndedTheChild()
        {
            SkipUnlessLinux();

            ChildProcessResult result = RunSh("kill -TERM $$");

            Assert.Null(result.ExitCode);
            Assert.Equal(15, result.Signal);
            Assert.False(result.TimedOut);
        }

        [SkippableFact]
        public void Run_ThrowsChildProcessStart_ForAMissingProgramOrFolder()
        {
            SkipUnlessLinux();
            var runner = new PosixChildProcessRunner();

            var missing = Assert.Throws<ChildProcessStartException>(() => runner.Run(new ChildProcessRequest("/no/such/program", Array.Empty<string>(), Env())));
            Assert.Equal(2, missing.ErrorNumber);

            var folder = Assert.Throws<ChildProcessStartException>(() => RunSh("true", folder: "/no/such/folder"));
            Assert.Contains("/no/such/folder", folder.Message, StringComparison.Ordinal);
        }

        [SkippableFact]
        public void Run_StopsAndKillsTheGroup_WhenCancelled()
        {
            SkipUnlessLinux();
            using var cancel = new CancellationTokenSource(TimeSpan.FromMilliseconds(300));
            var runner = new PosixChildProcessRunner(cancel.Token);
            var watch = Stopwatch.StartNew();

            Assert.ThrowsAny<OperationCanceledException>(() => runner.Run(new ChildProcessRequest("/bin/sh", new[] { "-c", "sleep 60" }, Env())));

            Assert.InRange(watch.ElapsedMilliseconds, 200, 3000);
        }
    }
}
