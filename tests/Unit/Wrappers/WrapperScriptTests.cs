using System;
using System.Diagnostics;
using System.IO;
using System.Runtime.Versioning;
using System.Linq;
using Xunit;

namespace GoEnvTools.Tests.Wrappers
{
    /// <summary>The generated script: its header, its quoting, and that sh accepts it whatever the paths hold.</summary>
    [SupportedOSPlatform("linux")]
    public sealed class WrapperScriptTests
    {
        private const string Hostile = "/tmp/it's \"q\" $(touch pwned) `id` $HOME \\ ü 日本 @SHELL@ @TARGET@/";

        private static WrapperSpec Spec(string target = "/usr/bin/gopls", string wrapper = "/home/u/.local/share/goenvtools/bin/gopls") =>
            new WrapperSpec("gopls", wrapper, target, "/usr/bin/zsh") { TimeoutSeconds = 7, Version = "1.2.3" };

        private static (int ExitCode, string Output, string Error) Run(string file, params string[] arguments)
        {
            var info = new ProcessStartInfo(file) { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
            foreach (string argument in arguments)
            {
                info.ArgumentList.Add(argument);
            }

            using Process process = Process.Start(info)!;
            string output = process.StandardOutput.ReadToEnd();
            string error = process.StandardError.ReadToEnd();
            process.WaitForExit();
            return (process.ExitCode, output, error);
        }

        [Fact]
        public void Header_SaysToolTargetAndVersion_AndReadsBackExactly()
        {
            WrapperSpec spec = Spec(Hostile + "gopls");
            spec.Settings.Add(new WrapperSettingRecord("/home/u/.config/Code/User/settings.json", null));
            spec.Settings.Add(new WrapperSettingRecord("/w/a b.code-workspace", "/opt/old 100% gopls ü"));

            string text = WrapperScript.Generate(spec);
            string[] lines = text.Split('\n');

            Assert.Equal("#!/bin/sh", lines[0]);
            Assert.StartsWith("# goenvtools-wrapper 1 tool=gopls target=/tmp/it%27s%20%22q%22", lines[1], StringComparison.Ordinal);
            Assert.EndsWith(" version=1.2.3", lines[1], StringComparison.Ordinal);
            WrapperHeader header = WrapperScript.ReadHeader(text)!;
            Assert.Equal("gopls", header.Tool);
            Assert.Equal(Hostile + "gopls", header.TargetPath);
            Assert.Equal("1.2.3", header.Version);
            Assert.Equal(new[] { "/home/u/.config/Code/User/settings.json", "/w/a b.code-workspace" }, header.Settings.Select(s => s.SettingsPath));
            Assert.Null(header.Settings[0].PreviousValue);
            Assert.Equal("/opt/old 100% gopls ü", header.Settings[1].PreviousValue);
        }

        [Theory]
        [InlineData("#!/bin/sh\necho hello\n")]
        [InlineData("#!/bin/sh\n\n# goenvtools-wrapper 1 tool=gopls target=/x\n")]
        [InlineData("# goenvtools-wrapper 1 tool=gopls target=/x\n")]
        [InlineData("")]
        public void ReadHeader_IsNull_ForFilesTheModuleDidNotWrite(string text)
        {
            Assert.Null(WrapperScript.ReadHeader(text));
        }

        [Theory]
        [InlineData("plain/path-1.2_x~y+z,a:b@c")]
        [InlineData("a b\tc\nd%e'f\"g\\h")]
        [InlineData("ü 日本 🙂 %41")]
        [InlineData("")]
        public void EncodeDecode_RoundTrip_WithNoSpaceOrLineEnd(string text)
        {
            string encoded = WrapperScript.Encode(text);
            Assert.DoesNotContain(' ', encoded);
            Assert.DoesNotContain('\n', encoded);
            Assert.Equal(text, WrapperScript.Decode(encoded));
        }

        [Theory]
        [InlineData("relative/gopls")]
        [InlineData("/opt/line\nbreak/gopls")]
        [InlineData("/opt/tab\there/gopls")]
        public void Generate_RefusesPathsAWrapperCannotHoldSafely(string target)
        {
            var ex = Assert.Throws<WrapperException>(() => WrapperScript.Generate(Spec(target)));
            Assert.Contains("target path", ex.Message, StringComparison.Ordinal);
        }

        [Theory]
        [InlineData("plain")]
        [InlineData("it's")]
        [InlineData(Hostile)]
        [InlineData("''''")]
        [InlineData("!history $x ${y} `z` \\n")]
        public void QuoteSh_IsReadBackBySh_AsTheSameText(string text)
        {
            (int code, string output, _) = Run("/bin/sh", "-c", "printf '%s' " + WrapperScript.QuoteSh(text));
            Assert.Equal(0, code);
            Assert.Equal(text, output);
        }

        [Theory]
        [InlineData("/usr/bin/fish", ShellFamily.Fish)]
        [InlineData("/bin/bash", ShellFamily.Posix)]
        [InlineData("/usr/bin/zsh", ShellFamily.Posix)]
        public void QuoteFor_IsReadBackByEachShell(string shell, ShellFamily family)
        {
            Assert.True(File.Exists(shell), $"{shell} is missing: install it (Debian package {Path.GetFileName(shell)}).");
            (int code, string output, string error) = Run(shell, "-c", "printf '%s' " + WrapperScript.QuoteFor(family, Hostile + "!x"));
            Assert.True(code == 0, error);
            Assert.Equal(Hostile + "!x", output);
        }

        [Fact]
        public void QuoteFor_EscapesHistoryExpansion_ForCsh()
        {
            Assert.Equal("'/a\\!b'\\''c'", WrapperScript.QuoteFor(ShellFamily.Csh, "/a!b'c"));
        }

        [Theory]
        [InlineData("/bin/sh")]
        [InlineData("/bin/bash")]
        public void Generate_GivesAScriptTheShellParses_WithHostilePaths(string sh)
        {
            WrapperSpec spec = Spec(Hostile + "gopls", Hostile + "bin/gopls");
            spec.Settings.Add(new WrapperSettingRecord(Hostile + "settings.json", "it's $old"));
            string file = Path.Combine(Path.GetTempPath(), "goenvtools-wrapper-syntax-" + Guid.NewGuid().ToString("N"));
            File.WriteAllText(file, WrapperScript.Generate(spec));
            try
            {
                (int code, _, string error) = Run(sh, "-n", file);
                Assert.True(code == 0, error);
            }
            finally
            {
                File.Delete(file);
            }
        }

        [Fact]
        public void Generate_EmbedsEveryValueQuoted_AndTheDumpCommandOfEachFamily()
        {
            WrapperSpec spec = Spec(Hostile + "gopls", "/w/it's/gopls");
            spec.ShellPinned = true;
            string text = WrapperScript.Generate(spec);

            Assert.Contains("goenvtools_target=" + WrapperScript.QuoteSh(Hostile + "gopls") + "\n", text, StringComparison.Ordinal);
            Assert.Contains("goenvtools_shell='/usr/bin/zsh'\n", text, StringComparison.Ordinal);
            Assert.Contains("goenvtools_pinned=1\n", text, StringComparison.Ordinal);
            Assert.Contains("goenvtools_timeout=7\n", text, StringComparison.Ordinal);
            Assert.Contains("goenvtools_posix=" + WrapperScript.QuoteSh("exec '/bin/sh' '/w/it'\\''s/gopls' --goenvtools-dump-environment") + "\n", text, StringComparison.Ordinal);
            Assert.Contains("goenvtools_fish=" + WrapperScript.QuoteSh("exec '/bin/sh' '/w/it\\'s/gopls' --goenvtools-dump-environment") + "\n", text, StringComparison.Ordinal);
            Assert.Contains("goenvtools_pwsh=" + WrapperScript.QuoteSh("& '/bin/sh' '/w/it''s/gopls' '--goenvtools-dump-environment'; exit $LASTEXITCODE") + "\n", text, StringComparison.Ordinal);
            Assert.DoesNotContain("\r", text, StringComparison.Ordinal);
            Assert.DoesNotMatch("@[A-Z]+@", WrapperScript.Generate(Spec()));
        }
    }
}
