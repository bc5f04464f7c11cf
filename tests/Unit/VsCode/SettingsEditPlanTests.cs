using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using Xunit;

namespace GoEnvTools.Tests.VsCode
{
    public sealed class SettingsEditPlanTests : IDisposable
    {
        private readonly string _dir = Path.Combine(Path.GetTempPath(), "goenvtools-edit-" + Guid.NewGuid().ToString("N"));

        public SettingsEditPlanTests()
        {
            Directory.CreateDirectory(_dir);
        }

        public void Dispose() => Directory.Delete(_dir, recursive: true);

        [Theory]
        [InlineData(null, "/a:${env:PATH}")]
        [InlineData("/a:${env:PATH}", "/a:${env:PATH}")]
        [InlineData("/b:${env:PATH}", "/a:/b:${env:PATH}")]
        [InlineData("/b:/a:${env:PATH}:/c", "/a:/b:${env:PATH}:/c")]
        [InlineData("/frozen/bin:/usr/bin", "/a:/frozen/bin:/usr/bin:${env:PATH}")]
        public void Prepend_IsIdempotentAndKeepsEnvPath(string? current, string expected)
        {
            Assert.Equal(expected, SettingsEditPlan.Prepend(current, new[] { "/a" }, ':'));
            Assert.Equal(expected, SettingsEditPlan.Prepend(expected, new[] { "/a" }, ':'));
        }

        [Fact]
        public void SplitPath_KeepsVariablesWhole()
        {
            Assert.Equal(new[] { "/a", "${env:PATH}", "${workspaceFolder}/bin" }, SettingsEditPlan.SplitPath("/a:${env:PATH}:${workspaceFolder}/bin", ':'));
        }

        [Fact]
        public void Apply_SetsRemovesAndReportsEachKey()
        {
            byte[] original = Encoding.UTF8.GetBytes("{\r\n\t// mine\r\n\t\"go.toolsEnvVars\": {\r\n\t\t\"GOFLAGS\": \"-x\" // old\r\n\t}\r\n}\r\n");
            var (bytes, changes) = SettingsEditPlan.Apply(original, Array.Empty<string>(), new[]
            {
                SettingsOperation.Set("https://p", "go.toolsEnvVars", "GOPROXY"),
                SettingsOperation.Remove("go.toolsEnvVars", "GOFLAGS"),
                SettingsOperation.PrependPath(new[] { "/usr/local/go/bin" }, "go.toolsEnvVars", "PATH"),
                SettingsOperation.Remove("go.toolsEnvVars", "NOPE"),
            }, ':');
            string text = Encoding.UTF8.GetString(bytes);
            Assert.Equal("{\r\n\t// mine\r\n\t\"go.toolsEnvVars\": {\r\n\t\t\"GOPROXY\": \"https://p\",\r\n\t\t\"PATH\": \"/usr/local/go/bin:${env:PATH}\"\r\n\t}\r\n}\r\n", text);
            Assert.Equal(new[] { "Changed", "Changed", "Changed", "NoChange" }, changes.Select(c => c.Status));
            Assert.Equal("-x", changes[1].OldValue);

            var (again, second) = SettingsEditPlan.Apply(bytes, Array.Empty<string>(), new[]
            {
                SettingsOperation.Set("https://p", "go.toolsEnvVars", "GOPROXY"),
                SettingsOperation.PrependPath(new[] { "/usr/local/go/bin" }, "go.toolsEnvVars", "PATH"),
            }, ':');
            Assert.Same(bytes, again);
            Assert.All(second, c => Assert.Equal("NoChange", c.Status));
        }

        [Fact]
        public void Prepare_WritesOnlyWhenSomethingChanges_AndShowsTheChangedLines()
        {
            byte[] original = Encoding.UTF8.GetBytes("{\n  \"editor.tabSize\": 2\n}\n");
            SettingsOperation[] set = { SettingsOperation.Set("https://p", "go.toolsEnvVars", "GOPROXY") };

            PreparedSettingsEdit first = SettingsEditPlan.Prepare(original, Array.Empty<string>(), set, ':');
            Assert.True(first.WritesFile);
            Assert.Equal(new[] { "go.toolsEnvVars.GOPROXY" }, first.ChangedKeys);
            Assert.Contains("+", first.Diff, StringComparison.Ordinal);
            Assert.Contains("GOPROXY", first.Diff, StringComparison.Ordinal);

            PreparedSettingsEdit second = SettingsEditPlan.Prepare(first.Updated, Array.Empty<string>(), set, ':');
            Assert.False(second.WritesFile);
            Assert.Empty(second.ChangedKeys);
            Assert.Equal(string.Empty, second.Diff);
        }

        [Fact]
        public void Prepare_DoesNotCreateAMissingFileWhenNothingWouldBeInIt()
        {
            PreparedSettingsEdit removeOnly = SettingsEditPlan.Prepare(null, Array.Empty<string>(),
                new[] { SettingsOperation.Remove("go.toolsEnvVars", "GOFLAGS") }, ':');
            Assert.False(removeOnly.WritesFile);

            PreparedSettingsEdit set = SettingsEditPlan.Prepare(null, Array.Empty<string>(),
                new[] { SettingsOperation.Set("-mod=mod", "go.toolsEnvVars", "GOFLAGS") }, ':');
            Assert.True(set.WritesFile);
            Assert.Null(set.Original);
        }

        [Fact]
        public void Apply_RefusesBrokenFile()
        {
            var ex = Assert.Throws<JsoncException>(() => SettingsEditPlan.Apply(Encoding.UTF8.GetBytes("{\n \"a\": [1,\n}"), Array.Empty<string>(),
                new[] { SettingsOperation.Set("x", "go.toolsEnvVars", "A") }, ':'));
            Assert.Equal(3, ex.Line);
        }

        [Fact]
        public void LineDiff_ShowsOnlyChangedLines()
        {
            string diff = SettingsEditPlan.LineDiff("{\n  \"a\": 1\n}\n", "{\n  \"a\": 1,\n  \"b\": 2\n}\n");
            Assert.Equal("-    2:   \"a\": 1\n+    2:   \"a\": 1,\n+    3:   \"b\": 2", diff);
        }

        [Fact]
        public void DifferenceRows_BecomeOperations()
        {
            string[] at = { "go.toolsEnvVars" };
            Assert.Equal("https://r", DifferenceOperations.From(new GoEnvDifference { Name = "GOPROXY", ChangeKind = ChangeKind.Changed, ReferenceValue = "https://r", DifferenceValue = "d" }, at, out _)!.Value);
            Assert.Equal("x", DifferenceOperations.From(new GoEnvDifference { Name = "GOFLAGS", ChangeKind = ChangeKind.Removed, ReferenceValue = "x" }, at, out _)!.Value);
            Assert.Null(DifferenceOperations.From(new GoEnvDifference { Name = "GOFLAGS", ChangeKind = ChangeKind.Added, DifferenceValue = "x" }, at, out _));
            Assert.Null(DifferenceOperations.From(new GoEnvDifference { Name = "SHLVL", ChangeKind = ChangeKind.Changed, ReferenceValue = "2" }, at, out _));
            SettingsOperation path = DifferenceOperations.From(new GoEnvDifference { Name = "PATH", ChangeKind = ChangeKind.Changed, PathEntriesRemoved = new[] { "/opt/go/bin" } }, at, out _)!;
            Assert.Equal(new[] { "/opt/go/bin" }, path.PrependEntries);
            Assert.Equal("go.toolsEnvVars.PATH", path.Key);
        }

        [Fact]
        public void Writer_DetectsConcurrentChange_AndWritesNothing()
        {
            string path = Path.Combine(_dir, "settings.json");
            byte[] original = Encoding.UTF8.GetBytes("{}");
            File.WriteAllBytes(path, original);
            var options = new SettingsWriteOptions { BeforeCommit = _ => File.WriteAllText(path, "{ \"vscode\": 1 }") };
            Assert.Throws<SettingsChangedOnDiskException>(() => SettingsFileWriter.Write(path, original, Encoding.UTF8.GetBytes("{ \"x\": 1 }"), options));
            Assert.Equal("{ \"vscode\": 1 }", File.ReadAllText(path));
            Assert.Equal(new[] { "settings.json" }, Directory.GetFiles(_dir).Select(Path.GetFileName));
        }

        [Fact]
        public void Writer_CreatesMissingFileAndFolders_AndBacksUp()
        {
            string path = Path.Combine(_dir, "a", "b", "settings.json");
            Assert.Null(SettingsFileWriter.Write(path, null, Encoding.UTF8.GetBytes("{}")));
            Assert.Equal("{}", File.ReadAllText(path));
            string? backup = SettingsFileWriter.Write(path, Encoding.UTF8.GetBytes("{}"), Encoding.UTF8.GetBytes("{ }"));
            Assert.Equal(path + ".goenvtools.bak", backup);
            Assert.Equal("{}", File.ReadAllText(backup!));
            string? second = SettingsFileWriter.Write(path, Encoding.UTF8.GetBytes("{ }"), Encoding.UTF8.GetBytes("{  }"), new SettingsWriteOptions { Clock = () => new DateTime(2026, 1, 2, 3, 4, 5) });
            Assert.Equal(path + ".goenvtools.20260102-030405.bak", second);
            Assert.Equal("{ }", File.ReadAllText(second!));
        }
    }
}
