using System;
using System.Collections;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using System.Threading;
using System.Xml.Linq;
using GoEnvTools.Tests.Support;
using Xunit;

namespace GoEnvTools.Tests.GuiEnvironment
{
    // No Mac runs these: launchctl is a fake behind the child-process seam, and the plist is checked as XML.
    public sealed class LaunchdStoreTests : IDisposable
    {
        private readonly string _home = Path.Combine(Path.GetTempPath(), "goenvtools-launchd-" + Guid.NewGuid().ToString("N"));
        private readonly Dictionary<string, string> _launchd = new Dictionary<string, string>();
        private readonly FakeChildProcessRunner _runner;
        private readonly LaunchdStore _store;

        public LaunchdStoreTests()
        {
            Directory.CreateDirectory(_home);
            _runner = new FakeChildProcessRunner(FakeLaunchctl);
            _store = new LaunchdStore(_home, _runner, new Hashtable { ["HOME"] = _home });
        }

        public void Dispose() => Directory.Delete(_home, recursive: true);

        [Fact]
        public void Set_RunsLaunchctlSetenv_WithTheValueAsOneArgument_AndWritesTheLaunchAgent()
        {
            var editor = new GuiEnvironmentEditor(_store);
            const string value = "a b $HOME \"q\" <x> & ]]> ü";

            GuiEnvironmentChange change = editor.Apply(editor.PlanSet("GOFLAGS", value));

            ChildProcessRequest setenv = _runner.Requests.Last();
            Assert.Equal(LaunchdStore.Launchctl, setenv.FileName);
            Assert.Equal(new[] { "setenv", "GOFLAGS", value }, setenv.Arguments);
            Assert.Equal(new[] { "getenv", "GOFLAGS" }, _runner.Requests.First().Arguments);
            Assert.Equal(Path.Combine(_home, "Library", "LaunchAgents", "org.goenvtools.environment.plist"), change.Path);
            Assert.True(change.SessionUpdated);

            XDocument plist = XDocument.Load(change.Path);
            Assert.Equal("-//Apple//DTD PLIST 1.0//EN", plist.DocumentType!.PublicId);
            Dictionary<string, XElement> dict = Dict(plist);
            Assert.Equal(LaunchdStore.Label, dict["Label"].Value);
            Assert.Equal("true", dict["RunAtLoad"].Name.LocalName);
            string[] program = dict["ProgramArguments"].Elements("string").Select(e => e.Value).ToArray();
            Assert.Equal(new[] { "/bin/sh", "-c", LaunchdStore.Script, "goenvtools-environment", "GOFLAGS", value }, program);
        }

        [Fact]
        public void TheLaunchAgentsScript_RunsOneSetenvPerPair_WithValuesUntouchedByTheShell()
        {
            RequireSh();
            var editor = new GuiEnvironmentEditor(_store);
            string[] values = { "one two", "$(touch /tmp/goenvtools-injected)", "it's \"quoted\"", "back\\slash", "line\nbreak" };
            for (int i = 0; i < values.Length; i++)
            {
                editor.Apply(editor.PlanSet("V" + i, values[i]));
            }

            // Run the generated program with a recorder in place of /bin/launchctl: one NUL-separated record a call.
            string[] program = Dict(XDocument.Load(_store.Path))["ProgramArguments"].Elements("string").Select(e => e.Value).ToArray();
            string record = Path.Combine(_home, "calls");
            string recorder = Path.Combine(_home, "launchctl");
            File.WriteAllText(recorder, "#!/bin/sh\nfor a in \"$@\"; do printf '%s\\0' \"$a\" >> '" + record + "'; done\nprintf '\\n' >> '" + record + "'\n");
            new PosixChildProcessRunner(CancellationToken.None).Run(new ChildProcessRequest("/bin/chmod", new[] { "+x", recorder }, new Hashtable()));
            string script = program[2].Replace(LaunchdStore.Launchctl, recorder);
            ChildProcessResult result = new PosixChildProcessRunner(CancellationToken.None).Run(
                new ChildProcessRequest(program[0], new[] { program[1], script }.Concat(program.Skip(3)).ToArray(), new Hashtable { ["PATH"] = "/usr/bin:/bin" }));

            Assert.Equal(0, result.ExitCode);
            string[] calls = File.ReadAllText(record).Split(new[] { "\0\n" }, StringSplitOptions.RemoveEmptyEntries);
            Assert.Equal(values.Length, calls.Length);
            for (int i = 0; i < values.Length; i++)
            {
                Assert.Equal(new[] { "setenv", "V" + i, values[i] }, calls[i].Split('\0'));
            }

            Assert.False(File.Exists("/tmp/goenvtools-injected"));
        }

        [Fact]
        public void Remove_PutsBackThePreviousValueWithSetenv_OrUnsetsIt_AndDropsTheLaunchAgentWhenEmpty()
        {
            _launchd["GOPROXY"] = "https://old.example";
            var editor = new GuiEnvironmentEditor(_store);
            editor.Apply(editor.PlanSet("GOPROXY", "direct"));
            editor.Apply(editor.PlanSet("GOPATH", "/Users/me/go"));
            Assert.Equal("NoChange", editor.Apply(editor.PlanSet("GOPATH", "/Users/me/go")).Status);

            GuiEnvironmentChange proxy = editor.Apply(editor.PlanRemove("GOPROXY"));
            Assert.Equal(new[] { "setenv", "GOPROXY", "https://old.example" }, _runner.Requests.Last().Arguments);
            Assert.Equal("https://old.example", proxy.Value);
            Assert.True(File.Exists(_store.Path));

            editor.Apply(editor.PlanRemove("GOPATH"));
            Assert.Equal(new[] { "unsetenv", "GOPATH" }, _runner.Requests.Last().Arguments);
            Assert.False(File.Exists(_store.Path));
            Assert.False(File.Exists(_store.LedgerPath));
        }

        [Fact]
        public void Snapshot_AsksLaunchdForKnownNamesAndTheModulesOwn_AndIsMarkedLossy()
        {
            _launchd["PATH"] = "/usr/bin:/bin";
            var editor = new GuiEnvironmentEditor(_store);
            editor.Apply(editor.PlanSet("MY_TOOL_HOME", "/opt/tool"));

            GoEnvSnapshot snapshot = _store.Snapshot(DateTime.Now);

            Assert.Equal(EnvironmentStatus.Lossy, snapshot.EnvironmentStatus);
            Assert.Equal("MacOS", snapshot.Platform);
            Assert.Equal("/usr/bin:/bin", snapshot.Variables!["PATH"]);
            Assert.Equal("/opt/tool", snapshot.Variables["MY_TOOL_HOME"]);
            Assert.False(snapshot.Variables.Contains("GOPATH"));
        }

        [Fact]
        public void ACharacterAPlistCannotHold_IsRefused()
        {
            Assert.Throws<GuiEnvironmentValueException>(() => new GuiEnvironmentEditor(_store).PlanSet("GOFLAGS", "esc\u001b"));
            Assert.Empty(_runner.Requests);
        }

        private static Dictionary<string, XElement> Dict(XDocument plist)
        {
            var pairs = new Dictionary<string, XElement>();
            List<XElement> items = plist.Root!.Element("dict")!.Elements().ToList();
            for (int i = 0; i + 1 < items.Count; i += 2)
            {
                Assert.Equal("key", items[i].Name.LocalName);
                pairs[items[i].Value] = items[i + 1];
            }

            return pairs;
        }

        private static void RequireSh()
        {
            if (!File.Exists("/bin/sh"))
            {
                throw new InvalidOperationException("/bin/sh is missing.");
            }
        }

        private ChildProcessResult FakeLaunchctl(ChildProcessRequest request)
        {
            string[] a = request.Arguments.ToArray();
            switch (a[0])
            {
                case "getenv":
                    return FakeChildProcessRunner.Exited(0, _launchd.TryGetValue(a[1], out string? v) ? Encoding.UTF8.GetBytes(v + "\n") : Array.Empty<byte>());
                case "setenv":
                    _launchd[a[1]] = a[2];
                    return FakeChildProcessRunner.Exited(0, Array.Empty<byte>());
                case "unsetenv":
                    _launchd.Remove(a[1]);
                    return FakeChildProcessRunner.Exited(0, Array.Empty<byte>());
                default:
                    throw new InvalidOperationException("unexpected launchctl call " + string.Join(" ", a));
            }
        }
    }
}
