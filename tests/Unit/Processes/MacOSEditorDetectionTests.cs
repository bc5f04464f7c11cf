using System;
using System.Linq;
using GoEnvTools.Tests.Support;
using Xunit;
using static GoEnvTools.Tests.Processes.EditorDetectorTests;

namespace GoEnvTools.Tests.Processes
{
    /// <summary>
    /// Editors as macOS shows them: an app bundle whose main process is often named "Electron", and helpers named
    /// after the app and their role. The extension host is "&lt;App&gt; Helper (Plugin)", not a process named code.
    /// </summary>
    public sealed class MacOSEditorDetectionTests
    {
        [Theory]
        [InlineData("/Applications/Visual Studio Code.app/Contents/MacOS/Electron", Editor.Code)]
        [InlineData("/Users/gopher/Applications/Visual Studio Code.app/Contents/MacOS/Electron", Editor.Code)]
        [InlineData("/Applications/Visual Studio Code - Insiders.app/Contents/MacOS/Electron", Editor.Insiders)]
        [InlineData("/Applications/VSCodium.app/Contents/MacOS/Electron", Editor.VSCodium)]
        [InlineData("/Applications/Cursor.app/Contents/MacOS/Cursor", Editor.Cursor)]
        public void MainProcess_IsKnownByItsBundle(string exe, Editor expected)
        {
            EditorMatch? match = EditorDetector.Classify(Process(System.IO.Path.GetFileName(exe), exe));

            Assert.Equal(expected, match?.Editor);
            Assert.False(match!.Value.IsRemote);
        }

        [Fact]
        public void MainProcess_KnownOnlyFromArgv0_IsStillFound()
        {
            EditorMatch? match = EditorDetector.Classify(
                Process("Electron", null, "/Applications/Visual Studio Code - Insiders.app/Contents/MacOS/Electron"));

            Assert.Equal(Editor.Insiders, match?.Editor);
        }

        [Theory]
        [InlineData("Electron", "/Applications/Slack.app/Contents/MacOS/Electron")]
        [InlineData("Electron", null)]
        [InlineData("Slack Helper (Renderer)", "/Applications/Slack.app/Contents/Frameworks/Slack Helper (Renderer).app/Contents/MacOS/Slack Helper (Renderer)")]
        [InlineData("Terminal", "/System/Applications/Utilities/Terminal.app/Contents/MacOS/Terminal")]
        public void OtherElectronAppsAndProgramsAreNotEditors(string name, string? exe)
        {
            Assert.Null(EditorDetector.Classify(Process(name, exe)));
        }

        [Theory]
        [InlineData("Code Helper (Renderer)", Editor.Code)]
        [InlineData("Code Helper (GPU)", Editor.Code)]
        [InlineData("Code - Insiders Helper (Renderer)", Editor.Insiders)]
        [InlineData("VSCodium Helper (Plugin)", Editor.VSCodium)]
        [InlineData("Cursor Helper (Plugin)", Editor.Cursor)]
        [InlineData("Cursor Helper (Renderer)", Editor.Cursor)]
        public void Helpers_OfEveryRole_BelongToTheirApp_EvenWithoutAPath(string name, Editor expected)
        {
            Assert.Equal(expected, EditorDetector.Classify(Process(name, null))?.Editor);
        }

        [Fact]
        public void ExtensionHostHelper_LooksLikeTheExtensionHost()
        {
            const string helper = "/Applications/Cursor.app/Contents/Frameworks/Cursor Helper (Plugin).app/Contents/MacOS/Cursor Helper (Plugin)";

            Assert.True(EditorDetector.LooksLikeExtensionHost(
                Process("Cursor Helper (Plugin)", helper, helper, "--type=utility", "--utility-sub-type=node.mojom.NodeService")));
        }

        [Theory]
        [InlineData("/Applications/Visual Studio Code.app", Editor.Code, "Code")]
        [InlineData("/Applications/Visual Studio Code - Insiders.app", Editor.Insiders, "Code - Insiders")]
        [InlineData("/Applications/VSCodium.app", Editor.VSCodium, "VSCodium")]
        [InlineData("/Applications/Cursor.app", Editor.Cursor, "Cursor")]
        public void Inspector_OnAMacShapedTree_FindsEditorHostAndMainProcess(string app, Editor expected, string product)
        {
            // launchd(1) -> main(612) -> extension host helper(640) -> gopls(700), with a renderer(630) beside.
            string main = app + "/Contents/MacOS/" + (expected == Editor.Cursor ? "Cursor" : "Electron");
            string helper = $"{app}/Contents/Frameworks/{product} Helper (Plugin).app/Contents/MacOS/{product} Helper (Plugin)";
            string renderer = $"{app}/Contents/Frameworks/{product} Helper (Renderer).app/Contents/MacOS/{product} Helper (Renderer)";
            var provider = new FakeProcessProvider { CurrentUserId = 501 };
            provider.Add(1, 0, "launchd", "/sbin/launchd", userId: 0);
            provider.Add(612, 1, System.IO.Path.GetFileName(main), main, userId: 501);
            provider.Add(630, 612, product + " Helper (Renderer)", renderer, new[] { renderer, "--type=renderer" }, 501);
            provider.Add(640, 612, product + " Helper (Plugin)", helper, new[] { helper, "--type=utility", "--utility-sub-type=node.mojom.NodeService" }, 501);
            provider.Add(700, 640, "gopls", "/Users/gopher/go/bin/gopls", null, 501, "PATH=/usr/bin:/bin");

            Assert.Equal(ProcessReadOutcome.Found, new ProcessInspector(provider).TryReadGopls(700, out GoplsEnvironment? gopls));

            Assert.Equal(expected, gopls!.Editor);
            Assert.False(gopls.IsRemote);
            Assert.Equal(640, gopls.ExtensionHostProcessId);
            Assert.Equal(new[] { 640, 612 }, gopls.Ancestors.Select(a => a.ProcessId));
        }

        [Fact]
        public void Inspector_HelperFoundThroughItsEnvironment_WhenArgumentsAreUnreadable()
        {
            const string helper = "/Applications/Visual Studio Code.app/Contents/Frameworks/Code Helper (Plugin).app/Contents/MacOS/Code Helper (Plugin)";
            var provider = new FakeProcessProvider { CurrentUserId = 501 };
            provider.Add(1, 0, "launchd", "/sbin/launchd", userId: 0);
            provider.Add(612, 1, "Electron", "/Applications/Visual Studio Code.app/Contents/MacOS/Electron", userId: 501);
            provider.Add(640, 612, "Code Helper (Plugin)", helper, new[] { helper }, 501, "VSCODE_CRASH_REPORTER_PROCESS_TYPE=extensionHost");
            provider.Add(700, 640, "gopls", "/Users/gopher/go/bin/gopls", null, 501, "PATH=/usr/bin");

            new ProcessInspector(provider).TryReadGopls(700, out GoplsEnvironment? gopls);

            Assert.Equal(640, gopls!.ExtensionHostProcessId);
        }
    }
}
