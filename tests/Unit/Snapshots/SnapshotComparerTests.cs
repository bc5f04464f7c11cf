using System;
using System.Collections.Generic;
using System.Linq;
using Xunit;

namespace GoEnvTools.Tests.Snapshots
{
    public sealed class SnapshotComparerTests
    {
        private static GoEnvSnapshot Snap(string platform, params (string Name, string Value)[] variables) =>
            SnapshotFactory.Create("test", DateTime.UtcNow, platform, EnvironmentStatus.Ok,
                variables.Select(v => new KeyValuePair<string, string?>(v.Name, v.Value)));

        private static GoEnvSnapshot Linux(params (string Name, string Value)[] variables) => Snap(SnapshotPlatform.Linux, variables);

        private static ComparisonOptions Options(bool includeEqual = false, Func<string, bool>? isExecutable = null, string local = SnapshotPlatform.Linux) =>
            new ComparisonOptions { IncludeEqual = includeEqual, IsExecutableFile = isExecutable ?? (_ => false), LocalPlatform = local };

        private static GoEnvDifference Row(List<GoEnvDifference> rows, string name) => Assert.Single(rows, r => r.Name == name);

        [Fact]
        public void EachKindOfChange_HasOneRow_OrderedByName_WithItsIndicator()
        {
            GoEnvSnapshot reference = Linux(("ZED", "1"), ("same", "x"), ("GONE", "old"), ("CHANGED", "a"));
            GoEnvSnapshot difference = Linux(("CHANGED", "b"), ("same", "x"), ("NEW", "n"), ("ZED", "1"));

            List<GoEnvDifference> rows = SnapshotComparer.Compare(reference, difference, Options(includeEqual: true));

            Assert.Equal(new[] { "CHANGED", "GONE", "NEW", "same", "ZED" }, rows.Select(r => r.Name));
            Assert.Equal(new[] { "<>", "<=", "=>", "==", "==" }, rows.Select(r => r.SideIndicator));
            Assert.Equal(new[] { ChangeKind.Changed, ChangeKind.Removed, ChangeKind.Added, ChangeKind.Equal, ChangeKind.Equal }, rows.Select(r => r.ChangeKind));
            Assert.Null(Row(rows, "GONE").DifferenceValue);
            Assert.Equal("old", Row(rows, "GONE").ReferenceValue);
            Assert.Null(Row(rows, "NEW").ReferenceValue);
            Assert.Equal("b", Row(rows, "CHANGED").DifferenceValue);
        }

        [Fact]
        public void EqualRows_AreLeftOut_UnlessAskedFor()
        {
            List<GoEnvDifference> rows = SnapshotComparer.Compare(Linux(("A", "1"), ("B", "2")), Linux(("A", "1"), ("B", "3")), Options());

            Assert.Equal("B", Assert.Single(rows).Name);
        }

        [Fact]
        public void NamesDifferingInCase_AreTwoVariables_BetweenLinuxSnapshots()
        {
            List<GoEnvDifference> rows = SnapshotComparer.Compare(Linux(("Path", "/a")), Linux(("PATH", "/a")), Options());

            Assert.Equal(2, rows.Count);
            Assert.Equal(ChangeKind.Removed, Row(rows, "Path").ChangeKind);
            Assert.Equal(ChangeKind.Added, Row(rows, "PATH").ChangeKind);
        }

        [Theory]
        [InlineData(SnapshotPlatform.Windows, SnapshotPlatform.Windows)]
        [InlineData(SnapshotPlatform.Windows, SnapshotPlatform.Linux)]
        [InlineData(SnapshotPlatform.Linux, SnapshotPlatform.Windows)]
        public void NamesCompareWithoutCase_WhenEitherSnapshotIsFromWindows(string referencePlatform, string differencePlatform)
        {
            GoEnvSnapshot reference = Snap(referencePlatform, ("Path", @"C:\Go\bin"), ("GoPath", @"C:\go"));
            GoEnvSnapshot difference = Snap(differencePlatform, ("PATH", @"C:\Go\bin"), ("GOPATH", @"D:\go"));

            List<GoEnvDifference> rows = SnapshotComparer.Compare(reference, difference, Options(includeEqual: true, local: "None"));

            Assert.Equal(new[] { "GoPath", "Path" }, rows.Select(r => r.Name));
            Assert.Equal(ChangeKind.Changed, rows[0].ChangeKind);
            Assert.Equal(ChangeKind.Equal, rows[1].ChangeKind);
        }

        [Fact]
        public void PathEntries_Added_Removed_Moved_Duplicated()
        {
            GoEnvSnapshot reference = Linux(("PATH", "/usr/local/go/bin:/home/me/bin:/usr/bin:/bin:/old"));
            GoEnvSnapshot difference = Linux(("PATH", "/home/me/bin:/usr/bin:/usr/local/go/bin:/bin:/new:/usr/bin"));

            GoEnvDifference row = Assert.Single(SnapshotComparer.Compare(reference, difference, Options()));

            Assert.Equal(ChangeKind.Changed, row.ChangeKind);
            Assert.Equal(new[] { "/new" }, row.PathEntriesAdded);
            Assert.Equal(new[] { "/old" }, row.PathEntriesRemoved);
            Assert.Equal(new[] { "/usr/local/go/bin" }, row.PathEntriesMoved);
            Assert.Equal(new[] { "/usr/bin" }, row.PathEntriesDuplicated);
        }

        [Fact]
        public void AnEntryMovedToTheEnd_IsTheOneReported_NotTheOnesItPassed()
        {
            GoEnvSnapshot reference = Linux(("PATH", "/a:/b:/c:/d:/e"));
            GoEnvSnapshot difference = Linux(("PATH", "/b:/c:/d:/e:/a"));

            GoEnvDifference row = Assert.Single(SnapshotComparer.Compare(reference, difference, Options()));

            Assert.Equal(new[] { "/a" }, row.PathEntriesMoved);
            Assert.Empty(row.PathEntriesAdded);
            Assert.Empty(row.PathEntriesRemoved);
        }

        [Fact]
        public void ADuplicateTheReferenceHadToo_IsNoNews()
        {
            GoEnvDifference row = Assert.Single(SnapshotComparer.Compare(Linux(("MANPATH", "/a:/a:/b")), Linux(("MANPATH", "/a:/a:/c")), Options()));

            Assert.Empty(row.PathEntriesDuplicated);
            Assert.Equal(new[] { "/c" }, row.PathEntriesAdded);
            Assert.Equal(new[] { "/b" }, row.PathEntriesRemoved);
        }

        [Fact]
        public void WindowsLists_SplitOnSemicolons_AndCompareEntriesWithoutCase()
        {
            GoEnvSnapshot reference = Snap(SnapshotPlatform.Windows, ("Path", @"C:\Go\bin;C:\Windows;C:\Tools"));
            GoEnvSnapshot difference = Snap(SnapshotPlatform.Windows, ("Path", @"c:\windows;C:\Go\bin;C:\New"));

            GoEnvDifference row = Assert.Single(SnapshotComparer.Compare(reference, difference, Options(local: "None")));

            Assert.Equal(new[] { @"C:\New" }, row.PathEntriesAdded);
            Assert.Equal(new[] { @"C:\Tools" }, row.PathEntriesRemoved);
            Assert.Single(row.PathEntriesMoved);
        }

        [Fact]
        public void NonListVariables_HaveNoEntries_EvenWithColons()
        {
            GoEnvDifference row = Assert.Single(SnapshotComparer.Compare(Linux(("GOPROXY", "a:b")), Linux(("GOPROXY", "b:a")), Options()));

            Assert.Empty(row.PathEntriesMoved);
            Assert.Empty(row.PathEntriesAdded);
        }

        [Fact]
        public void AddedAndRemovedLists_ListEveryEntry()
        {
            List<GoEnvDifference> rows = SnapshotComparer.Compare(Linux(("PKG_CONFIG_PATH", "/x:/y")), Linux(("LD_LIBRARY_PATH", "/l")), Options());

            Assert.Equal(new[] { "/x", "/y" }, Row(rows, "PKG_CONFIG_PATH").PathEntriesRemoved);
            Assert.Equal(new[] { "/l" }, Row(rows, "LD_LIBRARY_PATH").PathEntriesAdded);
        }

        [Fact]
        public void TheGoProvider_OfEachPath_IsFoundThroughTheFileSystemSeam()
        {
            var files = new HashSet<string> { "/usr/local/go/bin/go", "/usr/lib/go-1.19/bin/go" };
            GoEnvSnapshot reference = Linux(("PATH", "/usr/local/go/bin:/usr/bin"));
            GoEnvSnapshot difference = Linux(("PATH", "relative:/usr/bin:/usr/lib/go-1.19/bin:/usr/local/go/bin"));

            GoEnvDifference row = Assert.Single(SnapshotComparer.Compare(reference, difference, Options(isExecutable: files.Contains)));

            Assert.Equal("/usr/local/go/bin/go", row.ReferenceGo);
            Assert.Equal("/usr/lib/go-1.19/bin/go", row.DifferenceGo);
        }

        [Fact]
        public void TheGoProvider_IsNull_ForASnapshotOfAnotherPlatform_AndForVariablesOtherThanPath()
        {
            var asked = new List<string>();
            bool Seam(string path)
            {
                asked.Add(path);
                return true;
            }

            GoEnvSnapshot reference = Snap(SnapshotPlatform.MacOS, ("PATH", "/opt/homebrew/bin"), ("GOPATH", "/a"));
            GoEnvSnapshot difference = Linux(("PATH", "/usr/bin"), ("GOPATH", "/b"));

            List<GoEnvDifference> rows = SnapshotComparer.Compare(reference, difference, Options(isExecutable: Seam));

            Assert.Null(Row(rows, "PATH").ReferenceGo);
            Assert.Equal("/usr/bin/go", Row(rows, "PATH").DifferenceGo);
            Assert.Null(Row(rows, "GOPATH").ReferenceGo);
            Assert.Null(Row(rows, "GOPATH").DifferenceGo);
            Assert.Equal(new[] { "/usr/bin/go" }, asked);
        }

        [Fact]
        public void EqualPath_WithIncludeEqual_StillSaysWhichGo()
        {
            GoEnvDifference row = Assert.Single(SnapshotComparer.Compare(Linux(("PATH", "/g")), Linux(("PATH", "/g")), Options(includeEqual: true, isExecutable: p => p == "/g/go")));

            Assert.Equal(ChangeKind.Equal, row.ChangeKind);
            Assert.Equal("/g/go", row.ReferenceGo);
            Assert.Equal("/g/go", row.DifferenceGo);
        }

        [Theory]
        [InlineData("redacted:aaaa1111:0123456789abcdef", "redacted:aaaa1111:0123456789abcdef", ChangeKind.Equal)]
        [InlineData("redacted:aaaa1111:0123456789abcdef", "redacted:AAAA1111:0123456789ABCDEF", ChangeKind.Equal)]
        [InlineData("redacted:aaaa1111:0123456789abcdef", "redacted:aaaa1111:fedcba9876543210", ChangeKind.Changed)]
        [InlineData("redacted:aaaa1111:0123456789abcdef", "redacted:bbbb2222:0123456789abcdef", ChangeKind.Unknown)]
        [InlineData("redacted:aaaa1111:0123456789abcdef", "clear value", ChangeKind.Unknown)]
        [InlineData("clear value", "redacted:aaaa1111:0123456789abcdef", ChangeKind.Unknown)]
        [InlineData("a", "b", ChangeKind.Changed)]
        [InlineData("a", "a", ChangeKind.Equal)]
        public void RedactedValues_CompareByKeyAndHash(string reference, string difference, ChangeKind expected)
        {
            Assert.Equal(expected, SnapshotComparer.Classify(reference, difference));

            List<GoEnvDifference> rows = SnapshotComparer.Compare(Linux(("GITHUB_TOKEN", reference)), Linux(("GITHUB_TOKEN", difference)), Options(includeEqual: true));
            GoEnvDifference row = Assert.Single(rows);
            Assert.Equal(expected, row.ChangeKind);
            Assert.Equal(GoEnvDifference.Indicator(expected), row.SideIndicator);
        }

        [Fact]
        public void ARedactedListVariable_IsUnknown_WithoutEntries()
        {
            GoEnvDifference row = Assert.Single(SnapshotComparer.Compare(Linux(("PYTHONPATH", "redacted:aaaa1111:00")), Linux(("PYTHONPATH", "/x")), Options()));

            Assert.Equal(ChangeKind.Unknown, row.ChangeKind);
            Assert.Equal("??", row.SideIndicator);
            Assert.Empty(row.PathEntriesAdded);
        }

        [Fact]
        public void EditorVariables_AreLeftOut_UnlessIncluded()
        {
            GoEnvSnapshot reference = Linux(("HOME", "/h"));
            GoEnvSnapshot difference = Linux(("HOME", "/h"), ("VSCODE_PID", "1"), ("ELECTRON_RUN_AS_NODE", "1"), ("XDG_RUNTIME_DIR", "/run/user/1"),
                ("NODE_OPTIONS", "x"), ("LD_PRELOAD", "x"), ("DYLD_INSERT_LIBRARIES", "x"), ("DEBUG", "x"), ("CHROME_CRASHPAD_PIPE_NAME", "p"),
                ("APPLICATION_INSIGHTS_NO_DIAGNOSTIC_CHANNEL", "1"), ("ORIGINAL_XDG_CURRENT_DESKTOP", "GNOME"), ("GIO_LAUNCHED_DESKTOP_FILE_PID", "9"),
                ("GOFLAGS", "-mod=mod"));

            List<GoEnvDifference> without = SnapshotComparer.Compare(reference, difference, Options());
            List<GoEnvDifference> with = SnapshotComparer.Compare(reference, difference, new ComparisonOptions { IncludeEditorVariables = true, IsExecutableFile = _ => false });

            Assert.Equal("GOFLAGS", Assert.Single(without).Name);
            Assert.Equal(12, with.Count);
        }

        [Fact]
        public void TheNameFilter_SelectsVariables()
        {
            var options = Options();
            options.NameFilter = n => n.StartsWith("GO", StringComparison.Ordinal);

            List<GoEnvDifference> rows = SnapshotComparer.Compare(Linux(("GOPATH", "a"), ("HOME", "a")), Linux(("GOPATH", "b"), ("HOME", "b"), ("GOBIN", "c")), options);

            Assert.Equal(new[] { "GOBIN", "GOPATH" }, rows.Select(r => r.Name));
        }

        [Fact]
        public void AnUnreadEnvironment_CannotBeCompared()
        {
            var unread = SnapshotFactory.Create("process 1", DateTime.UtcNow, SnapshotPlatform.Linux, EnvironmentStatus.AccessDenied, null);

            ArgumentException error = Assert.Throws<ArgumentException>(() => SnapshotComparer.Compare(unread, Linux(("A", "1")), Options()));
            Assert.Contains("AccessDenied", error.Message, StringComparison.Ordinal);
        }

        [Fact]
        public void FiveThousandVariables_CompareQuickly()
        {
            var referenceVars = Enumerable.Range(0, 5000).Select(i => ($"VAR_{i:D5}", $"value-{i}")).ToList();
            var differenceVars = referenceVars.Select((v, i) => i % 10 == 0 ? (v.Item1, v.Item2 + "-changed") : v).ToList();
            referenceVars.Add(("PATH", string.Join(":", Enumerable.Range(0, 200).Select(i => $"/opt/tool{i}/bin"))));
            differenceVars.Add(("PATH", string.Join(":", Enumerable.Range(0, 200).Reverse().Select(i => $"/opt/tool{i}/bin"))));
            GoEnvSnapshot reference = Linux(referenceVars.ToArray());
            GoEnvSnapshot difference = Linux(differenceVars.ToArray());

            List<GoEnvDifference> rows = SnapshotComparer.Compare(reference, difference, Options());

            Assert.Equal(501, rows.Count);
            Assert.Equal(199, Row(rows, "PATH").PathEntriesMoved.Length);
        }
    }
}
