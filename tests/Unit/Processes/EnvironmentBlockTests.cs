using System.Collections;
using System.Collections.Specialized;
using System.Linq;
using GoEnvTools.Tests.Support;
using Xunit;

namespace GoEnvTools.Tests.Processes
{
    public sealed class EnvironmentBlockTests
    {
        private static (string Name, string? Value)[] Pairs(OrderedDictionary dictionary) =>
            dictionary.Cast<DictionaryEntry>().Select(e => ((string)e.Key, e.Value as string)).ToArray();

        [Fact]
        public void ToDictionary_Duplicate_FirstOneWins()
        {
            OrderedDictionary result = EnvironmentBlock.ToDictionary(
                FakeProcessProvider.Entries("GOPATH=/first", "HOME=/home/gopher", "GOPATH=/second"), ignoreCase: false);

            Assert.Equal(new (string, string?)[] { ("GOPATH", "/first"), ("HOME", "/home/gopher") }, Pairs(result));
        }

        [Fact]
        public void ToDictionary_DropsEntriesWithoutValueAndWithEmptyName()
        {
            OrderedDictionary result = EnvironmentBlock.ToDictionary(
                FakeProcessProvider.Entries("NOVALUE", "=C:=C:\\work", "=", "KEEP=1", "EMPTY="), ignoreCase: false);

            Assert.Equal(new (string, string?)[] { ("KEEP", "1"), ("EMPTY", string.Empty) }, Pairs(result));
        }

        [Fact]
        public void ToDictionary_EntryWithoutValue_DoesNotHideALaterDefinition()
        {
            OrderedDictionary result = EnvironmentBlock.ToDictionary(
                FakeProcessProvider.Entries("GOFLAGS", "GOFLAGS=-mod=mod"), ignoreCase: false);

            Assert.Equal("-mod=mod", result["GOFLAGS"]);
        }

        [Fact]
        public void ToDictionary_KeepsTheOrderOfTheBlock()
        {
            string[] names = { "ZED", "ALPHA", "MIDDLE", "BETA", "_" };

            OrderedDictionary result = EnvironmentBlock.ToDictionary(
                FakeProcessProvider.Entries(names.Select(n => n + "=x").ToArray()), ignoreCase: false);

            Assert.Equal(names, result.Keys.Cast<string>());
        }

        [Fact]
        public void ToDictionary_CaseSensitive_KeepsNamesThatDifferInCase()
        {
            OrderedDictionary result = EnvironmentBlock.ToDictionary(
                FakeProcessProvider.Entries("Path=/a", "PATH=/b"), ignoreCase: false);

            Assert.Equal(new (string, string?)[] { ("Path", "/a"), ("PATH", "/b") }, Pairs(result));
            Assert.Null(result["path"]);
        }

        [Fact]
        public void ToDictionary_IgnoreCase_FirstSpellingWinsAndLooksUpAnyCase()
        {
            OrderedDictionary result = EnvironmentBlock.ToDictionary(
                FakeProcessProvider.Entries("Path=C:\\Windows", "PATH=C:\\Other", "windir=C:\\Windows"), ignoreCase: true);

            Assert.Equal(new (string, string?)[] { ("Path", "C:\\Windows"), ("windir", "C:\\Windows") }, Pairs(result));
            Assert.Equal("C:\\Windows", result["PATH"]);
            Assert.Equal("C:\\Windows", result["WINDIR"]);
        }

        [Fact]
        public void ToDictionary_NoEntries_GivesAnEmptyDictionary()
        {
            OrderedDictionary result = EnvironmentBlock.ToDictionary(System.Array.Empty<EnvironmentEntry>(), ignoreCase: false);

            Assert.Empty(result);
        }
    }
}
