using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using Xunit;

namespace GoEnvTools.Tests.VsCode
{
    /// <summary>Where settings files are found, with a temporary home and environment.</summary>
    public sealed class SettingsLocatorTests : IDisposable
    {
        private readonly string _home = Path.Combine(Path.GetTempPath(), "goenvtools-locator-" + Guid.NewGuid().ToString("N"));
        private readonly Dictionary<string, string> _env = new Dictionary<string, string>();

        public SettingsLocatorTests()
        {
            Directory.CreateDirectory(_home);
        }

        public void Dispose() => Directory.Delete(_home, recursive: true);

        private SettingsLocator Locator(SettingsPlatform platform) =>
            new SettingsLocator(new SettingsHost(_home, n => _env.TryGetValue(n, out string? v) ? v : null, platform));

        [Theory]
        [InlineData(SettingsPlatform.Linux, ".config/Code - Insiders/User/settings.json")]
        [InlineData(SettingsPlatform.MacOS, "Library/Application Support/Code - Insiders/User/settings.json")]
        [InlineData(SettingsPlatform.Windows, "AppData/Roaming/Code - Insiders/User/settings.json")]
        public void UserSettings_PerPlatform(SettingsPlatform platform, string relative)
        {
            Assert.Equal(Path.Combine(_home, relative), Locator(platform).UserSettingsPath(Editor.Insiders).Replace('\\', '/'), ignoreCase: false);
        }

        [Fact]
        public void UserSettings_HonourXdgAppDataAndPortable()
        {
            _env["XDG_CONFIG_HOME"] = "/xdg";
            _env["APPDATA"] = "/appdata";
            Assert.Equal(Path.Combine("/xdg", "VSCodium", "User", "settings.json"), Locator(SettingsPlatform.Linux).UserSettingsPath(Editor.VSCodium));
            Assert.Equal(Path.Combine("/appdata", "Cursor", "User", "settings.json"), Locator(SettingsPlatform.Windows).UserSettingsPath(Editor.Cursor));
            _env["VSCODE_PORTABLE"] = "/portable";
            Assert.Equal(Path.Combine("/portable", "user-data", "User", "settings.json"), Locator(SettingsPlatform.Linux).UserSettingsPath(Editor.Code));
            Assert.Equal(new[] { Editor.Code }, Locator(SettingsPlatform.Linux).InstalledEditors());
        }

        [Fact]
        public void Find_Default_ListsInstalledEditorsProfilesAndRemote()
        {
            string user = Path.Combine(_home, ".config", "Cursor", "User");
            Directory.CreateDirectory(Path.Combine(user, "profiles", "-4a1b2c"));
            Directory.CreateDirectory(Path.Combine(user, "profiles", "7f00"));
            Directory.CreateDirectory(Path.Combine(user, "globalStorage"));
            File.WriteAllText(Path.Combine(user, "globalStorage", "storage.json"),
                "{ \"userDataProfiles\": [ { \"location\": \"-4a1b2c\", \"name\": \"Go\" }, // a comment\n ] }");
            Directory.CreateDirectory(Path.Combine(_home, ".cursor-server"));

            List<VsCodeSettingsFile> files = Locator(SettingsPlatform.Linux).Find(new SettingsQuery()).ToList();

            Assert.Equal(
                new[] { "Cursor User ", "Cursor Profile Go", "Cursor Profile 7f00", "Cursor Remote " },
                files.Select(f => $"{f.Editor} {f.Scope} {f.ProfileName}"));
            Assert.Equal(Path.Combine(user, "profiles", "-4a1b2c", "settings.json"), files[1].Path);
            Assert.Equal(Path.Combine(_home, ".cursor-server", "data", "Machine", "settings.json"), files[3].Path);
            Assert.All(files, f => Assert.False(f.Exists));
        }

        [Fact]
        public void Find_ProfileName_SelectsOneProfile()
        {
            string user = Path.Combine(_home, ".config", "Code", "User");
            Directory.CreateDirectory(Path.Combine(user, "profiles", "a1"));
            Directory.CreateDirectory(Path.Combine(user, "globalStorage"));
            File.WriteAllText(Path.Combine(user, "globalStorage", "storage.json"), "{\"userDataProfiles\":[{\"location\":\"a1\",\"name\":\"Go Work\"}]}");

            VsCodeSettingsFile only = Assert.Single(Locator(SettingsPlatform.Linux).Find(new SettingsQuery { ProfileName = "go work" }));
            Assert.Equal("a1", only.ProfileId);
        }

        [Fact]
        public void Workspace_FolderWorkspaceFileAndJson()
        {
            string folder = Path.Combine(_home, "proj");
            Directory.CreateDirectory(folder);
            Assert.Equal(Path.Combine(folder, ".vscode", "settings.json"), SettingsLocator.Workspace(folder, Editor.None).Path);
            VsCodeSettingsFile workspace = SettingsLocator.Workspace(Path.Combine(_home, "x.code-workspace"), Editor.None);
            Assert.True(workspace.IsWorkspaceFile);
            Assert.Equal(new[] { "settings" }, GoSettingsReader.SettingsPrefix(workspace));
            Assert.Equal(Path.Combine(_home, "other.json"), SettingsLocator.Workspace(Path.Combine(_home, "other.json"), Editor.None).Path);
            Assert.Throws<ArgumentException>(() => Locator(SettingsPlatform.Linux).Find(new SettingsQuery { Scopes = new[] { SettingsScope.Workspace } }).ToList());
        }

        [Fact]
        public void EditorChoice_GoplsThenOnlyInstalledThenNone()
        {
            Assert.Equal(Editor.Cursor, EditorChoice.Choose(new[] { Editor.Cursor, Editor.Cursor }, new[] { Editor.Code, Editor.Cursor }, out _));
            Assert.Null(EditorChoice.Choose(new[] { Editor.Cursor, Editor.Code }, new[] { Editor.Code }, out string several));
            Assert.Contains("several", several, StringComparison.Ordinal);
            Assert.Equal(Editor.Code, EditorChoice.Choose(new[] { Editor.None }, new[] { Editor.Code }, out _));
            Assert.Null(EditorChoice.Choose(Array.Empty<Editor>(), new[] { Editor.Code, Editor.VSCodium }, out _));
        }
    }
}
