using System.Linq;
using System.Text;
using Xunit;

namespace GoEnvTools.Tests.Shells
{
    public sealed class MarkedEnvironmentTests
    {
        private const string Marker = "0a1b2c3d4e5f";

        private static byte[] Bytes(string text) => Encoding.UTF8.GetBytes(text);

        [Fact]
        public void Extract_ReadsTheEntriesBetweenTheMarkers_IgnoringNoiseAround()
        {
            byte[] output = Bytes("{\"PATH\":\"/fake\"}\n\0FAKE=1\0" + Marker + "A=1\0B=two=2\0" + Marker + "logout noise\0C=3\0");

            var entries = MarkedEnvironment.Extract(output, Marker)!;

            Assert.Equal(new[] { "A=1", "B=two=2" }, entries.Select(e => e.ToString()));
            Assert.Equal("two=2", entries[1].Value);
        }

        [Fact]
        public void Extract_KeepsNewlinesControlCharactersAndNonAsciiExactly()
        {
            string value = "one\ntwo\r\t\u0001\u001b[0m 'q' \"dq\" ü 日本 🙂";
            byte[] output = Bytes(Marker + "ODD=" + value + "\0" + Marker);

            var entry = Assert.Single(MarkedEnvironment.Extract(output, Marker)!);

            Assert.Equal("ODD", entry.Name);
            Assert.Equal(value, entry.Value);
        }

        [Fact]
        public void Extract_GivesNull_WhenAMarkerIsMissing()
        {
            Assert.Null(MarkedEnvironment.Extract(Bytes("A=1\0"), Marker));
            Assert.Null(MarkedEnvironment.Extract(Bytes("noise " + Marker + "A=1\0"), Marker));
        }

        [Fact]
        public void Extract_GivesNoEntries_WhenNothingIsBetweenTheMarkers()
        {
            Assert.Empty(MarkedEnvironment.Extract(Bytes(Marker + Marker), Marker)!);
        }

        [Fact]
        public void Extract_KeepsAnEntryWithoutEqualsAsNameOnly()
        {
            var entry = Assert.Single(MarkedEnvironment.Extract(Bytes(Marker + "JUSTNAME\0" + Marker), Marker)!);

            Assert.Equal("JUSTNAME", entry.Name);
            Assert.Null(entry.Value);
        }
    }
}
