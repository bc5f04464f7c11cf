using System;
using System.Linq;
using System.Text;
using Xunit;

namespace GoEnvTools.Tests.VsCode
{
    /// <summary>
    /// The editor's one-pass scanner must accept exactly the documents the tree reader accepts, and refuse the
    /// others with the same reason and place: checked on edge cases and on thousands of generated and damaged documents.
    /// </summary>
    public sealed class JsoncScannerTests
    {
        private static readonly string[] s_path = { "go.toolsEnvVars", "GOPROXY" };

        private static readonly string[] s_damage = { ",", "{", "}", "[", "]", ":", "\"", "/", "*", "/*", "//", "\\", "\n", "\r", "-", "0", "1.", "e", "t", "\u00e9", "\u0001", "\u00a0" };

        /// <summary>Null when the tree reader accepts the bytes, else its refusal.</summary>
        private static JsoncException? TreeRefusal(byte[] bytes)
        {
            try
            {
                JsoncDocument.Parse(bytes);
                return null;
            }
            catch (JsoncException e)
            {
                return e;
            }
        }

        private static void AssertAgrees(byte[] bytes, string what)
        {
            JsoncException? expected = TreeRefusal(bytes);
            JsoncScanner scan;
            try
            {
                scan = JsoncScanner.Scan(bytes, s_path);
            }
            catch (JsoncException actual)
            {
                Assert.True(expected is not null, $"{what}: the scanner refused ({actual.Message}) what the tree reader reads");
                Assert.Equal((expected!.Code, expected.Line, expected.Column), (actual.Code, actual.Line, actual.Column));
                return;
            }

            Assert.True(expected is null, $"{what}: the scanner accepted what the tree reader refuses ({expected?.Message})");
            JsoncDocument doc = JsoncDocument.Parse(bytes);
            if (doc.Root is null)
            {
                Assert.Equal(-1, scan.RootOffset);
                return;
            }

            Assert.Equal(doc.ByteOffsetOf(doc.Root.Offset), scan.RootOffset);
            Assert.Equal(doc.Root.Kind, scan.RootKind);
        }

        [Theory]
        [InlineData("")]
        [InlineData("   \r\n\t")]
        [InlineData("// only\n/* comments */")]
        [InlineData("/")]
        [InlineData("/* open")]
        [InlineData("{/}")]
        [InlineData("{\"a\" /* c */ : // d\n 1}")]
        [InlineData("{\"a\": -}")]
        [InlineData("{\"a\": 01}")]
        [InlineData("{\"a\": 1.}")]
        [InlineData("{\"a\": 1e}")]
        [InlineData("{\"a\": -0.5E+3}")]
        [InlineData("{\"a\": 1x}")]
        [InlineData("{\"a\": tru}")]
        [InlineData("{\"a\": truex}")]
        [InlineData("{\"a\": true//c\n}")]
        [InlineData("{\"a\": nul}")]
        [InlineData("{\"a\": \"\\u12\"}")]
        [InlineData("{\"a\": \"\\u12G4\"}")]
        [InlineData("{\"a\": \"\\x\"}")]
        [InlineData("{\"a\": \"line\nbreak\"}")]
        [InlineData("{\"a\": \"tab\there\"}")]
        [InlineData("{\"a\": \"unclosed}")]
        [InlineData("{\"a\": 1,,}")]
        [InlineData("{,}")]
        [InlineData("[,]")]
        [InlineData("[1,,]")]
        [InlineData("[1, 2,]")]
        [InlineData("{\"a\": [1, {\"b\": [true, false, null]},],}")]
        [InlineData("{} x")]
        [InlineData("{}}")]
        [InlineData("{\"a\" 1}")]
        [InlineData("{\"a\": 1 \"b\": 2}")]
        [InlineData("{a: 1}")]
        [InlineData("{\"a\": .5}")]
        [InlineData("\u00a0{}")]
        [InlineData("\"just a string\"")]
        [InlineData("{\"a\": \"a long string that runs past several words of eight bytes \\\" with an escape\"}")]
        [InlineData("// a long comment that runs past several words of eight bytes\r{\"a\": 1}")]
        public void EdgeCases_AgreeWithTheTreeReader(string text)
        {
            AssertAgrees(Encoding.UTF8.GetBytes(text), text);
            AssertAgrees(Encoding.UTF8.GetPreamble().Concat(Encoding.UTF8.GetBytes(text)).ToArray(), "BOM + " + text);
        }

        [Fact]
        public void Bytes_ThatAreNotUtf8_AgreeWithTheTreeReader()
        {
            AssertAgrees(new byte[] { 0xFF, 0xFE, (byte)'{', 0, (byte)'}', 0 }, "UTF-16 LE");
            AssertAgrees(new byte[] { (byte)'{', (byte)'}', 0 }, "NUL");
            AssertAgrees(new byte[] { (byte)'{', (byte)'"', 0xC3, (byte)'"', (byte)':', (byte)'1', (byte)'}' }, "cut sequence");
            AssertAgrees(new byte[] { (byte)'{', (byte)'"', 0xED, 0xA0, 0x80, (byte)'"', (byte)':', (byte)'1', (byte)'}' }, "surrogate");
            AssertAgrees(new byte[] { 0xEF, 0xBB }, "half a BOM");
        }

        [Theory]
        [InlineData(512)]
        [InlineData(513)]
        public void Nesting_IsLimitedAsInTheTreeReader(int depth)
        {
            string text = "{\"a\": " + new string('[', depth - 1) + new string(']', depth - 1) + "}";
            AssertAgrees(Encoding.UTF8.GetBytes(text), $"depth {depth}");
        }

        [Fact]
        public void GeneratedAndDamagedDocuments_AgreeWithTheTreeReader()
        {
            var generator = new SettingsGenerator(20261127);
            var random = new Random(5);
            for (int i = 0; i < 1500; i++)
            {
                (byte[] bytes, _) = generator.Next();
                AssertAgrees(bytes, $"document {i}");

                string text = Encoding.UTF8.GetString(bytes);
                int at = random.Next(text.Length + 1);
                string damaged = random.Next(3) switch
                {
                    0 => text.Substring(0, at) + s_damage[random.Next(s_damage.Length)] + text.Substring(at),
                    1 when at < text.Length => text.Remove(at, 1),
                    _ => text.Substring(0, at),
                };
                AssertAgrees(Encoding.UTF8.GetBytes(damaged), $"damaged document {i}: {damaged}");
            }
        }
    }
}
