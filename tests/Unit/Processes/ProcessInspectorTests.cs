using System;
using System.Linq;
using GoEnvTools.Tests.Support;
using Xunit;

namespace GoEnvTools.Tests.Processes
{
    public sealed class ProcessInspectorTests
    {
        private const string CodeExe = "/usr/share/code/code";
        private const string ServerNode = "/home/gopher/.vscode-server/cli/servers/Stable-0f0d87fa9e/server/node";
        private const string GoplsExe = "/home/gopher/go/bin/gopls";

        private readonly FakeProcessProvider _provider = new FakeProcessProvider();

        private ProcessInspector Inspector => new ProcessInspector(_provider);

        /// <summary>
        /// systemd(1) -> gnome-shell(900) -> code main(3000) -> code extension host(3100, utility) -> gopls(4000),
        /// with a renderer(3050) beside the extension host.
        /// </summary>
        private void AddLocalCodeTree(params string[] goplsEnvironment)
        {
            _provider.Add(1, 0, "systemd", "/usr/lib/systemd/systemd", userId: 0);
            _provider.Add(900, 1, "gnome-shell", "/usr/bin/gnome-shell");
            _provider.Add(3000, 900, "code", CodeExe, new[] { CodeExe, "--unity-launch" });
            _provider.Add(3050, 3000, "code", CodeExe, new[] { CodeExe, "--type=renderer" });
            _provider.Add(3100, 3000, "code", CodeExe, new[] { CodeExe, "--type=utility", "--utility-sub-type=node.mojom.NodeService" });
            _provider.Add(4000, 3100, "gopls", GoplsExe, new[] { GoplsExe, "-mode=stdio" }, 1000, goplsEnvironment);
        }

        /// <summary>
        /// sshd(700) -> bash(710) -> sh code-server script(720) -> server node(730) -> extension host node(740) -> gopls(750).
        /// </summary>
        private void AddRemoteCodeTree()
        {
            _provider.Add(1, 0, "systemd", "/usr/lib/systemd/systemd", userId: 0);
            _provider.Add(700, 1, "sshd", "/usr/sbin/sshd", new[] { "sshd: gopher@notty" });
            _provider.Add(710, 700, "bash", "/usr/bin/bash");
            _provider.Add(720, 710, "sh", "/usr/bin/dash", new[] { "sh", "/home/gopher/.vscode-server/bin/0f0d87fa9e/bin/code-server", "--start-server" });
            _provider.Add(730, 720, "node", ServerNode, new[] { ServerNode, "/home/gopher/.vscode-server/cli/servers/Stable-0f0d87fa9e/server/out/server-main.js", "--start-server" });
            _provider.Add(740, 730, "node", ServerNode, new[] { ServerNode, "--dns-result-order=ipv4first", "/home/gopher/.vscode-server/cli/servers/Stable-0f0d87fa9e/server/out/bootstrap-fork", "--type=extensionHost" });
            _provider.Add(750, 740, "gopls", GoplsExe, null, 1000, "PATH=/usr/bin");
        }

        private GoplsEnvironment ReadGopls(int pid)
        {
            Assert.Equal(ProcessReadOutcome.Found, Inspector.TryReadGopls(pid, out GoplsEnvironment? gopls));
            Assert.NotNull(gopls);
            return gopls!;
        }

        private static int[] Pids(ProcessInfo[] processes) => processes.Select(p => p.ProcessId).ToArray();

        // ---- ancestry and editor ----

        [Fact]
        public void TryReadGopls_LocalCode_AncestorsEndAtTheEditorsMainProcess()
        {
            AddLocalCodeTree("PATH=/usr/bin");

            GoplsEnvironment gopls = ReadGopls(4000);

            Assert.Equal(new[] { 3100, 3000 }, Pids(gopls.Ancestors));
            Assert.Equal(Editor.Code, gopls.Editor);
            Assert.False(gopls.IsRemote);
            Assert.Equal(3100, gopls.ExtensionHostProcessId);
        }

        [Fact]
        public void TryReadGopls_RemoteCode_IsRemoteAndStopsAtTheServer()
        {
            AddRemoteCodeTree();

            GoplsEnvironment gopls = ReadGopls(750);

            Assert.Equal(new[] { 740, 730 }, Pids(gopls.Ancestors));
            Assert.Equal(Editor.Code, gopls.Editor);
            Assert.True(gopls.IsRemote);
            Assert.Equal(740, gopls.ExtensionHostProcessId);
        }

        [Fact]
        public void TryReadGopls_AncestorsAreReadFromTheTable()
        {
            AddLocalCodeTree();

            GoplsEnvironment gopls = ReadGopls(4000);

            ProcessInfo host = gopls.Ancestors[0];
            Assert.Equal(3000, host.ParentProcessId);
            Assert.Equal(CodeExe, host.ExecutablePath);
            Assert.Contains("--type=utility", host.CommandLine);
        }

        [Fact]
        public void TryReadGopls_WrapperBetweenGoplsAndEditor_IsKept()
        {
            AddLocalCodeTree();
            _provider.Add(3200, 3100, "sh", "/usr/bin/dash", new[] { "/bin/sh", "/home/gopher/bin/gopls-wrapper" });
            _provider.Add(4001, 3200, "gopls", GoplsExe);

            GoplsEnvironment gopls = ReadGopls(4001);

            Assert.Equal(new[] { 3200, 3100, 3000 }, Pids(gopls.Ancestors));
            Assert.Equal(Editor.Code, gopls.Editor);
            Assert.Equal(3100, gopls.ExtensionHostProcessId);
        }

        [Fact]
        public void TryReadGopls_NoEditor_WalksToTheRoot()
        {
            _provider.Add(1, 0, "systemd", "/usr/lib/systemd/systemd", userId: 0);
            _provider.Add(2000, 1, "bash", "/usr/bin/bash");
            _provider.Add(2100, 2000, "gopls", GoplsExe);

            GoplsEnvironment gopls = ReadGopls(2100);

            Assert.Equal(new[] { 2000, 1 }, Pids(gopls.Ancestors));
            Assert.Equal(Editor.None, gopls.Editor);
            Assert.False(gopls.IsRemote);
            Assert.Null(gopls.ExtensionHostProcessId);
        }

        [Fact]
        public void TryReadGopls_NeovimInsideCodeTerminal_NearestEditorDecides()
        {
            AddLocalCodeTree();
            _provider.Add(3300, 3000, "bash", "/usr/bin/bash");
            _provider.Add(3400, 3300, "nvim", "/usr/bin/nvim", null, 1000, "VSCODE_CRASH_REPORTER_PROCESS_TYPE=extensionHost");
            _provider.Add(3500, 3400, "gopls", GoplsExe);

            GoplsEnvironment gopls = ReadGopls(3500);

            Assert.Equal(Editor.Other, gopls.Editor);
            Assert.Equal(new[] { 3400 }, Pids(gopls.Ancestors));
            Assert.Null(gopls.ExtensionHostProcessId);
        }

        [Fact]
        public void TryReadGopls_ExtensionHostFoundByItsEnvironment()
        {
            _provider.Add(1, 0, "systemd", "/usr/lib/systemd/systemd", userId: 0);
            _provider.Add(3000, 1, "code", CodeExe, new[] { CodeExe }, 1000, "VSCODE_CRASH_REPORTER_PROCESS_TYPE=main");
            _provider.Add(3100, 3000, "code", CodeExe, new[] { CodeExe, "/usr/share/code/resources/app/out/bootstrap-fork" }, 1000,
                "ELECTRON_RUN_AS_NODE=1", "VSCODE_CRASH_REPORTER_PROCESS_TYPE=extensionHost");
            _provider.Add(4000, 3100, "gopls", GoplsExe);

            GoplsEnvironment gopls = ReadGopls(4000);

            Assert.Equal(3100, gopls.ExtensionHostProcessId);
            Assert.Equal(new[] { 3100, 3000 }, Pids(gopls.Ancestors));
        }

        [Fact]
        public void TryReadGopls_NoArgumentOrVariableMarksAHost_LeavesItNull()
        {
            _provider.Add(1, 0, "systemd", "/usr/lib/systemd/systemd", userId: 0);
            _provider.Add(3000, 1, "code", CodeExe, new[] { CodeExe }, 1000, "VSCODE_CRASH_REPORTER_PROCESS_TYPE=main");
            _provider.Add(3100, 3000, "code", CodeExe, new[] { CodeExe, "--type=renderer" });
            _provider.SetEnvironment(3100, EnvironmentRead.Failure(EnvironmentStatus.AccessDenied, "denied"));
            _provider.Add(4000, 3100, "gopls", GoplsExe);

            GoplsEnvironment gopls = ReadGopls(4000);

            Assert.Equal(Editor.Code, gopls.Editor);
            Assert.Null(gopls.ExtensionHostProcessId);
        }

        [Fact]
        public void TryReadGopls_LoopInParentIds_Terminates()
        {
            _provider.Add(10, 11, "bash", "/usr/bin/bash");
            _provider.Add(11, 10, "bash", "/usr/bin/bash");
            _provider.Add(12, 10, "gopls", GoplsExe);
            _provider.Add(20, 20, "gopls", GoplsExe);

            Assert.Equal(new[] { 10, 11 }, Pids(ReadGopls(12).Ancestors));
            Assert.Empty(ReadGopls(20).Ancestors);
        }

        [Fact]
        public void TryReadGopls_LoopBackToGopls_Terminates()
        {
            _provider.Add(30, 31, "gopls", GoplsExe);
            _provider.Add(31, 30, "bash", "/usr/bin/bash");

            Assert.Equal(new[] { 31 }, Pids(ReadGopls(30).Ancestors));
        }

        [Fact]
        public void TryReadGopls_VeryDeepChain_IsCapped()
        {
            for (int pid = 1; pid <= 200; pid++)
            {
                _provider.Add(pid, pid - 1, "sh", "/usr/bin/dash");
            }

            _provider.Add(500, 200, "gopls", GoplsExe);

            ProcessInfo[] ancestors = ReadGopls(500).Ancestors;

            Assert.Equal(64, ancestors.Length);
            Assert.Equal(200, ancestors[0].ProcessId);
        }

        [Fact]
        public void TryReadGopls_ParentGone_HasNoAncestors()
        {
            _provider.Add(4000, 3999, "gopls", GoplsExe);

            GoplsEnvironment gopls = ReadGopls(4000);

            Assert.Empty(gopls.Ancestors);
            Assert.Equal(Editor.None, gopls.Editor);
        }

        // ---- go binary and GO* variables ----

        [Fact]
        public void TryReadGopls_GoBinary_IsTheFirstExecutableOnGoplsPath()
        {
            AddLocalCodeTree("PATH=bin::/opt/missing:/usr/local/go/bin:/usr/bin");
            _provider.ExecutableFiles.UnionWith(new[] { "bin/go", "/usr/local/go/bin/go", "/usr/bin/go" });

            GoplsEnvironment gopls = ReadGopls(4000);

            Assert.Equal("/usr/local/go/bin/go", gopls.GoBinary);
            Assert.Equal(new[] { "bin", string.Empty, "/opt/missing", "/usr/local/go/bin", "/usr/bin" }, gopls.PathEntries);
        }

        [Fact]
        public void TryReadGopls_NoGoOnPath_GoBinaryIsNull()
        {
            AddLocalCodeTree("PATH=/usr/bin:/bin");
            _provider.ExecutableFiles.Add("/usr/local/go/bin/go");

            GoplsEnvironment gopls = ReadGopls(4000);

            Assert.Null(gopls.GoBinary);
            Assert.Equal(new[] { "/usr/bin/go", "/bin/go" }, _provider.ExecutableProbes);
        }

        [Fact]
        public void TryReadGopls_NoPathVariable_HasNoEntriesAndNoGo()
        {
            AddLocalCodeTree("HOME=/home/gopher");
            _provider.ExecutableFiles.Add("/usr/bin/go");

            GoplsEnvironment gopls = ReadGopls(4000);

            Assert.Empty(gopls.PathEntries);
            Assert.Null(gopls.GoBinary);
        }

        [Fact]
        public void TryReadGopls_GoVariables_ComeFromGoplsEnvironment()
        {
            AddLocalCodeTree(
                "GOROOT=/usr/local/go",
                "GOPATH=/home/gopher/go",
                "GOFLAGS=-mod=mod -tags=integration",
                "GOPROXY=https://proxy.example.com,direct",
                "GOPRIVATE=example.com/private/*",
                "GOTOOLCHAIN=go1.22.4+auto");

            GoplsEnvironment gopls = ReadGopls(4000);

            Assert.Equal("/usr/local/go", gopls.GOROOT);
            Assert.Equal("/home/gopher/go", gopls.GOPATH);
            Assert.Equal("-mod=mod -tags=integration", gopls.GOFLAGS);
            Assert.Equal("https://proxy.example.com,direct", gopls.GOPROXY);
            Assert.Equal("example.com/private/*", gopls.GOPRIVATE);
            Assert.Equal("go1.22.4+auto", gopls.GOTOOLCHAIN);
        }

        [Fact]
        public void TryReadGopls_UnsetGoVariables_AreNull()
        {
            AddLocalCodeTree("GOROOT=/usr/local/go", "goflags=-x");

            GoplsEnvironment gopls = ReadGopls(4000);

            Assert.Equal("/usr/local/go", gopls.GOROOT);
            Assert.Null(gopls.GOPATH);
            Assert.Null(gopls.GOFLAGS);
            Assert.Null(gopls.GOPROXY);
            Assert.Null(gopls.GOPRIVATE);
            Assert.Null(gopls.GOTOOLCHAIN);
        }

        [Fact]
        public void TryReadGopls_Windows_LooksUpPathCaseInsensitivelyWithPathExt()
        {
            _provider.EnvironmentIgnoresCase = true;
            _provider.CurrentUserId = null;
            _provider.Add(4000, 3100, "gopls.exe", @"C:\Users\gopher\go\bin\gopls.exe", null, null,
                @"Path=C:\Windows\system32;C:\Program Files\Go\bin", "PATHEXT=.COM;.EXE;.BAT", @"GoRoot=C:\Program Files\Go");
            _provider.ExecutableFiles.Add(@"C:\Program Files\Go\bin\go.exe");

            GoplsEnvironment gopls = ReadGopls(4000);

            Assert.Equal(@"C:\Program Files\Go\bin\go.exe", gopls.GoBinary);
            Assert.Equal(new[] { @"C:\Windows\system32", @"C:\Program Files\Go\bin" }, gopls.PathEntries);
            Assert.Equal(@"C:\Program Files\Go", gopls.GOROOT);
        }

        // ---- unreadable environments ----

        [Theory]
        [InlineData(EnvironmentStatus.AccessDenied)]
        [InlineData(EnvironmentStatus.Exited)]
        [InlineData(EnvironmentStatus.Hidden)]
        [InlineData(EnvironmentStatus.NotSupported)]
        public void TryRead_UnreadableEnvironment_IsNullNeverEmpty(EnvironmentStatus status)
        {
            _provider.Add(4000, 1, "gopls", GoplsExe);
            _provider.SetEnvironment(4000, EnvironmentRead.Failure(status, "why it failed"));

            Assert.Equal(ProcessReadOutcome.Found, Inspector.TryRead(4000, out ProcessEnvironment? result));

            Assert.NotNull(result);
            Assert.Equal(status, result!.EnvironmentStatus);
            Assert.Null(result.Environment);
            Assert.Equal("why it failed", result.EnvironmentError);
            Assert.Null(result.GetVariable("PATH"));
        }

        [Fact]
        public void TryReadGopls_AccessDenied_HasNoGoDetailsAndProbesNothing()
        {
            AddLocalCodeTree();
            _provider.SetEnvironment(4000, EnvironmentRead.Failure(EnvironmentStatus.AccessDenied, "denied"));
            _provider.ExecutableFiles.Add("/usr/bin/go");

            GoplsEnvironment gopls = ReadGopls(4000);

            Assert.Equal(EnvironmentStatus.AccessDenied, gopls.EnvironmentStatus);
            Assert.Null(gopls.Environment);
            Assert.Null(gopls.GoBinary);
            Assert.Null(gopls.GOROOT);
            Assert.Empty(gopls.PathEntries);
            Assert.Empty(_provider.ExecutableProbes);
            Assert.Equal(Editor.Code, gopls.Editor);
        }

        [Fact]
        public void TryRead_Ok_CopiesTheProcessAndTheEnvironment()
        {
            AddLocalCodeTree("PATH=/first", "HOME=/home/gopher", "PATH=/second", "NOVALUE");

            Assert.Equal(ProcessReadOutcome.Found, Inspector.TryRead(4000, out ProcessEnvironment? result));

            Assert.NotNull(result);
            Assert.Equal(4000, result!.ProcessId);
            Assert.Equal(3100, result.ParentProcessId);
            Assert.Equal("gopls", result.Name);
            Assert.Equal(GoplsExe, result.ExecutablePath);
            Assert.Equal(new[] { GoplsExe, "-mode=stdio" }, result.CommandLine);
            Assert.Equal(1000, result.UserId);
            Assert.Equal(EnvironmentStatus.Ok, result.EnvironmentStatus);
            Assert.Null(result.EnvironmentError);
            Assert.NotNull(result.Environment);
            Assert.Equal(new[] { "PATH", "HOME" }, result.Environment!.Keys.Cast<string>());
            Assert.Equal("/first", result.GetVariable("PATH"));
        }

        [Fact]
        public void TryRead_Lossy_KeepsTheEnvironment()
        {
            _provider.Add(4000, 1, "gopls", GoplsExe);
            _provider.SetEnvironment(4000, EnvironmentRead.Success(FakeProcessProvider.Entries("A=1"), lossy: true));

            Inspector.TryRead(4000, out ProcessEnvironment? result);

            Assert.Equal(EnvironmentStatus.Lossy, result!.EnvironmentStatus);
            Assert.Equal("1", result.GetVariable("A"));
        }

        [Fact]
        public void TryRead_EmptyEnvironmentThatWasRead_IsEmptyNotNull()
        {
            _provider.Add(4000, 1, "env", "/usr/bin/env");

            Inspector.TryRead(4000, out ProcessEnvironment? result);

            Assert.Equal(EnvironmentStatus.Ok, result!.EnvironmentStatus);
            Assert.NotNull(result.Environment);
            Assert.Empty(result.Environment!);
        }

        // ---- processes that are missing or change under the read ----

        [Fact]
        public void TryRead_MissingProcess_IsNotFound()
        {
            AddLocalCodeTree();

            Assert.Equal(ProcessReadOutcome.NotFound, Inspector.TryRead(4242, out ProcessEnvironment? result));
            Assert.Null(result);
            Assert.Equal(ProcessReadOutcome.NotFound, Inspector.TryReadGopls(4242, out GoplsEnvironment? gopls));
            Assert.Null(gopls);
        }

        [Fact]
        public void TryRead_StartTokenChangesDuringTheEnvironmentRead_IsExitedDuringRead()
        {
            AddLocalCodeTree("PATH=/usr/bin");
            _provider.AfterGetEnvironment = pid =>
            {
                if (pid == 4000)
                {
                    _provider.SetStartToken(4000, 9_999_999);
                }
            };

            Assert.Equal(ProcessReadOutcome.ExitedDuringRead, Inspector.TryRead(4000, out ProcessEnvironment? result));
            Assert.Null(result);
        }

        [Fact]
        public void TryReadGopls_StartTokenChangesDuringTheEnvironmentRead_IsExitedDuringRead()
        {
            AddLocalCodeTree("PATH=/usr/bin");
            _provider.AfterGetEnvironment = pid => _provider.SetStartToken(pid, 9_999_999);

            Assert.Equal(ProcessReadOutcome.ExitedDuringRead, Inspector.TryReadGopls(4000, out GoplsEnvironment? gopls));
            Assert.Null(gopls);
        }

        [Fact]
        public void TryRead_ProcessExitsDuringTheEnvironmentRead_IsExitedDuringRead()
        {
            AddLocalCodeTree("PATH=/usr/bin");
            _provider.AfterGetEnvironment = pid => _provider.Remove(pid);

            Assert.Equal(ProcessReadOutcome.ExitedDuringRead, Inspector.TryRead(4000, out ProcessEnvironment? result));
            Assert.Null(result);
        }

        [Fact]
        public void TryRead_IdReusedRightAfterTheProcessWasRead_IsExitedDuringRead()
        {
            // The details came from one process and the environment would come from its successor.
            AddLocalCodeTree("PATH=/usr/bin");
            _provider.AfterGetProcess = pid =>
            {
                if (pid == 4000)
                {
                    _provider.SetStartToken(4000, 9_999_999);
                }
            };

            Assert.Equal(ProcessReadOutcome.ExitedDuringRead, Inspector.TryRead(4000, out ProcessEnvironment? result));
            Assert.Null(result);
        }

        [Fact]
        public void TryRead_StableStartToken_IsFound()
        {
            AddLocalCodeTree("PATH=/usr/bin");
            int environmentReads = 0;
            _provider.AfterGetEnvironment = _ => environmentReads++;

            Assert.Equal(ProcessReadOutcome.Found, Inspector.TryRead(4000, out _));
            Assert.Equal(1, environmentReads);
        }

        // ---- finding processes ----

        [Fact]
        public void FindGopls_OnlyTheCurrentUsersGoplsAndGoplsExe()
        {
            _provider.CurrentUserId = 1000;
            _provider.Add(100, 1, "gopls", GoplsExe, null, 1000);
            _provider.Add(101, 1, "gopls", "/root/go/bin/gopls", null, 0);
            _provider.Add(102, 1, "gopls.exe", "/mnt/c/go/bin/gopls.exe", null, 1000);
            _provider.Add(103, 1, "gopls-wrapper", "/home/gopher/bin/gopls-wrapper", null, 1000);
            _provider.Add(104, 1, "bash", "/usr/bin/bash", null, 1000);
            _provider.Add(105, 1, "gopls", GoplsExe, null, null);
            _provider.AddVanishing(106, "gopls");

            Assert.Equal(new[] { 100, 102 }, Inspector.FindGopls().OrderBy(p => p).ToArray());
        }

        [Fact]
        public void FindGopls_CurrentUserUnknown_ReturnsEveryGopls()
        {
            _provider.CurrentUserId = null;
            _provider.CurrentUserName = null;
            _provider.Add(100, 1, "gopls.exe", @"C:\go\bin\gopls.exe", null, null);
            _provider.Add(101, 1, "GOPLS.EXE", @"C:\other\GOPLS.EXE", null, null);
            _provider.Add(102, 1, "Code.exe", @"C:\code\Code.exe", null, null);

            Assert.Equal(new[] { 100, 101 }, Inspector.FindGopls().OrderBy(p => p).ToArray());
        }

        [Fact]
        public void FindByName_NameCutByTheTable_IsMatchedInFull()
        {
            _provider.Add(200, 1, "gopls-nightly-build", "/opt/tools/gopls-nightly-build");
            _provider.SetTableName(200, "gopls-nightly-b");
            _provider.Add(201, 1, "gopls", GoplsExe);

            Assert.Equal(new[] { 200 }, Inspector.FindByName(n => n == "gopls-nightly-build").ToArray());
            Assert.Equal(new[] { 200 }, Inspector.FindByName(n => n == "gopls-nightly-b").ToArray());
        }

        [Fact]
        public void FindByName_MatchesWithoutExe()
        {
            _provider.Add(300, 1, "go.exe", @"C:\go\bin\go.exe", null, null);

            Assert.Equal(new[] { 300 }, Inspector.FindByName(n => n == "go").ToArray());
        }
    }
}
