using System.Linq;
using GoEnvTools.Tests.Support;
using GoEnvTools.Windows;
using Xunit;

namespace GoEnvTools.Tests.Processes.Windows
{
    /// <summary>
    /// gopls under VS Code on Windows, read through a process table shaped as the Windows provider gives it: names
    /// with ".exe", Windows paths, no user ids, case-insensitive variable names. The extension host is a Code.exe
    /// child with --type=utility; language servers of other extensions are Code.exe children run as node
    /// (--ms-enable-electron-run-as-node ... --node-ipc), as VS Code's process explorer shows them.
    /// </summary>
    public sealed class WindowsEditorTreeTests
    {
        private readonly FakeProcessProvider _provider = new FakeProcessProvider { EnvironmentIgnoresCase = true, CurrentUserId = null, CurrentUserName = @"DESKTOP-GO\Gopher" };

        private void AddTree(string folder, string exeName, string goplsName = "gopls.exe")
        {
            string exe = $@"C:\Users\Gopher\AppData\Local\Programs\{folder}\{exeName}";
            _provider.Add(600, 0, "explorer.exe", @"C:\Windows\explorer.exe", userId: null);
            _provider.Add(8000, 600, exeName, exe, new[] { exe }, userId: null);
            _provider.Add(8050, 8000, exeName, exe, new[] { exe, "--type=renderer", "--user-data-dir=C:\\Users\\Gopher\\AppData\\Roaming\\Code" }, userId: null);
            _provider.Add(8100, 8000, exeName, exe, new[] { exe, "--type=utility", "--utility-sub-type=node.mojom.NodeService", "--lang=en-US", "--service-sandbox-type=none" }, userId: null);
            _provider.Add(8150, 8100, exeName, exe, new[] { exe, "--ms-enable-electron-run-as-node", @"c:\Users\Gopher\.vscode\extensions\redhat.vscode-yaml-1.14.0\dist\languageserver.js", "--node-ipc", "--clientProcessId=8100" }, userId: null);
            AddGopls(9000, 8100, goplsName, @"DESKTOP-GO\Gopher");
        }

        /// <summary>A gopls owned by <paramref name="owner"/> ("DOMAIN\user", or null when Windows would not tell).</summary>
        private void AddGopls(int processId, int parentProcessId, string goplsName, string? owner)
        {
            ProcessInfo gopls = _provider.Add(processId, parentProcessId, goplsName, $@"C:\Users\Gopher\go\bin\{goplsName}", new[] { $@"C:\Users\Gopher\go\bin\{goplsName}", "-mode=stdio" }, null,
                "=C:=C:\\Users\\Gopher\\src", "Path=C:\\Program Files\\Go\\bin", "GOPATH=C:\\Users\\Gopher\\go");
            gopls.UserName = owner;
        }

        [Theory]
        [InlineData("Microsoft VS Code", "Code.exe", Editor.Code)]
        [InlineData("Microsoft VS Code Insiders", "Code - Insiders.exe", Editor.Insiders)]
        [InlineData("VSCodium", "VSCodium.exe", Editor.VSCodium)]
        [InlineData("cursor", "Cursor.exe", Editor.Cursor)]
        public void Gopls_UnderEachEditor_IsFoundWithItsExtensionHost(string folder, string exeName, Editor expected)
        {
            AddTree(folder, exeName);
            var inspector = new ProcessInspector(_provider);

            Assert.Equal(new[] { 9000 }, inspector.FindGopls().ToArray());
            Assert.Equal(ProcessReadOutcome.Found, inspector.TryReadGopls(9000, out GoplsEnvironment? gopls));

            Assert.Equal(expected, gopls!.Editor);
            Assert.False(gopls.IsRemote);
            Assert.Equal(8100, gopls.ExtensionHostProcessId);
            Assert.Equal(new[] { 8100, 8000 }, gopls.Ancestors.Select(a => a.ProcessId).ToArray());
        }

        [Fact]
        public void GoplsEnvironment_NamesIgnoreCase_AndDriveEntriesAreHidden()
        {
            AddTree("Microsoft VS Code", "Code.exe");

            new ProcessInspector(_provider).TryReadGopls(9000, out GoplsEnvironment? gopls);

            Assert.Equal(@"C:\Users\Gopher\go", gopls!.GOPATH);
            Assert.Equal(@"C:\Program Files\Go\bin", gopls.GetVariable("PATH"));
            Assert.Equal(new[] { @"C:\Program Files\Go\bin" }, gopls.PathEntries);
            Assert.False(gopls.Environment!.Contains("=C:"));
        }

        [Fact]
        public void OtherUsersGopls_IsLeftOut_ByOwnerName()
        {
            AddTree("Microsoft VS Code", "Code.exe");
            AddGopls(9100, 8100, "gopls.exe", @"desktop-go\GOPHER");
            AddGopls(9200, 600, "gopls.exe", @"DESKTOP-GO\Alice");
            AddGopls(9300, 600, "gopls.exe", @"OTHER-PC\Gopher");
            AddGopls(9400, 600, "gopls.exe", owner: null);
            var inspector = new ProcessInspector(_provider);

            Assert.Equal(new[] { 9000, 9100 }, inspector.FindGopls().OrderBy(p => p).ToArray());
            Assert.Equal(new[] { 9000, 9100 }, inspector.ReadGopls().Select(r => r.ProcessId).OrderBy(p => p).ToArray());
            Assert.Equal(new[] { 9000, 9100 }, inspector.SummarizeGopls().Select(g => g.ProcessId).OrderBy(p => p).ToArray());
        }

        [Fact]
        public void CurrentUserNameUnknown_EveryGoplsIsListed()
        {
            _provider.CurrentUserName = null;
            AddTree("Microsoft VS Code", "Code.exe");
            AddGopls(9200, 600, "gopls.exe", @"DESKTOP-GO\Alice");
            AddGopls(9400, 600, "gopls.exe", owner: null);

            Assert.Equal(new[] { 9000, 9200, 9400 }, new ProcessInspector(_provider).FindGopls().OrderBy(p => p).ToArray());
        }

        [Fact]
        public void GoplsWithUpperCaseExe_IsStillGopls()
        {
            AddTree("Microsoft VS Code", "Code.exe", goplsName: "GOPLS.EXE");

            Assert.Equal(new[] { 9000 }, new ProcessInspector(_provider).FindGopls().ToArray());
        }

        [Fact]
        public void LanguageServerRunAsNode_IsNotTheExtensionHost()
        {
            AddTree("Microsoft VS Code", "Code.exe");

            Assert.False(EditorDetector.LooksLikeExtensionHost(_provider.GetProcess(8150)!));
            Assert.False(EditorDetector.LooksLikeExtensionHost(_provider.GetProcess(8050)!));
            Assert.True(EditorDetector.LooksLikeExtensionHost(_provider.GetProcess(8100)!));
        }

        [Fact]
        public void ExtensionHostTypeLowerCased_IsStillTheHost()
        {
            // Windows has been seen to lower-case switch values of Electron children (VS Code issue 150820).
            var host = new ProcessInfo { Name = "Code.exe", CommandLine = new[] { @"C:\VS Code\Code.exe", "--type=extensionhost" } };

            Assert.True(EditorDetector.LooksLikeExtensionHost(host));
        }

        [Theory]
        [InlineData(500L, 400L, 42)]
        [InlineData(500L, 500L, 42)]
        [InlineData(500L, 600L, 0)]
        [InlineData(500L, null, 42)]
        public void ParentCreatedAfterTheChild_IsNotItsParent(long child, long? parent, int expected)
        {
            Assert.Equal(expected, WindowsProcessProvider.ParentOrZero(42, child, parent));
        }
    }
}
