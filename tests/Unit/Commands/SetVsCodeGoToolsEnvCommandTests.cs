using System;
using System.Collections;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Management.Automation;
using System.Text;
using Xunit;

namespace GoEnvTools.Tests.Commands
{
    /// <summary>Set-VsCodeGoToolsEnv in a real runspace, on settings files in a temporary folder.</summary>
    public sealed class SetVsCodeGoToolsEnvCommandTests : IDisposable
    {
        private const string Original = "{\n    // mine\n    \"editor.tabSize\": 2,\n    \"go.toolsEnvVars\": {\n        \"GOFLAGS\": \"-mod=mod\"\n    }\n}\n";
        private const string Proxy = "https://proxy.example.com";

        private readonly SettingsCmdletSession _session = new SettingsCmdletSession();
        private readonly string _file;

        public SetVsCodeGoToolsEnvCommandTests()
        {
            _file = _session.Write("settings.json", Original);
        }

        public void Dispose() => _session.Dispose();

        private SettingsChange[] Set(string arguments, IDictionary? variables = null)
        {
            var all = new Hashtable { ["file"] = _file };
            if (variables is not null)
            {
                foreach (DictionaryEntry entry in variables)
                {
                    all[entry.Key] = entry.Value;
                }
            }

            return SettingsCmdletSession.Objects<SettingsChange>(_session.Run("Set-VsCodeGoToolsEnv -Path $file " + arguments, all));
        }

        private byte[] Bytes() => File.ReadAllBytes(_file);

        [Fact]
        public void PassThru_DescribesEachChange_AndTheBackupHoldsTheOldFile()
        {
            SettingsChange[] changes = Set("-Variable @{ GOPROXY = $proxy; GOFLAGS = '-v' } -PassThru", new Hashtable { ["proxy"] = Proxy });

            Assert.Empty(_session.Errors);
            Assert.Null(_session.Terminating);
            Assert.Equal(new[] { "go.toolsEnvVars.GOFLAGS", "go.toolsEnvVars.GOPROXY" }, changes.Select(c => c.Key).OrderBy(k => k, StringComparer.Ordinal));
            SettingsChange proxy = changes.Single(c => c.Key.EndsWith("GOPROXY", StringComparison.Ordinal));
            SettingsChange flags = changes.Single(c => c.Key.EndsWith("GOFLAGS", StringComparison.Ordinal));
            Assert.All(changes, c => Assert.Equal(("Changed", _file, _file + ".goenvtools.bak"), (c.Status, c.Path, c.BackupPath)));
            Assert.Equal((null, Proxy), (proxy.OldValue, proxy.NewValue));
            Assert.Equal(("-mod=mod", "-v"), (flags.OldValue, flags.NewValue));
            Assert.Equal(Original, File.ReadAllText(_file + ".goenvtools.bak"));
            Assert.Equal(Proxy, SettingsCmdletSession.Read(_file, "go.toolsEnvVars", "GOPROXY")!.Value);
            Assert.Equal("-v", SettingsCmdletSession.Read(_file, "go.toolsEnvVars", "GOFLAGS")!.Value);
            Assert.StartsWith("{\n    // mine\n    \"editor.tabSize\": 2,\n", File.ReadAllText(_file), StringComparison.Ordinal);
        }

        [Fact]
        public void TheSameCommandTwice_WritesNothingTheSecondTime_AndSaysNoChange()
        {
            Set("-Variable @{ GOPROXY = $proxy } -PrependPath /opt/go/bin -NoBackup", new Hashtable { ["proxy"] = Proxy });
            byte[] first = Bytes();
            DateTime written = File.GetLastWriteTimeUtc(_file);

            SettingsChange[] again = Set("-Variable @{ GOPROXY = $proxy } -PrependPath /opt/go/bin -NoBackup -PassThru", new Hashtable { ["proxy"] = Proxy });

            Assert.Equal(new[] { "NoChange", "NoChange" }, again.Select(c => c.Status));
            Assert.All(again, c => Assert.Null(c.BackupPath));
            Assert.Equal(first, Bytes());
            Assert.Equal(written, File.GetLastWriteTimeUtc(_file));
            Assert.Equal("/opt/go/bin:${env:PATH}", SettingsCmdletSession.Read(_file, "go.toolsEnvVars", "PATH")!.Value);
            Assert.Equal(new[] { "settings.json" }, _session.Files());
        }

        [Fact]
        public void WhatIf_PrintsTheLinesThatWouldChange_AndWritesNothing()
        {
            SettingsChange[] changes = Set("-Remove GOFLAGS -Variable @{ GOPROXY = $proxy } -WhatIf -PassThru", new Hashtable { ["proxy"] = Proxy });

            Assert.Empty(changes);
            Assert.Equal(Original, File.ReadAllText(_file));
            Assert.Equal(new[] { "settings.json" }, _session.Files());
            string console = _session.Host.Console.ToString();
            Assert.Contains("What if:", console, StringComparison.Ordinal);
            Assert.Contains("\"GOPROXY\": \"" + Proxy + "\"", console, StringComparison.Ordinal);
            Assert.Contains("\"GOFLAGS\": \"-mod=mod\"", console, StringComparison.Ordinal);
        }

        [Fact]
        public void ConfirmAnsweredNo_WritesNothing()
        {
            _session.Host.Answer = _ => 2;

            SettingsChange[] changes = Set("-Variable @{ GOPROXY = 'x' } -Confirm -PassThru");

            Assert.Single(_session.Host.Prompts);
            Assert.Empty(changes);
            Assert.Equal(Original, File.ReadAllText(_file));
            Assert.Equal(new[] { "settings.json" }, _session.Files());
        }

        [SkippableFact]
        public void AnotherProcessRewritingTheFile_WhileTheCommandWaits_StopsTheWrite()
        {
            Skip.If(OperatingSystem.IsWindows(), "The concurrent writer is /bin/sh.");
            const string Saved = "{ \"saved.by\": \"another process\" }";

            // The prompt comes after the file was read and before it is replaced: another process saves it meanwhile.
            _session.Host.Answer = _ =>
            {
                var start = new ProcessStartInfo("/bin/sh") { UseShellExecute = false };
                start.ArgumentList.Add("-c");
                start.ArgumentList.Add("printf '%s' \"$1\" > \"$2\"");
                start.ArgumentList.Add("sh");
                start.ArgumentList.Add(Saved);
                start.ArgumentList.Add(_file);
                using Process writer = Process.Start(start)!;
                writer.WaitForExit();
                Assert.Equal(0, writer.ExitCode);
                return 0;
            };

            SettingsChange[] changes = Set("-Variable @{ GOPROXY = 'x' } -Confirm -PassThru");

            Assert.Single(_session.Host.Prompts);
            Assert.Empty(changes);
            SettingsCmdletSession.AssertError(_session.Terminating, "SettingsChangedOnDisk", ErrorCategory.ResourceUnavailable, _file);
            Assert.Contains("changed on disk", _session.Terminating!.Exception.Message, StringComparison.Ordinal);
            Assert.Equal(Saved, File.ReadAllText(_file));
            Assert.Equal(new[] { "settings.json" }, _session.Files());
        }

        [Fact]
        public void DifferenceRows_FromThePipeline_SetReferenceValues_AndPrependMissingPathEntries()
        {
            var rows = new object[]
            {
                new GoEnvDifference { Name = "GOPROXY", ChangeKind = ChangeKind.Removed, ReferenceValue = Proxy },
                new GoEnvDifference { Name = "GOFLAGS", ChangeKind = ChangeKind.Changed, ReferenceValue = "-tags=dev", DifferenceValue = "-mod=mod" },
                new GoEnvDifference { Name = "EXTRA", ChangeKind = ChangeKind.Added, DifferenceValue = "only in gopls" },
                new GoEnvDifference { Name = "PATH", ChangeKind = ChangeKind.Changed, ReferenceValue = "/home/me/go/bin:/usr/bin", DifferenceValue = "/usr/bin", PathEntriesRemoved = new[] { "/home/me/go/bin" } },
            };

            SettingsChange[] changes = SettingsCmdletSession.Objects<SettingsChange>(
                _session.Run("$rows | Set-VsCodeGoToolsEnv -Path $file -NoBackup -PassThru", new Hashtable { ["rows"] = rows, ["file"] = _file }));

            Assert.Empty(_session.Errors);
            Assert.Equal(new[] { "go.toolsEnvVars.GOPROXY", "go.toolsEnvVars.GOFLAGS", "go.toolsEnvVars.PATH" }, changes.Select(c => c.Key));
            Assert.Equal(Proxy, SettingsCmdletSession.Read(_file, "go.toolsEnvVars", "GOPROXY")!.Value);
            Assert.Equal("-tags=dev", SettingsCmdletSession.Read(_file, "go.toolsEnvVars", "GOFLAGS")!.Value);
            Assert.Equal("/home/me/go/bin:${env:PATH}", SettingsCmdletSession.Read(_file, "go.toolsEnvVars", "PATH")!.Value);
            Assert.Null(SettingsCmdletSession.Read(_file, "go.toolsEnvVars", "EXTRA"));
        }

        [Fact]
        public void SecretRows_AndForeignInput_AreNonTerminatingErrors_AndTheRestIsWritten()
        {
            var secret = new GoEnvDifference { Name = "GITHUB_TOKEN", ChangeKind = ChangeKind.Removed, ReferenceValue = "abc123" };
            var proxy = new GoEnvDifference { Name = "GOPROXY", ChangeKind = ChangeKind.Removed, ReferenceValue = Proxy };

            SettingsChange[] changes = SettingsCmdletSession.Objects<SettingsChange>(_session.Run(
                "$secret, 'not a row', $proxy | Set-VsCodeGoToolsEnv -Path $file -NoBackup -PassThru",
                new Hashtable { ["secret"] = secret, ["proxy"] = proxy, ["file"] = _file }));

            Assert.Equal(new[] { "go.toolsEnvVars.GOPROXY" }, changes.Select(c => c.Key));
            Assert.Equal(2, _session.Errors.Count);
            SettingsCmdletSession.AssertError(_session.Errors[0], "SettingsSecretRefused", ErrorCategory.SecurityError, secret);
            SettingsCmdletSession.AssertError(_session.Errors[1], "SettingsInputNotSupported", ErrorCategory.InvalidArgument, "not a row");
            Assert.Null(SettingsCmdletSession.Read(_file, "go.toolsEnvVars", "GITHUB_TOKEN"));

            _session.Run("$row | Set-VsCodeGoToolsEnv -Path $file -NoBackup -IncludeSecret", new Hashtable { ["row"] = secret, ["file"] = _file });
            Assert.Empty(_session.Errors);
            Assert.Equal("abc123", SettingsCmdletSession.Read(_file, "go.toolsEnvVars", "GITHUB_TOKEN")!.Value);
        }

        [Theory]
        [InlineData("{\n  \"a\": 1\n  \"b\": 2\n}", "line 3, column 3: CommaExpected")]
        [InlineData("{\n  \"go.toolsEnvVars\": \"GOPROXY=x\"\n}", "line 2, column 22: WrongType")]
        [InlineData("{\n  \"go.toolsEnvVars\": {},\n  \"go.toolsEnvVars\": {}\n}", "line 3, column 3: DuplicateKey")]
        public void AFileThatCannotBeEditedSafely_IsATerminatingError_AndStaysByteForByte(string text, string where)
        {
            _session.Write("settings.json", text);
            byte[] before = Bytes();

            SettingsChange[] changes = Set("-Variable @{ GOPROXY = 'x' } -PassThru");

            Assert.Empty(changes);
            SettingsCmdletSession.AssertError(_session.Terminating, "SettingsFileInvalid", ErrorCategory.InvalidData, _file);
            Assert.Contains(where, _session.Terminating!.Exception.Message, StringComparison.Ordinal);
            Assert.Contains(_file, _session.Terminating.Exception.Message, StringComparison.Ordinal);
            Assert.Equal(before, Bytes());
            Assert.Equal(new[] { "settings.json" }, _session.Files());
        }

        [Fact]
        public void AUtf16File_IsRefused_AsNotUtf8()
        {
            File.WriteAllText(_file, "{ \"a\": 1 }", Encoding.Unicode);
            byte[] before = Bytes();

            Set("-Variable @{ GOPROXY = 'x' }");

            SettingsCmdletSession.AssertError(_session.Terminating, "SettingsFileInvalid", ErrorCategory.InvalidData, _file);
            Assert.Contains("NotUtf8", _session.Terminating!.Exception.Message, StringComparison.Ordinal);
            Assert.Equal(before, Bytes());
        }

        [Theory]
        [InlineData("-Scope Workspace", "SettingsWorkspacePathMissing")]
        [InlineData("-Scope Profile", "SettingsProfileNameMissing")]
        public void AScopeWithoutWhatItNeeds_IsATerminatingInvalidArgumentError(string arguments, string id)
        {
            var output = _session.Run("Set-VsCodeGoToolsEnv -Variable @{ GOPROXY = 'x' } " + arguments);

            Assert.Empty(output);
            SettingsCmdletSession.AssertError(_session.Terminating, id, ErrorCategory.InvalidArgument, null);
        }

        [Fact]
        public void AMissingFile_IsCreatedWithItsFolders_AndPositionalVariablesBind()
        {
            string file = _session.PathOf("new/folders/settings.json");

            SettingsChange change = Assert.Single(SettingsCmdletSession.Objects<SettingsChange>(_session.Run(
                "Set-VsCodeGoToolsEnv @{ GOPROXY = 'x' } -Path $file -PassThru", new Hashtable { ["file"] = file })));

            Assert.Empty(_session.Errors);
            Assert.Equal(("Changed", file, (string?)null), (change.Status, change.Path, change.BackupPath));
            Assert.Equal("x", SettingsCmdletSession.Read(file, "go.toolsEnvVars", "GOPROXY")!.Value);
        }
    }
}
