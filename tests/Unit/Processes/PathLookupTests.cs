using System;
using System.Collections.Generic;
using Xunit;

namespace GoEnvTools.Tests.Processes
{
    public sealed class PathLookupTests
    {
        /// <summary>An executable-file check over a fixed set of paths that remembers what it was asked.</summary>
        private sealed class FakeFiles
        {
            private readonly HashSet<string> _executables;

            public FakeFiles(params string[] executables)
            {
                _executables = new HashSet<string>(executables, StringComparer.Ordinal);
            }

            public List<string> Probes { get; } = new List<string>();

            public bool IsExecutableFile(string path)
            {
                Probes.Add(path);
                return _executables.Contains(path);
            }
        }

        [Theory]
        [InlineData(null)]
        [InlineData("")]
        public void Split_NothingSet_GivesNoEntries(string? path)
        {
            Assert.Empty(PathLookup.Split(path, windows: false));
            Assert.Empty(PathLookup.Split(path, windows: true));
        }

        [Fact]
        public void Split_Unix_KeepsOrderAndEmptyEntries()
        {
            Assert.Equal(new[] { "/usr/local/go/bin", string.Empty, "bin", "/usr/bin", string.Empty },
                PathLookup.Split("/usr/local/go/bin::bin:/usr/bin:", windows: false));
        }

        [Fact]
        public void Split_Windows_SplitsOnSemicolonsOnly()
        {
            Assert.Equal(new[] { @"C:\Program Files\Go\bin", @"C:\Windows", string.Empty },
                PathLookup.Split(@"C:\Program Files\Go\bin;C:\Windows;", windows: true));
        }

        [Fact]
        public void Find_Unix_FirstExecutableMatchWins()
        {
            var files = new FakeFiles("/usr/local/go/bin/go", "/usr/bin/go");

            string? found = PathLookup.Find("go", new[] { "/opt/none", "/usr/local/go/bin", "/usr/bin" }, windows: false, files.IsExecutableFile);

            Assert.Equal("/usr/local/go/bin/go", found);
            Assert.Equal(new[] { "/opt/none/go", "/usr/local/go/bin/go" }, files.Probes);
        }

        [Fact]
        public void Find_Unix_SkipsRelativeAndEmptyEntriesWithoutProbingThem()
        {
            var files = new FakeFiles("go", "bin/go", "./go", "/usr/bin/go");

            string? found = PathLookup.Find("go", new[] { string.Empty, ".", "bin", "./tools", "/usr/bin" }, windows: false, files.IsExecutableFile);

            Assert.Equal("/usr/bin/go", found);
            Assert.Equal(new[] { "/usr/bin/go" }, files.Probes);
        }

        [Fact]
        public void Find_Unix_DirectoryWithTrailingSlash_GetsNoDoubleSlash()
        {
            var files = new FakeFiles("/usr/local/go/bin/go");

            Assert.Equal("/usr/local/go/bin/go", PathLookup.Find("go", new[] { "/usr/local/go/bin/" }, windows: false, files.IsExecutableFile));
        }

        [Fact]
        public void Find_Unix_NoMatch_GivesNull()
        {
            var files = new FakeFiles("/usr/bin/gofmt");

            Assert.Null(PathLookup.Find("go", new[] { "/usr/bin", "/bin" }, windows: false, files.IsExecutableFile));
            Assert.Null(PathLookup.Find("go", Array.Empty<string>(), windows: false, files.IsExecutableFile));
        }

        [Fact]
        public void Find_Unix_DoesNotAppendExtensions()
        {
            var files = new FakeFiles("/usr/bin/go.exe");

            Assert.Null(PathLookup.Find("go", new[] { "/usr/bin" }, windows: false, files.IsExecutableFile, pathExt: ".EXE"));
            Assert.Equal(new[] { "/usr/bin/go" }, files.Probes);
        }

        [Fact]
        public void Find_Windows_DefaultPathExt_TriesEachExtensionInOrderLowercased()
        {
            var files = new FakeFiles(@"C:\Go\bin\go.exe");

            string? found = PathLookup.Find("go", new[] { @"C:\Go\bin" }, windows: true, files.IsExecutableFile);

            Assert.Equal(@"C:\Go\bin\go.exe", found);
            Assert.Equal(new[] { @"C:\Go\bin\go.com", @"C:\Go\bin\go.exe" }, files.Probes);
        }

        [Fact]
        public void Find_Windows_GivenPathExt_IsUsedInItsOrder()
        {
            var files = new FakeFiles(@"C:\tools\go.cmd", @"C:\tools\go.exe");

            string? found = PathLookup.Find("go", new[] { @"C:\tools" }, windows: true, files.IsExecutableFile, pathExt: ".CMD;;.EXE");

            Assert.Equal(@"C:\tools\go.cmd", found);
        }

        [Fact]
        public void Find_Windows_BareNameWithoutExtension_IsNotAccepted()
        {
            var files = new FakeFiles(@"C:\Go\bin\go");

            Assert.Null(PathLookup.Find("go", new[] { @"C:\Go\bin" }, windows: true, files.IsExecutableFile));
        }

        [Fact]
        public void Find_Windows_SkipsRelativeAndDriveRelativeEntries()
        {
            var files = new FakeFiles(@"bin\go.exe", @"C:go\go.exe", @"\go\go.exe", @"D:\go\bin\go.exe");

            string? found = PathLookup.Find("go", new[] { "bin", "C:go", @"\go", string.Empty, @"D:\go\bin" }, windows: true, files.IsExecutableFile);

            Assert.Equal(@"D:\go\bin\go.exe", found);
            Assert.All(files.Probes, p => Assert.StartsWith(@"D:\go\bin\", p, StringComparison.Ordinal));
        }

        [Fact]
        public void Find_Windows_QuotedEntryAndUncAndForwardSlashes_AreUsable()
        {
            Assert.Equal(@"C:\Program Files\Go\bin\go.exe",
                PathLookup.Find("go", new[] { "\"C:\\Program Files\\Go\\bin\"" }, windows: true, new FakeFiles(@"C:\Program Files\Go\bin\go.exe").IsExecutableFile));
            Assert.Equal(@"\\server\share\go\go.exe",
                PathLookup.Find("go", new[] { @"\\server\share\go" }, windows: true, new FakeFiles(@"\\server\share\go\go.exe").IsExecutableFile));
            Assert.Equal("C:/Go/bin/go.exe",
                PathLookup.Find("go", new[] { "C:/Go/bin/" }, windows: true, new FakeFiles("C:/Go/bin/go.exe").IsExecutableFile));
        }
    }
}
