using System;
using System.Collections;
using System.Collections.Specialized;
using System.IO;
using System.Linq;
using System.Text;
using GoEnvTools.Tests.Support;
using Xunit;

namespace GoEnvTools.Tests.Shells
{
    public sealed class ShellEnvironmentResolverTests
    {
        private const string Marker = "00112233aabb";

        private static readonly EnvironmentDumper s_dumper = new EnvironmentDumper("/bin/cat", new[] { "/m", "/proc/self/environ", "/m" }, printsMarkers: true);

        private static ShellEnvironmentHost Host(FakeChildProcessRunner runner, IDictionary current, string? passwdShell = "/bin/bash", params string[] executables) =>
            new ShellEnvironmentHost(runner, () => current, () => passwdShell, executables.Contains)
            {
                NewMarker = () => Marker,
                Dumper = s_dumper,
                Clock = () => new DateTime(2026, 11, 26, 12, 0, 0, DateTimeKind.Utc),
                WriteMarkerFile = _ => throw new InvalidOperationException("a dumper is given: no marker file is needed"),
            };

        private static OrderedDictionary Env(params string[] pairs)
        {
            var env = new OrderedDictionary(StringComparer.Ordinal);
            foreach (string pair in pairs)
            {
                int eq = pair.IndexOf('=', StringComparison.Ordinal);
                env[pair.Substring(0, eq)] = pair.Substring(eq + 1);
            }

            return env;
        }

        private static byte[] Dump(params string[] entries) =>
            Encoding.UTF8.GetBytes("motd noise\n" + Marker + string.Concat(entries.Select(e => e + "\0")) + Marker + "bye\n");

        [Fact]
        public void Resolve_PassesTheCurrentEnvironmentPlusTheResolvingFlag_AndDropsWhatVsCodeDrops()
        {
            var runner = new FakeChildProcessRunner(_ => FakeChildProcessRunner.Exited(0,
                Dump("PATH=/go/bin:/usr/bin", "XDG_RUNTIME_DIR=/run/user/1", "VSCODE_RESOLVING_ENVIRONMENT=1", "GOPATH=/g", "PATH=/second")));
            var resolver = new ShellEnvironmentResolver(Host(runner, Env("SHELL=/usr/bin/zsh", "PATH=/usr/bin", "KEEP=me")));

            GoEnvSnapshot snapshot = resolver.Resolve(new ShellEnvironmentOptions { WorkingDirectory = "/src/app", Timeout = TimeSpan.FromSeconds(7) });

            ChildProcessRequest request = Assert.Single(runner.Requests);
            Assert.Equal("/usr/bin/zsh", request.FileName);
            Assert.Equal(new[] { "-i", "-l", "-c", "'/bin/cat' '/m' '/proc/self/environ' '/m'" }, request.Arguments);
            Assert.Equal("1", request.Environment["VSCODE_RESOLVING_ENVIRONMENT"]);
            Assert.Equal("me", request.Environment["KEEP"]);
            Assert.Equal("/src/app", request.WorkingDirectory);
            Assert.Equal(TimeSpan.FromSeconds(7), request.Timeout);

            Assert.Equal(new[] { "PATH", "GOPATH" }, snapshot.Variables!.Keys.Cast<string>());
            Assert.Equal("/go/bin:/usr/bin", snapshot.Variables["PATH"]);
            Assert.Equal("shell /usr/bin/zsh -i -l -c", snapshot.Source);
            Assert.Equal(EnvironmentStatus.Ok, snapshot.EnvironmentStatus);
            Assert.Equal(0, snapshot.ExitCode);
            Assert.Equal(12, snapshot.ElapsedMilliseconds);
            Assert.Equal("/src/app", snapshot.WorkingDirectory);
            Assert.Equal(new DateTime(2026, 11, 26, 12, 0, 0, DateTimeKind.Utc), snapshot.CapturedAt);
        }

        [Theory]
        [InlineData("/bin/fish", "/bin/zsh", "/bin/fish")]
        [InlineData(null, "/bin/zsh", "/bin/zsh")]
        [InlineData(null, null, "/bin/dash")]
        [InlineData(null, "/bin/false", "/bin/bash")]
        public void ChooseShell_TakesTheGivenOne_ThenShell_ThenPasswd_ThenSh(string? requested, string? shellVariable, string expected)
        {
            var env = shellVariable is null ? Env("PATH=/usr/bin:/bin") : Env("PATH=/usr/bin:/bin", "SHELL=" + shellVariable);
            var runner = new FakeChildProcessRunner(_ => throw new InvalidOperationException());
            var resolver = new ShellEnvironmentResolver(Host(runner, env, passwdShell: "/bin/dash"));

            Assert.Equal(expected, resolver.ChooseShell(requested, env));
        }

        [Fact]
        public void ChooseShell_FallsBackToShOnPath_WhenThereIsNoPasswdShell()
        {
            var env = Env("PATH=/usr/local/bin:/bin");
            var resolver = new ShellEnvironmentResolver(Host(new FakeChildProcessRunner(_ => throw new InvalidOperationException()), env, passwdShell: null, "/bin/sh"));

            Assert.Equal("/bin/sh", resolver.ChooseShell(null, env));
        }

        [Fact]
        public void ChooseShell_ThrowsShellNotFound_WhenANameIsNotOnPath()
        {
            var env = Env("PATH=/nowhere");
            var resolver = new ShellEnvironmentResolver(Host(new FakeChildProcessRunner(_ => throw new InvalidOperationException()), env));

            var ex = Assert.Throws<ShellNotFoundException>(() => resolver.ChooseShell("zsh", env));
            Assert.Contains("/nowhere", ex.Message, StringComparison.Ordinal);
        }

        [Fact]
        public void Resolve_ThrowsTimeout_WithVsCodesMessageAndAWayToFindTheSlowFile()
        {
            var runner = new FakeChildProcessRunner(_ => new ChildProcessResult(7, null, 9, true, Array.Empty<byte>(), Encoding.UTF8.GetBytes("loading nvm...\n"), TimeSpan.FromSeconds(2)));
            var resolver = new ShellEnvironmentResolver(Host(runner, Env("SHELL=/usr/bin/zsh")));

            var ex = Assert.Throws<ShellEnvironmentTimeoutException>(() => resolver.Resolve(new ShellEnvironmentOptions { Timeout = TimeSpan.FromSeconds(2) }));

            Assert.Contains("Unable to resolve your shell environment in a reasonable time", ex.Message, StringComparison.Ordinal);
            Assert.Contains("zsh -x -i -l -c exit", ex.Message, StringComparison.Ordinal);
            Assert.Contains("loading nvm...", ex.Message, StringComparison.Ordinal);
            Assert.Contains("within 2 s", ex.Message, StringComparison.Ordinal);
        }

        [Fact]
        public void Resolve_ThrowsNotCaptured_WithStandardError_WhenNoMarkersCameOut()
        {
            var runner = new FakeChildProcessRunner(_ => FakeChildProcessRunner.Exited(1, Encoding.UTF8.GetBytes("hello"), "zshrc:3: command not found: bogus"));
            var resolver = new ShellEnvironmentResolver(Host(runner, Env("SHELL=/usr/bin/zsh")));

            var ex = Assert.Throws<ShellEnvironmentNotCapturedException>(() => resolver.Resolve(new ShellEnvironmentOptions()));

            Assert.Equal(1, ex.ExitCode);
            Assert.Contains("exited with code 1", ex.Message, StringComparison.Ordinal);
            Assert.Contains("command not found: bogus", ex.Message, StringComparison.Ordinal);
        }

        [Fact]
        public void Resolve_ThrowsNotCaptured_RatherThanReportAnEmptyEnvironment()
        {
            var runner = new FakeChildProcessRunner(_ => FakeChildProcessRunner.Exited(0, Encoding.UTF8.GetBytes(Marker + Marker), "cat: /proc/self/environ: No such file"));
            var resolver = new ShellEnvironmentResolver(Host(runner, Env("SHELL=/bin/sh")));

            var ex = Assert.Throws<ShellEnvironmentNotCapturedException>(() => resolver.Resolve(new ShellEnvironmentOptions()));

            Assert.Contains("no environment between them", ex.Message, StringComparison.Ordinal);
        }

        [Fact]
        public void Resolve_KeepsTheEnvironmentOfANonZeroExit_WithTheExitCode()
        {
            var runner = new FakeChildProcessRunner(_ => FakeChildProcessRunner.Exited(3, Dump("A=1"), "oops"));
            var resolver = new ShellEnvironmentResolver(Host(runner, Env("SHELL=/bin/sh")));

            GoEnvSnapshot snapshot = resolver.Resolve(new ShellEnvironmentOptions());

            Assert.Equal(3, snapshot.ExitCode);
            Assert.Equal("oops", snapshot.StandardError);
            Assert.Equal("1", snapshot.Variables!["A"]);
        }

        [Fact]
        public void Resolve_WritesAMarkerFileForTheDefaultDumper_AndDeletesItAfterwards()
        {
            string? written = null;
            string? dumperArgument = null;
            var runner = new FakeChildProcessRunner(request =>
            {
                dumperArgument = request.Arguments[^1];
                return FakeChildProcessRunner.Exited(0, Dump("A=1"));
            });
            ShellEnvironmentHost host = Host(runner, Env("SHELL=/bin/sh", "PATH=/bin"));
            host.Dumper = null;
            host.WriteMarkerFile = marker =>
            {
                written = Path.Combine(Path.GetTempPath(), "goenvtools-test-" + Guid.NewGuid().ToString("N"));
                File.WriteAllText(written, marker);
                return written;
            };

            new ShellEnvironmentResolver(host).Resolve(new ShellEnvironmentOptions());

            Assert.NotNull(written);
            Assert.False(File.Exists(written));
            if (OperatingSystem.IsLinux())
            {
                Assert.Contains($"'{written}' '/proc/self/environ' '{written}'", dumperArgument, StringComparison.Ordinal);
            }
        }
    }
}
