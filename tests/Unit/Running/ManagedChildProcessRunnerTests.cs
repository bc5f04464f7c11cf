using System;
using System.Collections.Specialized;
using System.Diagnostics;
using System.Text;
using Xunit;

namespace GoEnvTools.Tests.Running
{
    /// <summary>The Windows runner, exercised here on Linux, where .NET's Process takes the same command line.</summary>
    public sealed class ManagedChildProcessRunnerTests
    {
        private static void SkipUnlessLinux() => Skip.IfNot(OperatingSystem.IsLinux(), "These tests start /bin/sh.");

        private static OrderedDictionary Env(string name, string value) =>
            new OrderedDictionary(StringComparer.Ordinal) { { "PATH", "/usr/bin:/bin" }, { name, value } };

        [SkippableFact]
        public void Run_PassesEveryArgumentUnchanged_AndExactlyTheEnvironment()
        {
            SkipUnlessLinux();
            string[] odd = { "plain", "with space", "quote\"inside", "trailing\\", "back\\\\\"slashes", string.Empty, "tab\there" };
            var args = new[] { "-c", "printf '%s|' \"$@\"; printf '%s' \"$ODD\"; exit 3", "sh" };

            ChildProcessResult result = new ManagedChildProcessRunner().Run(
                new ChildProcessRequest("/bin/sh", System.Linq.Enumerable.ToList(System.Linq.Enumerable.Concat(args, odd)), Env("ODD", "x\ny")));

            Assert.Equal(3, result.ExitCode);
            Assert.Equal(string.Join("|", odd) + "|x\ny", Encoding.UTF8.GetString(result.StandardOutput));
        }

        [SkippableFact]
        public void Run_ClosesStandardInput_AndCapturesStandardError()
        {
            SkipUnlessLinux();

            ChildProcessResult result = new ManagedChildProcessRunner().Run(
                new ChildProcessRequest("/bin/sh", new[] { "-c", "read -r x || echo eof >&2" }, Env("A", "1")) { Timeout = TimeSpan.FromSeconds(5) });

            Assert.False(result.TimedOut);
            Assert.Equal("eof\n", Encoding.UTF8.GetString(result.StandardError));
        }

        [SkippableFact]
        public void Run_EndsTheProcessTreeAtTheTimeout()
        {
            SkipUnlessLinux();
            var watch = Stopwatch.StartNew();

            ChildProcessResult result = new ManagedChildProcessRunner().Run(
                new ChildProcessRequest("/bin/sh", new[] { "-c", "sleep 60 & sleep 60" }, Env("A", "1")) { Timeout = TimeSpan.FromSeconds(1) });

            Assert.True(result.TimedOut);
            Assert.Null(result.ExitCode);
            Assert.InRange(watch.ElapsedMilliseconds, 900, 5000);
        }

        [SkippableFact]
        public void Run_ThrowsChildProcessStart_ForAMissingProgram()
        {
            SkipUnlessLinux();

            Assert.Throws<ChildProcessStartException>(() => new ManagedChildProcessRunner().Run(
                new ChildProcessRequest("/no/such/program", Array.Empty<string>(), Env("A", "1"))));
        }

        [Theory]
        [InlineData(new[] { "a", "b" }, "a b")]
        [InlineData(new[] { "with space" }, "\"with space\"")]
        [InlineData(new[] { "" }, "\"\"")]
        [InlineData(new[] { "say \"hi\"" }, "\"say \\\"hi\\\"\"")]
        [InlineData(new[] { "C:\\dir with space\\" }, "\"C:\\dir with space\\\\\"")]
        [InlineData(new[] { "C:\\plain\\" }, "C:\\plain\\")]
        public void JoinArguments_QuotesOnlyWhatNeedsIt(string[] arguments, string expected)
        {
            Assert.Equal(expected, ManagedChildProcessRunner.JoinArguments(arguments));
        }
    }
}
