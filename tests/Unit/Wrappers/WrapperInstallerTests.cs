using System;
using System.Collections.Generic;
using System.IO;
using System.Runtime.Versioning;
using System.Text;
using Xunit;

namespace GoEnvTools.Tests.Wrappers
{
    /// <summary>The install and uninstall decisions: target checks, records of earlier settings, NoChange.</summary>
    [SupportedOSPlatform("linux")]
    public sealed class WrapperInstallerTests : IDisposable
    {
        private readonly string _root = Path.Combine(Path.GetTempPath(), "goenvtools-wrappers-" + Guid.NewGuid().ToString("N"));

        public WrapperInstallerTests()
        {
            Directory.CreateDirectory(_root);
        }

        public void Dispose() => Directory.Delete(_root, recursive: true);

        private string WrapperPath => Path.Combine(_root, "bin", "gopls");

        private WrapperSpec Spec(string target = "/usr/bin/gopls") => new WrapperSpec("gopls", WrapperPath, target, "/bin/bash");

        private string WriteFile(string relative, string text)
        {
            string path = Path.Combine(_root, relative);
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            File.WriteAllText(path, text);
            return path;
        }

        private static bool Exists(string path) => File.Exists(path);

        [Fact]
        public void PlanInstall_NewWrapper_RecordsThePreviousSetting()
        {
            WrapperInstallPlan plan = WrapperInstaller.PlanInstall(Spec(), WrapperInstaller.Inspect(WrapperPath), "/s/settings.json", "/opt/old/gopls");

            Assert.True(plan.WritesWrapper);
            Assert.True(plan.SetsSetting);
            Assert.Equal("Installed", plan.Action);
            WrapperSettingRecord record = Assert.Single(WrapperScript.ReadHeader(plan.Content)!.Settings);
            Assert.Equal("/s/settings.json", record.SettingsPath);
            Assert.Equal("/opt/old/gopls", record.PreviousValue);
        }

        [Fact]
        public void PlanInstall_SameInstallAgain_WritesNothing_AndKeepsTheFirstRecord()
        {
            WrapperInstallPlan first = WrapperInstaller.PlanInstall(Spec(), WrapperInstaller.Inspect(WrapperPath), "/s/settings.json", null);
            WrapperInstaller.Write(WrapperPath, first.Content);

            WrapperInstallPlan second = WrapperInstaller.PlanInstall(Spec(), WrapperInstaller.Inspect(WrapperPath), "/s/settings.json", WrapperPath);

            Assert.False(second.WritesWrapper);
            Assert.False(second.SetsSetting);
            Assert.Equal("None", second.Action);
            WrapperSettingRecord record = Assert.Single(WrapperScript.ReadHeader(second.Content)!.Settings);
            Assert.Null(record.PreviousValue);
        }

        [Fact]
        public void PlanInstall_InstallWithoutTheSetting_KeepsRecordsOfEarlierInstalls()
        {
            WrapperInstaller.Write(WrapperPath, WrapperInstaller.PlanInstall(Spec(), WrapperInstaller.Inspect(WrapperPath), "/s/a.json", "/old").Content);

            WrapperInstallPlan plan = WrapperInstaller.PlanInstall(Spec("/opt/new/gopls"), WrapperInstaller.Inspect(WrapperPath), null, null);

            Assert.True(plan.WritesWrapper);
            Assert.Equal("Updated", plan.Action);
            WrapperHeader header = WrapperScript.ReadHeader(plan.Content)!;
            Assert.Equal("/opt/new/gopls", header.TargetPath);
            Assert.Equal("/old", Assert.Single(header.Settings).PreviousValue);
        }

        [Fact]
        public void PlanInstall_SettingChangedSince_ReplacesTheRecordOfThatFileOnly()
        {
            WrapperSpec spec = Spec();
            WrapperInstaller.Write(WrapperPath, WrapperInstaller.PlanInstall(spec, WrapperInstaller.Inspect(WrapperPath), "/s/a.json", "/first").Content);
            WrapperInstaller.Write(WrapperPath, WrapperInstaller.PlanInstall(Spec(), WrapperInstaller.Inspect(WrapperPath), "/s/b.json", null).Content);

            WrapperInstallPlan plan = WrapperInstaller.PlanInstall(Spec(), WrapperInstaller.Inspect(WrapperPath), "/s/a.json", "/set by hand");

            Assert.True(plan.SetsSetting);
            WrapperHeader header = WrapperScript.ReadHeader(plan.Content)!;
            Assert.Equal(2, header.Settings.Count);
            Assert.Equal("/s/b.json", header.Settings[0].SettingsPath);
            Assert.Null(header.Settings[0].PreviousValue);
            Assert.Equal("/s/a.json", header.Settings[1].SettingsPath);
            Assert.Equal("/set by hand", header.Settings[1].PreviousValue);
        }

        [Fact]
        public void Inspect_TellsMissingOursAndForeignApart()
        {
            Assert.Equal(WrapperFileKind.Missing, WrapperInstaller.Inspect(WrapperPath).Kind);
            WriteFile("bin/gopls", "#!/bin/sh\nexec /usr/bin/gopls \"$@\"\n");
            Assert.Equal(WrapperFileKind.Foreign, WrapperInstaller.Inspect(WrapperPath).Kind);
            WrapperInstaller.Write(WrapperPath, WrapperScript.Generate(Spec()));
            WrapperFileState state = WrapperInstaller.Inspect(WrapperPath);
            Assert.Equal(WrapperFileKind.Ours, state.Kind);
            Assert.Equal("/usr/bin/gopls", state.Header!.TargetPath);
        }

        [Fact]
        public void Write_MakesTheFileExecutable_AndLeavesNoTemporaryFile()
        {
            WrapperInstaller.Write(WrapperPath, WrapperScript.Generate(Spec()));

            Assert.Equal((UnixFileMode)0x1ED, File.GetUnixFileMode(WrapperPath));
            Assert.Single(Directory.GetFiles(Path.GetDirectoryName(WrapperPath)!));
        }

        [Fact]
        public void CheckTarget_RefusesAWrapper_NamingTheRealTool()
        {
            string other = Path.Combine(_root, "other", "gopls");
            WrapperInstaller.Write(other, WrapperScript.Generate(new WrapperSpec("gopls", other, "/real/gopls", "/bin/sh")));

            var ex = Assert.Throws<WrapperException>(() => WrapperInstaller.CheckTarget(other, WrapperPath, Exists));

            Assert.Contains("is a wrapper GoEnvTools wrote", ex.Message, StringComparison.Ordinal);
            Assert.Contains("-TargetPath '/real/gopls'", ex.Message, StringComparison.Ordinal);
        }

        [Fact]
        public void CheckTarget_RefusesALinkToAWrapper_TheWrapperItself_AndWhatIsNoProgram()
        {
            string other = Path.Combine(_root, "other", "gopls");
            WrapperInstaller.Write(other, WrapperScript.Generate(new WrapperSpec("gopls", other, "/real/gopls", "/bin/sh")));
            string link = Path.Combine(_root, "link-to-wrapper");
            File.CreateSymbolicLink(link, other);

            Assert.Throws<WrapperException>(() => WrapperInstaller.CheckTarget(link, WrapperPath, Exists));
            Assert.Throws<WrapperException>(() => WrapperInstaller.CheckTarget(WrapperPath, WrapperPath, _ => true));
            Assert.Throws<WrapperException>(() => WrapperInstaller.CheckTarget("gopls", WrapperPath, _ => true));
            Assert.Throws<WrapperException>(() => WrapperInstaller.CheckTarget(Path.Combine(_root, "missing"), WrapperPath, Exists));
            string real = WriteFile("real/gopls", "\u007fELF binary");
            Assert.Equal(real, WrapperInstaller.CheckTarget(real, WrapperPath, Exists));
        }

        [Fact]
        public void FindTarget_PassesOverWrappers_AndFindsTheRealToolBehindThem()
        {
            string first = Path.Combine(_root, "first");
            WrapperInstaller.Write(Path.Combine(first, "gopls"), WrapperScript.Generate(new WrapperSpec("gopls", Path.Combine(first, "gopls"), "/real/gopls", "/bin/sh")));
            string real = WriteFile("second/gopls", "binary");
            var skipped = new List<string>();

            string? found = WrapperInstaller.FindTarget("gopls", new[] { "", "relative", first, Path.Combine(_root, "bin"), Path.Combine(_root, "second") }, WrapperPath, Exists, skipped);

            Assert.Equal(real, found);
            Assert.Equal(new[] { Path.Combine(first, "gopls") }, skipped);
            Assert.Null(WrapperInstaller.FindTarget("gopls", new[] { first }, WrapperPath, Exists, new List<string>()));
        }

        [Fact]
        public void CurrentSetting_ReadsTheString_InsideTheSettingsObjectOfAWorkspaceFile()
        {
            var workspace = new VsCodeSettingsFile(Editor.None, SettingsScope.Workspace, null, "/w/x.code-workspace");
            byte[] bytes = Encoding.UTF8.GetBytes("{ \"folders\": [], // c\n \"settings\": { \"go.alternateTools\": { \"gopls\": \"/a b\" } } }");
            Assert.Equal("/a b", WrapperInstaller.CurrentSetting(bytes, workspace, "gopls"));
            Assert.Null(WrapperInstaller.CurrentSetting(bytes, workspace, "go"));
            Assert.Null(WrapperInstaller.CurrentSetting(null, workspace, "gopls"));
        }

        [Fact]
        public void CurrentSetting_RefusesAValueThatIsNoString()
        {
            var file = new VsCodeSettingsFile(Editor.Code, SettingsScope.User, null, "/u/settings.json");
            byte[] bytes = Encoding.UTF8.GetBytes("{ \"go.alternateTools\": { \"gopls\": 3 } }");
            var ex = Assert.Throws<WrapperException>(() => WrapperInstaller.CurrentSetting(bytes, file, "gopls"));
            Assert.Contains("Nothing was changed", ex.Message, StringComparison.Ordinal);
        }

        [Fact]
        public void PrepareSetting_SetsAndRemovesTheKey_KeepingComments()
        {
            var file = new VsCodeSettingsFile(Editor.Code, SettingsScope.User, null, "/u/settings.json");
            byte[] original = Encoding.UTF8.GetBytes("{\n    // keep\n    \"go.alternateTools\": { \"dlv\": \"/d\" }\n}\n");

            PreparedSettingsEdit set = WrapperInstaller.PrepareSetting(original, file, "gopls", "/w/gopls");
            Assert.True(set.WritesFile);
            Assert.Equal("/w/gopls", WrapperInstaller.CurrentSetting(set.Updated, file, "gopls"));
            Assert.Contains("// keep", Encoding.UTF8.GetString(set.Updated), StringComparison.Ordinal);

            PreparedSettingsEdit removed = WrapperInstaller.PrepareSetting(set.Updated, file, "gopls", null);
            Assert.Null(WrapperInstaller.CurrentSetting(removed.Updated, file, "gopls"));
            Assert.Equal("/d", WrapperInstaller.CurrentSetting(removed.Updated, file, "dlv"));
        }

        [Theory]
        [InlineData(null, "/home/u/.local/share/goenvtools/bin")]
        [InlineData("", "/home/u/.local/share/goenvtools/bin")]
        [InlineData("relative/data", "/home/u/.local/share/goenvtools/bin")]
        [InlineData("/xdg/data", "/xdg/data/goenvtools/bin")]
        public void DefaultDestination_FollowsXdgDataHome(string? xdg, string expected)
        {
            var host = new SettingsHost("/home/u", name => name == "XDG_DATA_HOME" ? xdg : null, SettingsPlatform.Linux);
            Assert.Equal(expected, WrapperInstaller.DefaultDestination(host));
        }

        [Fact]
        public void Programs_AreFoundInTheFoldersGiven_OrNamedWhenMissing()
        {
            string bin = Path.Combine(_root, "tools");
            foreach (string name in new[] { "awk", "mktemp", "sleep", "rm" })
            {
                WriteFile(Path.Combine("tools", name), "x");
            }

            var ex = Assert.Throws<WrapperException>(() => WrapperPrograms.Find(new[] { bin }, Exists));
            Assert.StartsWith("The wrapper needs ps, which is not in", ex.Message, StringComparison.Ordinal);

            WriteFile(Path.Combine("tools", "ps"), "x");
            WrapperPrograms programs = WrapperPrograms.Find(new[] { bin }, Exists);
            Assert.Equal(Path.Combine(bin, "ps"), programs.Ps);
            Assert.Equal(Path.Combine(bin, "awk"), programs.Awk);
        }

        [Fact]
        public void PrivateFolderFor_IsTheWrappersFolder_OnlyWhenNoOneElseCanWriteThere()
        {
            string missing = Path.Combine(_root, "new", "gopls");
            Assert.Equal(Path.Combine(_root, "new"), WrapperInstaller.PrivateFolderFor(missing));

            WrapperInstaller.Write(missing, WrapperScript.Generate(new WrapperSpec("gopls", missing, "/usr/bin/gopls", "/bin/sh")));
            Assert.Equal((UnixFileMode)0x1ED, File.GetUnixFileMode(Path.Combine(_root, "new")));
            Assert.Equal(Path.Combine(_root, "new"), WrapperInstaller.PrivateFolderFor(missing));

            string shared = Path.Combine(_root, "shared");
            Directory.CreateDirectory(shared);
            File.SetUnixFileMode(shared, (UnixFileMode)0x1FD);
            Assert.Null(WrapperInstaller.PrivateFolderFor(Path.Combine(shared, "gopls")));
            File.SetUnixFileMode(shared, (UnixFileMode)0x3FF);
            Assert.Null(WrapperInstaller.PrivateFolderFor(Path.Combine(shared, "gopls")));
        }
    }
}
