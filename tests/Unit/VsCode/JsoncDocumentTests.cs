using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using Xunit;

namespace GoEnvTools.Tests.VsCode
{
    public sealed class JsoncDocumentTests
    {
        private static JsoncException Refused(string text) => Assert.Throws<JsoncException>(() => JsoncDocument.Parse(Encoding.UTF8.GetBytes(text)));

        [Fact]
        public void CommentsAnywhere_TrailingCommas_AndEscapes_ReadAsVsCodeReadsThem()
        {
            string text = "// head\n{ \"go\\u002EtoolsEnvVars\" /* between key and colon */ : /* and value */ {\n  \"GOPROXY\": \"a\\\"b\\\\c\\/d\\b\\f\\n\\r\\t\\u00e9\",\n},\n \"n\": -1.5e+3, \"t\": true, \"f\": false, \"z\": null, \"arr\": [1, [], {},], }";

            JsoncDocument doc = JsoncDocument.Parse(text);

            JsoncNode? proxy = doc.Find(new[] { "go.toolsEnvVars", "GOPROXY" });
            Assert.NotNull(proxy);
            Assert.Equal("a\"b\\c/d\b\f\n\r\t\u00e9", proxy!.Value);
            Assert.Equal(-1500.0, doc.Find(new[] { "n" })!.ToPlainValue());
            Assert.Equal(true, doc.Find(new[] { "t" })!.ToPlainValue());
            Assert.Equal(JsoncNodeKind.Null, doc.Find(new[] { "z" })!.Kind);
            Assert.Equal(3, doc.Find(new[] { "arr" })!.Items.Count);
            Assert.Equal(3, doc.Comments.Count);
            Assert.Equal("/* between key and colon */", text.Substring(doc.Comments[1].Offset, doc.Comments[1].Length));
        }

        [Fact]
        public void DuplicateKeys_TheLastWins_InItsFirstPlace()
        {
            JsoncDocument doc = JsoncDocument.Parse("{\"a\": 1, \"b\": 2, \"a\": 3}");

            Assert.Equal(3.0, doc.Find(new[] { "a" })!.ToPlainValue());
            var plain = (List<KeyValuePair<string, object?>>)doc.Root!.ToPlainValue()!;
            Assert.Equal(new[] { "a", "b" }, plain.Select(p => p.Key));
            Assert.Equal(3.0, plain[0].Value);
        }

        [Theory]
        [InlineData("")]
        [InlineData("  \r\n\t")]
        [InlineData("// nothing\n/* at all */")]
        public void EmptyOrCommentOnly_HasNoRoot(string text)
        {
            JsoncDocument doc = JsoncDocument.Parse(text);

            Assert.Null(doc.Root);
            Assert.Null(doc.Find(new[] { "go.toolsEnvVars" }));
            Assert.Empty(Assert.IsType<List<KeyValuePair<string, object?>>>(doc.ToPlainValue()));
        }

        [Theory]
        [InlineData("{\"a\": 1,,}", JsoncErrorCode.PropertyNameExpected, 1, 9)]
        [InlineData("{\n  \"a\": 1\n  \"b\": 2\n}", JsoncErrorCode.CommaExpected, 3, 3)]
        [InlineData("{\n  \"a\" 1\n}", JsoncErrorCode.ColonExpected, 2, 7)]
        [InlineData("{\"a\": }", JsoncErrorCode.ValueExpected, 1, 7)]
        [InlineData("{\"a\": 1", JsoncErrorCode.CloseBraceExpected, 1, 8)]
        [InlineData("{\"a\": [1, 2}", JsoncErrorCode.CommaExpected, 1, 12)]
        [InlineData("{\"a\": [1, 2", JsoncErrorCode.CloseBracketExpected, 1, 12)]
        [InlineData("{\"a\": tru}", JsoncErrorCode.InvalidSymbol, 1, 7)]
        [InlineData("{a: 1}", JsoncErrorCode.InvalidSymbol, 1, 2)]
        [InlineData("{\"a\": 1} {}", JsoncErrorCode.EndOfFileExpected, 1, 10)]
        [InlineData("{\"a\": \"x}", JsoncErrorCode.UnexpectedEndOfString, 1, 7)]
        [InlineData("{\"a\": \"x\ny\"}", JsoncErrorCode.UnexpectedEndOfString, 1, 7)]
        [InlineData("{\"a\": \"\\x\"}", JsoncErrorCode.InvalidEscapeCharacter, 1, 8)]
        [InlineData("{\"a\": \"\\u12g4\"}", JsoncErrorCode.InvalidUnicode, 1, 8)]
        [InlineData("{\"a\": \"tab\there\"}", JsoncErrorCode.InvalidCharacter, 1, 11)]
        [InlineData("{\"a\": 1.}", JsoncErrorCode.UnexpectedEndOfNumber, 1, 7)]
        [InlineData("{\"a\": 1e+}", JsoncErrorCode.UnexpectedEndOfNumber, 1, 7)]
        [InlineData("{\"a\": 01}", JsoncErrorCode.CommaExpected, 1, 8)]
        [InlineData("{\"a\": -}", JsoncErrorCode.InvalidSymbol, 1, 7)]
        [InlineData("{\"a\": 1} /* open", JsoncErrorCode.UnexpectedEndOfComment, 1, 10)]
        [InlineData("{\"a\": 1}\u00a0", JsoncErrorCode.InvalidSymbol, 1, 9)]
        [InlineData("\r\n\r\n  {\"a\": 1 / 2}", JsoncErrorCode.InvalidSymbol, 3, 11)]
        public void SyntaxErrors_CarryVsCodesReason_Line_AndColumn(string text, JsoncErrorCode code, int line, int column)
        {
            JsoncException e = Refused(text);

            Assert.Equal(code, e.Code);
            Assert.Equal((line, column), (e.Line, e.Column));
            Assert.StartsWith($"Line {line}, column {column}: {code}", e.Message, StringComparison.Ordinal);
        }

        [Fact]
        public void NestingBeyondTheLimit_IsRefused_NotAStackOverflow()
        {
            string deep = new string('[', 100_000) + new string(']', 100_000);

            JsoncException e = Refused("{\"a\": " + deep + "}");

            Assert.Equal(JsoncErrorCode.NestingTooDeep, e.Code);
        }

        [Theory]
        [InlineData(new byte[] { 0xFF, 0xFE, (byte)'{', 0, (byte)'}', 0 }, JsoncErrorCode.NotUtf8, 1, 1)]
        [InlineData(new byte[] { 0xFE, 0xFF, 0, (byte)'{', 0, (byte)'}' }, JsoncErrorCode.NotUtf8, 1, 1)]
        [InlineData(new byte[] { (byte)'{', 0, (byte)'}', 0 }, JsoncErrorCode.NotUtf8, 1, 2)]
        [InlineData(new byte[] { (byte)'{', (byte)'\n', (byte)'"', 0xC3, (byte)'"', (byte)':', (byte)'1', (byte)'}' }, JsoncErrorCode.InvalidUtf8, 2, 2)]
        [InlineData(new byte[] { (byte)'{', 0xC0, 0xAF, (byte)'}' }, JsoncErrorCode.InvalidUtf8, 1, 2)]
        [InlineData(new byte[] { (byte)'{', 0xED, 0xA0, 0x80, (byte)'}' }, JsoncErrorCode.InvalidUtf8, 1, 2)]
        [InlineData(new byte[] { (byte)'{', (byte)'}', 0xE2, 0x82 }, JsoncErrorCode.InvalidUtf8, 1, 3)]
        public void BytesThatAreNotUtf8_AreRefused_WhereTheyShow(byte[] bytes, JsoncErrorCode code, int line, int column)
        {
            JsoncException e = Assert.Throws<JsoncException>(() => JsoncDocument.Parse(bytes));

            Assert.Equal(code, e.Code);
            Assert.Equal((line, column), (e.Line, e.Column));
        }

        [Fact]
        public void Utf16FromWindowsPowerShell_IsRefused_WithAHint()
        {
            byte[] utf16 = Encoding.Unicode.GetPreamble().Concat(Encoding.Unicode.GetBytes("{\"go.toolsEnvVars\": {}}")).ToArray();

            JsoncException e = Assert.Throws<JsoncException>(() => JsoncDocument.Parse(utf16));

            Assert.Equal(JsoncErrorCode.NotUtf8, e.Code);
            Assert.Contains("UTF-16", e.Message, StringComparison.Ordinal);
        }

        [Fact]
        public void Offsets_MapToBytes_PastABomAndMultiByteCharacters()
        {
            byte[] bytes = new byte[] { 0xEF, 0xBB, 0xBF }.Concat(Encoding.UTF8.GetBytes("{\"\u00e9\U0001F600\": \"x\"}")).ToArray();

            JsoncDocument doc = JsoncDocument.Parse(bytes);
            JsoncProperty property = doc.Root!.Properties[0];

            Assert.True(doc.HasByteOrderMark);
            Assert.Equal("\u00e9\U0001F600", property.Key);
            Assert.Equal(8, property.Value.Offset); // {, ", é, two UTF-16 units of the emoji, ", :, space
            long byteOffset = doc.ByteOffsetOf(property.Value.Offset);
            Assert.Equal(3 + 1 + 1 + 2 + 4 + 1 + 1 + 1, byteOffset); // the BOM, then é takes 2 bytes and the emoji 4
            Assert.Equal((byte)'"', bytes[byteOffset]);
            Assert.Equal((1, 9), doc.GetPosition(property.Value.Offset));
        }

        [Fact]
        public void LineBreak_IsTheFilesOwn()
        {
            Assert.Equal("\r\n", JsoncDocument.Parse("{\r\n}").LineBreak);
            Assert.Equal("\n", JsoncDocument.Parse("{\n}").LineBreak);
            Assert.Null(JsoncDocument.Parse("{}").LineBreak);
        }
    }
}
