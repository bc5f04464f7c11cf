using System;
using System.Collections.Specialized;
using System.Linq;
using System.Text;
using GoEnvTools.Tests.Support;
using Xunit;

namespace GoEnvTools.Tests.Go
{
    public sealed class GoEnvReaderTests
    {
        private static OrderedDictionary Env(string path)
        {
            return new OrderedDictionary(StringComparer.Ordinal) { { "PATH", path }, { "GOPATH", "/snap/gopath" } };
        }

        [Fact]
        public void Read_RunsTheGoThePathFinds_WithExactlyTheEnvironment_AndKeepsGosOrder()
        {
            var runner = new FakeChildProcessRunner(_ => FakeChildProcessRunner.Exited(0,
                Encoding.UTF8.GetBytes("{\n\t\"GOPATH\": \"/snap/gopath\",\n\t\"CGO_ENABLED\": \"1\",\n\t\"GOVERSION\": \"go1.19.8\",\n\t\"GOFLAGS\": \"\"\n}\n")));
            var reader = new GoEnvReader(runner, p => p == "/b/go", windows: false);
            OrderedDictionary env = Env("/a:/b:/c");

            GoEnvResult result = reader.Read(env, "/work", "test");

            ChildProcessRequest request = Assert.Single(runner.Requests);
            Assert.Equal("/b/go", request.FileName);
            Assert.Equal(new[] { "env", "-json" }, request.Arguments);
            Assert.Same(env, request.Environment);
            Assert.Equal("/work", request.WorkingDirectory);
            Assert.Equal("/b/go", result.GoBinary);
            Assert.Equal("go1.19.8", result.GoVersion);
            Assert.Equal(new[] { "GOPATH", "CGO_ENABLED", "GOVERSION", "GOFLAGS" }, result.Values.Keys.Cast<string>());
            Assert.Equal("1", result.Values["CGO_ENABLED"]);
            Assert.Equal(string.Empty, result.Values["GOFLAGS"]);
            Assert.Equal("test", result.Source);
        }

        [Fact]
        public void Read_AsksGoVersion_WhenGoEnvHasNoGoVersion()
        {
            var runner = new FakeChildProcessRunner(r => FakeChildProcessRunner.Exited(0, Encoding.UTF8.GetBytes(
                r.Arguments[0] == "version" ? "go version go1.15.15 linux/amd64\n" : "{\"GOPATH\": \"/x\"}")));
            var reader = new GoEnvReader(runner, p => p == "/a/go", windows: false);

            GoEnvResult result = reader.Read(Env("/a"), "/work");

            Assert.Equal("go1.15.15", result.GoVersion);
            Assert.Equal(2, runner.Requests.Count);
        }

        [Fact]
        public void Read_ThrowsNotInstalled_NamingThePath()
        {
            var reader = new GoEnvReader(new FakeChildProcessRunner(_ => throw new InvalidOperationException()), _ => false, windows: false);

            var ex = Assert.Throws<GoNotInstalledException>(() => reader.Read(Env("/opt/one:/opt/two"), "/"));

            Assert.Equal("/opt/one:/opt/two", ex.SearchedPath);
            Assert.Contains("/opt/one:/opt/two", ex.Message, StringComparison.Ordinal);
        }

        [Fact]
        public void Read_ThrowsCommandFailed_WithGosStandardError()
        {
            var runner = new FakeChildProcessRunner(_ => FakeChildProcessRunner.Exited(1, Array.Empty<byte>(), "go: GOPATH entry is relative; must be absolute path: \"rel\".\n"));
            var reader = new GoEnvReader(runner, _ => true, windows: false);

            var ex = Assert.Throws<GoCommandFailedException>(() => reader.Read(Env("/a"), "/"));

            Assert.Equal(1, ex.ExitCode);
            Assert.Contains("GOPATH entry is relative", ex.Message, StringComparison.Ordinal);
        }

        [Fact]
        public void Read_ThrowsCommandFailed_WhenTheOutputIsNotJson()
        {
            var runner = new FakeChildProcessRunner(_ => FakeChildProcessRunner.Exited(0, Encoding.UTF8.GetBytes("GOPATH='/x'\n[")));
            var reader = new GoEnvReader(runner, _ => true, windows: false);

            Assert.Throws<GoCommandFailedException>(() => reader.Read(Env("/a"), "/"));
        }

        [Fact]
        public void FindGo_OnWindows_ReadsPathAndPathExtWhateverTheirCase()
        {
            var env = new OrderedDictionary(StringComparer.Ordinal) { { "Path", @"C:\Go\bin" }, { "PATHEXT", ".EXE" } };
            var reader = new GoEnvReader(new FakeChildProcessRunner(_ => throw new InvalidOperationException()), p => p == @"C:\Go\bin\go.exe", windows: true);

            Assert.Equal(@"C:\Go\bin\go.exe", reader.FindGo(env));
        }

        [Theory]
        [InlineData("go version go1.19.8 linux/amd64\n", "go1.19.8")]
        [InlineData("go version devel go1.23-abc Tue linux/amd64", "devel")]
        [InlineData("something else", "something else")]
        [InlineData("  ", null)]
        public void ParseVersion_TakesTheThirdWord(string output, string? expected)
        {
            Assert.Equal(expected, GoEnvReader.ParseVersion(output));
        }
    }
}
