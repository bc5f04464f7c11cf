using System;
using System.Collections;
using System.Collections.Specialized;
using System.Linq;
using GoEnvTools.Tests.Yaml;
using Xunit;

namespace GoEnvTools.Tests.Snapshots
{
    public sealed class SnapshotDocumentTests
    {
        private const string FilePath = "/snapshots/test.yaml";

        private static GoEnvSnapshot Sample(params (string Name, string Value)[] variables)
        {
            var pairs = variables.Select(v => new System.Collections.Generic.KeyValuePair<string, string?>(v.Name, v.Value));
            return SnapshotFactory.Create("process 42 (gopls)", new DateTime(2026, 11, 26, 15, 55, 0, 123, DateTimeKind.Utc).AddTicks(4567), SnapshotPlatform.Linux, EnvironmentStatus.Ok, pairs);
        }

        public static TheoryData<DocumentFormat> Formats() => new TheoryData<DocumentFormat> { DocumentFormat.Yaml, DocumentFormat.Json };

        [Theory]
        [MemberData(nameof(Formats))]
        public void EveryTrickyValue_AndTheHeader_RoundTrip(DocumentFormat format)
        {
            GoEnvSnapshot snapshot = Sample(YamlDocumentsTests.TrickyValues.Select((v, i) => ($"V{i:D3}", v)).ToArray());
            snapshot.Shell = "/bin/zsh";
            snapshot.Arguments = new[] { "-i", "-l", "-c", "env" };
            snapshot.ExitCode = -1;
            snapshot.ElapsedMilliseconds = 1234;
            snapshot.WorkingDirectory = "/home/me/src/app";

            GoEnvSnapshot back = SnapshotDocument.Read(SnapshotDocument.Write(snapshot, format), FilePath);

            Assert.Equal(snapshot.Source, back.Source);
            Assert.Equal(snapshot.CapturedAt, back.CapturedAt);
            Assert.Equal(DateTimeKind.Utc, back.CapturedAt.Kind);
            Assert.Equal(SnapshotPlatform.Linux, back.Platform);
            Assert.Equal(EnvironmentStatus.Ok, back.EnvironmentStatus);
            Assert.Equal("/bin/zsh", back.Shell);
            Assert.Equal(snapshot.Arguments, back.Arguments);
            Assert.Equal(-1, back.ExitCode);
            Assert.Equal(1234, back.ElapsedMilliseconds);
            Assert.Equal("/home/me/src/app", back.WorkingDirectory);
            Assert.Equal(snapshot.Variables!.Keys.Cast<string>(), back.Variables!.Keys.Cast<string>());
            foreach (DictionaryEntry entry in snapshot.Variables)
            {
                Assert.Equal((string)entry.Value!, (string)back.Variables[entry.Key]!);
            }
        }

        [Fact]
        public void TheYaml_ReadsAsTheDocumentedSchema()
        {
            string text = SnapshotDocument.Write(Sample(("PATH", "/usr/bin:/bin"), ("ANSWER", "yes")), DocumentFormat.Yaml);
            string[] lines = text.TrimEnd('\n').Split('\n');

            Assert.Equal("schema: goenvtools/snapshot/v1", lines[0]);
            Assert.Equal("source: process 42 (gopls)", lines[1]);
            Assert.Equal("capturedAt: \"2026-11-26T15:55:00.1234567Z\"", lines[2]);
            Assert.Equal("platform: Linux", lines[3]);
            Assert.Equal("environmentStatus: Ok", lines[4]);
            Assert.Equal("variableCount: \"2\"", lines[5]);
            Assert.Equal("variables:", lines[6]);
            Assert.Equal("  PATH: /usr/bin:/bin", lines[7]);
            Assert.Equal("  ANSWER: \"yes\"", lines[8]);
            Assert.Equal("end: goenvtools/snapshot/v1", lines[9]);
        }

        [Fact]
        public void AnUnreadEnvironment_StaysUnread()
        {
            var snapshot = SnapshotFactory.Create("process 1 (systemd)", DateTime.UtcNow, SnapshotPlatform.Linux, EnvironmentStatus.AccessDenied, null);

            GoEnvSnapshot back = SnapshotDocument.Read(SnapshotDocument.Write(snapshot, DocumentFormat.Json), FilePath);

            Assert.Equal(EnvironmentStatus.AccessDenied, back.EnvironmentStatus);
            Assert.Null(back.Variables);
        }

        [Fact]
        public void AWindowsSnapshot_ReadsWithCaseInsensitiveNames()
        {
            GoEnvSnapshot snapshot = Sample(("Path", @"C:\Go\bin;C:\Windows"));
            snapshot.Platform = SnapshotPlatform.Windows;

            GoEnvSnapshot back = SnapshotDocument.Read(SnapshotDocument.Write(snapshot, DocumentFormat.Yaml), FilePath);

            Assert.Equal(@"C:\Go\bin;C:\Windows", back.Variables!["PATH"]);
        }

        [Theory]
        [MemberData(nameof(Formats))]
        public void AFileCutShort_IsRefused_WithTheFileAndALine(DocumentFormat format)
        {
            string text = SnapshotDocument.Write(Sample(Enumerable.Range(0, 50).Select(i => ($"NAME{i}", $"value {i}")).ToArray()), format);

            // Cut at every line boundary, and inside the last lines, and check that nothing reads as a smaller environment.
            string[] lines = text.Split('\n');
            for (int keep = 1; keep < lines.Length - 1; keep++)
            {
                string cut = string.Join("\n", lines.Take(keep)) + "\n";
                SnapshotFormatException error = Assert.Throws<SnapshotFormatException>(() => SnapshotDocument.Read(cut, FilePath));
                Assert.Equal(FilePath, error.Path);
                Assert.InRange(error.Line, 1, keep + 1);
                Assert.StartsWith($"{FilePath}:{error.Line}: ", error.Message, StringComparison.Ordinal);
            }

            string midValue = text.Substring(0, text.LastIndexOf("value 49", StringComparison.Ordinal) + 5);
            Assert.Throws<SnapshotFormatException>(() => SnapshotDocument.Read(midValue, FilePath));
        }

        [Fact]
        public void AYamlFileCutAfterTheVariables_SaysCutShort_AtItsLastLine()
        {
            string text = SnapshotDocument.Write(Sample(("A", "1"), ("B", "2")), DocumentFormat.Yaml);
            string cut = text.Substring(0, text.IndexOf("end:", StringComparison.Ordinal));

            SnapshotFormatException error = Assert.Throws<SnapshotFormatException>(() => SnapshotDocument.Read(cut, FilePath));

            Assert.Equal(9, error.Line);
            Assert.Contains("cut short", error.Message, StringComparison.Ordinal);
        }

        [Fact]
        public void AMissingVariable_IsCaughtByTheCount()
        {
            string text = SnapshotDocument.Write(Sample(("A", "1"), ("B", "2")), DocumentFormat.Yaml).Replace("  B: \"2\"\n", string.Empty, StringComparison.Ordinal);

            SnapshotFormatException error = Assert.Throws<SnapshotFormatException>(() => SnapshotDocument.Read(text, FilePath));

            Assert.Equal(7, error.Line);
            Assert.Contains("says it has 2 variables but holds 1", error.Message, StringComparison.Ordinal);
        }

        [Theory]
        [InlineData("name: my-app\nversion: 1.2.3\n", 1)]
        [InlineData("# a comment\n\nfoo: bar\n", 3)]
        [InlineData("schema: something/else\nfoo: bar\n", 1)]
        [InlineData("{\n  \"PATH\": \"/usr/bin\"\n}\n", 2)]
        public void AFileThatIsNoSnapshot_IsRefused_AtTheRightLine(string text, int line)
        {
            SnapshotFormatException error = Assert.Throws<SnapshotFormatException>(() => SnapshotDocument.Read(text, FilePath));

            Assert.Equal(line, error.Line);
            Assert.Contains("not a GoEnvTools snapshot", error.Message, StringComparison.Ordinal);
        }

        [Theory]
        [InlineData("- a\n- b\n")]
        [InlineData("just text")]
        [InlineData("a: [unclosed\n")]
        public void TextThatIsNoMapping_IsRefused(string text)
        {
            SnapshotFormatException error = Assert.Throws<SnapshotFormatException>(() => SnapshotDocument.Read(text, FilePath));

            Assert.True(error.Line >= 1);
        }

        [Fact]
        public void ALaterSchemaVersion_AsksForAnUpdate()
        {
            string text = SnapshotDocument.Write(Sample(("A", "1")), DocumentFormat.Yaml).Replace("snapshot/v1", "snapshot/v2", StringComparison.Ordinal);

            SnapshotFormatException error = Assert.Throws<SnapshotFormatException>(() => SnapshotDocument.Read(text, FilePath));

            Assert.Equal(1, error.Line);
            Assert.Contains("Update the module", error.Message, StringComparison.Ordinal);
        }

        [Theory]
        [InlineData("platform: Linux", "platform: Plan9", 4, "'platform'")]
        [InlineData("environmentStatus: Ok", "environmentStatus: Fine", 5, "'environmentStatus'")]
        [InlineData("environmentStatus: Ok", "environmentStatus: \"3\"", 5, "'environmentStatus'")]
        [InlineData("capturedAt: \"2026-11-26T15:55:00.1234567Z\"", "capturedAt: yesterday", 3, "ISO 8601")]
        [InlineData("  B: \"2\"", "  B: {x: y}", 9, "'B' must be text")]
        public void ABadField_IsNamed_WithItsLine(string good, string bad, int line, string expected)
        {
            string text = SnapshotDocument.Write(Sample(("A", "1"), ("B", "2")), DocumentFormat.Yaml).Replace(good, bad, StringComparison.Ordinal);

            SnapshotFormatException error = Assert.Throws<SnapshotFormatException>(() => SnapshotDocument.Read(text, FilePath));

            Assert.Equal(line, error.Line);
            Assert.Contains(expected, error.Message, StringComparison.Ordinal);
        }

        [Theory]
        [InlineData("a.yaml", DocumentFormat.Yaml)]
        [InlineData("a.YML", DocumentFormat.Yaml)]
        [InlineData("dir.json/a.json", DocumentFormat.Json)]
        [InlineData("a.txt", null)]
        [InlineData("a", null)]
        public void TheExtension_ChoosesTheFormat(string path, DocumentFormat? expected)
        {
            Assert.Equal(expected, SnapshotDocument.FormatOf(path));
        }

        [Fact]
        public void Redact_ReplacesSecretsOnly_AndLeavesRedactedValues()
        {
            var redactor = new SecretRedactor(new byte[32]);
            string already = "redacted:00000000:0123456789abcdef";
            GoEnvSnapshot snapshot = Sample(("PATH", "/bin"), ("GITHUB_TOKEN", "t0ken"), ("URL", "https://x:" + "glpat-" + new string('q', 20) + "@h"), ("OLD_SECRET", already));
            int asked = 0;

            GoEnvSnapshot redacted = SnapshotFactory.Redact(snapshot, () => { asked++; return redactor; });

            Assert.Equal("/bin", redacted.Variables!["PATH"]);
            Assert.Equal(redactor.Redact("t0ken"), redacted.Variables["GITHUB_TOKEN"]);
            Assert.StartsWith("redacted:", (string)redacted.Variables["URL"]!, StringComparison.Ordinal);
            Assert.Equal(already, redacted.Variables["OLD_SECRET"]);
            Assert.Equal("t0ken", snapshot.Variables!["GITHUB_TOKEN"]);
            Assert.Equal(1, asked);

            SnapshotFactory.Redact(Sample(("PATH", "/bin")), () => throw new InvalidOperationException("no key needed"));
        }
    }
}
