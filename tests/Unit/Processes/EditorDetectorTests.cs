using System;
using Xunit;

namespace GoEnvTools.Tests.Processes
{
    public sealed class EditorDetectorTests
    {
        internal static ProcessInfo Process(string name, string? exe, params string[] argv) => new ProcessInfo
        {
            ProcessId = 100,
            Name = name,
            ExecutablePath = exe,
            CommandLine = argv.Length > 0 ? argv : (exe is null ? Array.Empty<string>() : new[] { exe }),
        };

        [Theory]
        [InlineData("code", "/usr/share/code/code", Editor.Code)]
        [InlineData("code", "/snap/code/180/usr/share/code/code", Editor.Code)]
        [InlineData("code-oss", "/usr/lib/code-oss/code-oss", Editor.Code)]
        [InlineData("code-insiders", "/usr/share/code-insiders/code-insiders", Editor.Insiders)]
        [InlineData("codium", "/usr/share/codium/codium", Editor.VSCodium)]
        [InlineData("cursor", "/tmp/.mount_Cursor1a2b3c/cursor", Editor.Cursor)]
        public void Classify_LinuxDesktopEditors_AreLocal(string name, string exe, Editor expected)
        {
            EditorMatch? match = EditorDetector.Classify(Process(name, exe));

            Assert.NotNull(match);
            Assert.Equal(expected, match!.Value.Editor);
            Assert.False(match.Value.IsRemote);
        }

        [Theory]
        [InlineData("/home/gopher/.vscode-server/bin/0f0d87fa9e96c856c5212fc86db137ac0d783365/node", Editor.Code)]
        [InlineData("/home/gopher/.vscode-server/cli/servers/Stable-0f0d87fa9e/server/node", Editor.Code)]
        [InlineData("/home/gopher/.vscode-server-insiders/bin/8c2d9e6a/node", Editor.Insiders)]
        [InlineData("/home/gopher/.vscodium-server/bin/1.90.0/node", Editor.VSCodium)]
        [InlineData("/home/gopher/.cursor-server/bin/3f2a/node", Editor.Cursor)]
        public void Classify_RemoteServerNode_IsRemoteWithItsEditor(string exe, Editor expected)
        {
            EditorMatch? match = EditorDetector.Classify(Process("node", exe, exe, "--type=extensionHost"));

            Assert.NotNull(match);
            Assert.Equal(expected, match!.Value.Editor);
            Assert.True(match.Value.IsRemote);
        }

        [Fact]
        public void Classify_RemoteServerKnownOnlyFromArgv0_IsRemote()
        {
            // The exe link of another user's process is unreadable; argv[0] still shows the server folder.
            EditorMatch? match = EditorDetector.Classify(
                Process("node", null, "/home/gopher/.vscode-server-insiders/bin/8c2d9e6a/node", "out/server-main.js"));

            Assert.NotNull(match);
            Assert.Equal(Editor.Insiders, match!.Value.Editor);
            Assert.True(match.Value.IsRemote);
        }

        [Fact]
        public void Classify_RemoteServerOnWindowsPath_IsRemote()
        {
            EditorMatch? match = EditorDetector.Classify(
                Process("node.exe", @"C:\Users\gopher\.vscode-server\bin\0f0d87fa\node.exe"));

            Assert.NotNull(match);
            Assert.Equal(Editor.Code, match!.Value.Editor);
            Assert.True(match.Value.IsRemote);
        }

        [Fact]
        public void Classify_ServerFolderNameWithoutSeparators_IsNotRemote()
        {
            Assert.Null(EditorDetector.Classify(Process("node", "/home/gopher/my.vscode-server-notes/node")));
        }

        [Theory]
        [InlineData("Code.exe", @"C:\Users\gopher\AppData\Local\Programs\Microsoft VS Code\Code.exe", Editor.Code)]
        [InlineData("Code - Insiders.exe", @"C:\Users\gopher\AppData\Local\Programs\Microsoft VS Code Insiders\Code - Insiders.exe", Editor.Insiders)]
        [InlineData("VSCodium.exe", @"C:\Program Files\VSCodium\VSCodium.exe", Editor.VSCodium)]
        [InlineData("Cursor.exe", @"C:\Users\gopher\AppData\Local\Programs\cursor\Cursor.exe", Editor.Cursor)]
        [InlineData("CODE.EXE", null, Editor.Code)]
        public void Classify_WindowsExecutables_IgnoreCaseAndExe(string name, string? exe, Editor expected)
        {
            EditorMatch? match = EditorDetector.Classify(Process(name, exe));

            Assert.NotNull(match);
            Assert.Equal(expected, match!.Value.Editor);
            Assert.False(match.Value.IsRemote);
        }

        [Theory]
        [InlineData("Code Helper (Plugin)", "/Applications/Visual Studio Code.app/Contents/Frameworks/Code Helper (Plugin).app/Contents/MacOS/Code Helper (Plugin)", Editor.Code)]
        [InlineData("Code Helper", "/Applications/Visual Studio Code.app/Contents/Frameworks/Code Helper.app/Contents/MacOS/Code Helper", Editor.Code)]
        [InlineData("Code - Insiders Helper (Plugin)", "/Applications/Visual Studio Code - Insiders.app/Contents/Frameworks/Code - Insiders Helper (Plugin).app/Contents/MacOS/Code - Insiders Helper (Plugin)", Editor.Insiders)]
        [InlineData("VSCodium Helper (Plugin)", "/Applications/VSCodium.app/Contents/Frameworks/VSCodium Helper (Plugin).app/Contents/MacOS/VSCodium Helper (Plugin)", Editor.VSCodium)]
        [InlineData("Cursor Helper (Plugin)", "/Applications/Cursor.app/Contents/Frameworks/Cursor Helper (Plugin).app/Contents/MacOS/Cursor Helper (Plugin)", Editor.Cursor)]
        public void Classify_MacOSHelpers_AreTheirEditor(string name, string exe, Editor expected)
        {
            EditorMatch? match = EditorDetector.Classify(Process(name, exe));

            Assert.NotNull(match);
            Assert.Equal(expected, match!.Value.Editor);
            Assert.False(match.Value.IsRemote);
        }

        [Fact]
        public void Classify_NameAloneIsEnough_WhenTheExecutableIsUnknown()
        {
            EditorMatch? match = EditorDetector.Classify(Process("codium", null));

            Assert.Equal(Editor.VSCodium, match?.Editor);
        }

        [Theory]
        [InlineData("nvim", "/usr/bin/nvim")]
        [InlineData("emacs", "/usr/bin/emacs")]
        [InlineData("hx", "/home/gopher/.cargo/bin/hx")]
        [InlineData("zed-editor", "/usr/lib/zed/zed-editor")]
        [InlineData("goland64.exe", null)]
        public void Classify_OtherEditors_AreOther(string name, string? exe)
        {
            EditorMatch? match = EditorDetector.Classify(Process(name, exe));

            Assert.NotNull(match);
            Assert.Equal(Editor.Other, match!.Value.Editor);
            Assert.False(match.Value.IsRemote);
        }

        [Theory]
        [InlineData("bash", "/usr/bin/bash")]
        [InlineData("node", "/usr/bin/node")]
        [InlineData("systemd", "/usr/lib/systemd/systemd")]
        [InlineData("gopls", "/home/gopher/go/bin/gopls")]
        [InlineData("code-server", "/usr/lib/code-server/lib/node")]
        [InlineData("", null)]
        public void Classify_NonEditors_AreNull(string name, string? exe)
        {
            Assert.Null(EditorDetector.Classify(Process(name, exe)));
        }

        [Theory]
        [InlineData("--type=utility")]
        [InlineData("--type=extensionHost")]
        public void LooksLikeExtensionHost_ExtensionHostTypes_AreRecognised(string typeArgument)
        {
            Assert.True(EditorDetector.LooksLikeExtensionHost(
                Process("code", "/usr/share/code/code", "/usr/share/code/code", typeArgument, "--lang=en-US")));
        }

        [Theory]
        [InlineData("--type=renderer")]
        [InlineData("--type=gpu-process")]
        [InlineData("--type=zygote")]
        [InlineData("--no-sandbox")]
        [InlineData("--flag=--type=utility")]
        public void LooksLikeExtensionHost_OtherProcesses_AreNot(string argument)
        {
            Assert.False(EditorDetector.LooksLikeExtensionHost(
                Process("code", "/usr/share/code/code", "/usr/share/code/code", argument)));
        }

        [Fact]
        public void LooksLikeExtensionHost_NoArguments_IsNot()
        {
            Assert.False(EditorDetector.LooksLikeExtensionHost(Process("code", null)));
        }

        [Theory]
        [InlineData("extensionHost", true)]
        [InlineData("renderer", false)]
        [InlineData("", false)]
        [InlineData(null, false)]
        public void IsExtensionHostEnvironment_OnlyTheExtensionHostValue(string? value, bool expected)
        {
            Assert.Equal(expected, EditorDetector.IsExtensionHostEnvironment(value));
        }

        [Theory]
        [InlineData("gopls.exe", "gopls")]
        [InlineData("Code.EXE", "Code")]
        [InlineData("gopls", "gopls")]
        [InlineData("exe", "exe")]
        [InlineData("my.exe.tool", "my.exe.tool")]
        public void StripExe_RemovesOnlyATrailingExe(string name, string expected)
        {
            Assert.Equal(expected, EditorDetector.StripExe(name));
        }
    }
}
