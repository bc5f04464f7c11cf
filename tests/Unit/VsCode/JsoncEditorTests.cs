using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using System.Text;
using Xunit;

namespace GoEnvTools.Tests.VsCode
{
    /// <summary>Exact results of the settings editor, byte for byte.</summary>
    public sealed class JsoncEditorTests
    {
        private static readonly JsoncFormatting s_lf = new JsoncFormatting { DefaultLineBreak = "\n" };
        private static readonly string[] s_goproxy = { "go.toolsEnvVars", "GOPROXY" };

        private static string Set(string text, string[] path, string value) =>
            Encoding.UTF8.GetString(JsoncEditor.SetString(Encoding.UTF8.GetBytes(text), path, value, s_lf).Bytes);

        private static string Remove(string text, params string[] path) =>
            Encoding.UTF8.GetString(JsoncEditor.Remove(Encoding.UTF8.GetBytes(text), path, s_lf).Bytes);

        [Fact]
        public void NewSetting_AfterALastPropertyWithAComment_TakesTheCommaBeforeTheComment()
        {
            string result = Set("{\n  \"a\": 1 // keep me here\n}\n", s_goproxy, "x");

            Assert.Equal("{\n  \"a\": 1, // keep me here\n  \"go.toolsEnvVars\": {\n    \"GOPROXY\": \"x\"\n  }\n}\n", result);
        }

        [Fact]
        public void NewSetting_InAFileWithTrailingCommas_GoesAfterTheCommaAndComment_AndKeepsTheStyle()
        {
            string result = Set("{\n\t\"a\": 1, /* one */ // two\n}", s_goproxy, "x");

            Assert.Equal("{\n\t\"a\": 1, /* one */ // two\n\t\"go.toolsEnvVars\": {\n\t\t\"GOPROXY\": \"x\"\n\t},\n}", result);
        }

        [Fact]
        public void NewKey_InAnExistingObject_IsIndentedLikeItsSibling_AndLandsLast()
        {
            string text = "{\n   \"go.toolsEnvVars\": {\n         \"GOFLAGS\": \"-v\"\n   },\n   \"b\": true\n}";

            string result = Set(text, s_goproxy, "x");

            Assert.Equal("{\n   \"go.toolsEnvVars\": {\n         \"GOFLAGS\": \"-v\",\n         \"GOPROXY\": \"x\"\n   },\n   \"b\": true\n}", result);
        }

        [Theory]
        [InlineData("{\n  \"go.toolsEnvVars\": {}\n}", "{\n  \"go.toolsEnvVars\": {\n    \"GOPROXY\": \"x\"\n  }\n}")]
        [InlineData("{\n  \"go.toolsEnvVars\": {   }\n}", "{\n  \"go.toolsEnvVars\": {\n    \"GOPROXY\": \"x\"\n  }\n}")]
        [InlineData("{\n  \"go.toolsEnvVars\": {\n  }\n}", "{\n  \"go.toolsEnvVars\": {\n    \"GOPROXY\": \"x\"\n  }\n}")]
        [InlineData("{\n  \"go.toolsEnvVars\": { // later\n  }\n}", "{\n  \"go.toolsEnvVars\": { // later\n    \"GOPROXY\": \"x\"\n  }\n}")]
        [InlineData("{}", "{\n    \"go.toolsEnvVars\": {\n        \"GOPROXY\": \"x\"\n    }\n}")]
        [InlineData("", "{\n    \"go.toolsEnvVars\": {\n        \"GOPROXY\": \"x\"\n    }\n}")]
        [InlineData("// mine\n", "// mine\n{\n    \"go.toolsEnvVars\": {\n        \"GOPROXY\": \"x\"\n    }\n}\n")]
        [InlineData("{\"a\": 1}", "{\"a\": 1, \"go.toolsEnvVars\": { \"GOPROXY\": \"x\" }}")]
        [InlineData("{\"a\": 1,}", "{\"a\": 1, \"go.toolsEnvVars\": { \"GOPROXY\": \"x\" },}")]
        public void EmptyObjects_EmptyFiles_AndOneLineObjects(string text, string expected)
        {
            Assert.Equal(expected, Set(text, s_goproxy, "x"));
        }

        [Fact]
        public void CrLf_ABom_AndEverythingOutsideTheSplice_StayByteForByte()
        {
            byte[] bom = { 0xEF, 0xBB, 0xBF };
            byte[] original = bom.Concat(Encoding.UTF8.GetBytes("{\r\n    \"caf\u00e9\": \"\U0001F600\" // \u00e9t\u00e9\r\n}\r\n")).ToArray();

            byte[] result = JsoncEditor.SetString(original, s_goproxy, "\u00fc", s_lf).Bytes;

            byte[] expected = bom.Concat(Encoding.UTF8.GetBytes(
                "{\r\n    \"caf\u00e9\": \"\U0001F600\", // \u00e9t\u00e9\r\n    \"go.toolsEnvVars\": {\r\n        \"GOPROXY\": \"\u00fc\"\r\n    }\r\n}\r\n")).ToArray();
            Assert.Equal(expected, result);
        }

        [Fact]
        public void ExistingValue_UnderAnEscapedKey_IsReplacedInPlace_Escaped()
        {
            string text = "{ \"go\\u002EtoolsEnvVars\": { \"GOPROXY\" /* c */ : \"old\" } }";

            JsoncEditResult result = JsoncEditor.SetString(Encoding.UTF8.GetBytes(text), s_goproxy, "new \"one\"\\\n", s_lf);

            Assert.Equal("{ \"go\\u002EtoolsEnvVars\": { \"GOPROXY\" /* c */ : \"new \\\"one\\\"\\\\\\n\" } }", Encoding.UTF8.GetString(result.Bytes));
            Assert.Equal("old", result.OldValue!.Value);
            Assert.Equal("new \"one\"\\\n", JsoncDocument.Parse(result.Bytes).Find(s_goproxy)!.Value);
        }

        [Fact]
        public void TheSameValueAgain_ChangesNothing_AndReturnsTheInput()
        {
            byte[] original = Encoding.UTF8.GetBytes("{\"go.toolsEnvVars\": {\"GOPROXY\": \"\\u0078\"}}");

            JsoncEditResult result = JsoncEditor.SetString(original, s_goproxy, "x");

            Assert.False(result.Changed);
            Assert.Same(original, result.Bytes);
        }

        [Fact]
        public void WholeObject_ReplacesTheOldOne_IndentedFromItsLine()
        {
            string text = "{\n  \"go.toolsEnvVars\": {\"GOPROXY\": \"x\"},\n  \"z\": 0\n}";
            JsoncValue value = JsoncValue.FromStrings(new[] { new KeyValuePair<string, string>("A", "1"), new KeyValuePair<string, string>("B", "2") });

            JsoncEditResult result = JsoncEditor.SetValue(Encoding.UTF8.GetBytes(text), new[] { "go.toolsEnvVars" }, value, s_lf);

            Assert.Equal("{\n  \"go.toolsEnvVars\": {\n    \"A\": \"1\",\n    \"B\": \"2\"\n  },\n  \"z\": 0\n}", Encoding.UTF8.GetString(result.Bytes));
            Assert.False(JsoncEditor.SetValue(result.Bytes, new[] { "go.toolsEnvVars" }, value, s_lf).Changed);
        }

        [Fact]
        public void Remove_AMiddleProperty_TakesItsLineAndItsOwnComment_KeepsTheOneAbove()
        {
            string text = "{\n  \"a\": 1, // one\n  // about b\n  \"b\": 2, // two\n  \"c\": 3\n}";

            Assert.Equal("{\n  \"a\": 1, // one\n  // about b\n  \"c\": 3\n}", Remove(text, "b"));
        }

        [Fact]
        public void Remove_TheLastProperty_DropsTheCommaBeforeIt_NotTheCommentAfterThatComma()
        {
            string text = "{\n  \"a\": 1, // one\n  \"b\": 2\n}";

            Assert.Equal("{\n  \"a\": 1 // one\n}", Remove(text, "b"));
        }

        [Theory]
        [InlineData("{\"a\": 1, \"b\": 2}", "a", "{\"b\": 2}")]
        [InlineData("{\"a\": 1, \"b\": 2}", "b", "{\"a\": 1}")]
        [InlineData("{\"a\": 1, \"b\": 2,}", "b", "{\"a\": 1,}")]
        [InlineData("{\n  \"a\": 1\n}", "a", "{\n}")]
        [InlineData("{\n  \"a\": {\n    \"deep\": [1, 2] /* inside */\n  }, // a's\n  \"b\": 2\n}", "a", "{\n  \"b\": 2\n}")]
        [InlineData("{\n  \"a\": 1 /* before the comma */ ,\n  \"b\": 2\n}", "a", "{\n  /* before the comma */ \n  \"b\": 2\n}")]
        [InlineData("{\r\n  \"a\": 1,\r\n  \"b\": 2\r\n}", "b", "{\r\n  \"a\": 1\r\n}")]
        public void Remove_LeavesValidJsonc_AndUnrelatedComments(string text, string key, string expected)
        {
            Assert.Equal(expected, Remove(text, key));
        }

        [Fact]
        public void Remove_SomethingAbsent_ChangesNothing()
        {
            byte[] original = Encoding.UTF8.GetBytes("{\"go.toolsEnvVars\": {}}");

            Assert.False(JsoncEditor.Remove(original, s_goproxy).Changed);
            Assert.False(JsoncEditor.Remove(original, new[] { "x", "y" }).Changed);
            Assert.False(JsoncEditor.Remove(Array.Empty<byte>(), s_goproxy).Changed);
        }

        [Theory]
        [InlineData("{\n  \"go.toolsEnvVars\": {},\n  \"go.toolsEnvVars\": {}\n}", JsoncErrorCode.DuplicateKey, 3, 3)]
        [InlineData("{\n  \"go.toolsEnvVars\": {\"GOPROXY\": \"a\", \"GO\\u0050ROXY\": \"b\"}\n}", JsoncErrorCode.DuplicateKey, 2, 39)]
        [InlineData("{\n  \"go.toolsEnvVars\": \"GOPROXY=x\"\n}", JsoncErrorCode.WrongType, 2, 22)]
        [InlineData("{\n  \"go.toolsEnvVars\": {\"GOPROXY\": 1}\n}", JsoncErrorCode.WrongType, 2, 34)]
        [InlineData("[{\"go.toolsEnvVars\": {}}]", JsoncErrorCode.RootNotObject, 1, 1)]
        [InlineData("{\n  \"a\": 1\n  \"b\": 2\n}", JsoncErrorCode.CommaExpected, 3, 3)]
        public void Refusals_SayWhyAndWhere_AndLeaveTheBytesAlone(string text, JsoncErrorCode code, int line, int column)
        {
            byte[] original = Encoding.UTF8.GetBytes(text);
            byte[] copy = (byte[])original.Clone();

            JsoncException e = Assert.Throws<JsoncException>(() => JsoncEditor.SetString(original, s_goproxy, "x"));

            Assert.Equal(code, e.Code);
            Assert.Equal((line, column), (e.Line, e.Column));
            Assert.Equal(copy, original);
        }

        [Fact]
        public void Remove_ThroughAValueOfTheWrongType_IsRefused()
        {
            JsoncException e = Assert.Throws<JsoncException>(() =>
                JsoncEditor.Remove(Encoding.UTF8.GetBytes("{\"go.toolsEnvVars\": []}"), s_goproxy));

            Assert.Equal(JsoncErrorCode.WrongType, e.Code);
            Assert.Contains("an array, not an object", e.Message, StringComparison.Ordinal);
        }

        [Fact]
        public void IndentUnit_IsTheFilesMostCommonStep_NotItsFirstLine()
        {
            string text = "{\n   \"odd\": 1,\n    \"b\": 2,\n    \"c\": 3\n}";

            Assert.Equal("{\n   \"odd\": 1,\n    \"b\": 2,\n    \"c\": 3,\n    \"go.toolsEnvVars\": {\n        \"GOPROXY\": \"x\"\n    }\n}", Set(text, s_goproxy, "x"));
        }

        [Fact]
        public void LargeDocuments_EditInLinearTime()
        {
            // 200,000 settings (about 7 MB): a quadratic step would take minutes here, a linear one well under a second.
            var builder = new StringBuilder("{\n");
            for (int i = 0; i < 200_000; i++)
            {
                builder.Append("  \"setting.number").Append(i).Append("\": \"value ").Append(i).Append("\", // comment\n");
            }

            builder.Append("}\n");
            byte[] big = Encoding.UTF8.GetBytes(builder.ToString());

            var clock = Stopwatch.StartNew();
            byte[] edited = JsoncEditor.SetString(big, s_goproxy, "x", s_lf).Bytes;
            byte[] removed = JsoncEditor.Remove(edited, new[] { "setting.number100000" }, s_lf).Bytes;
            clock.Stop();

            // "\n  \"go.toolsEnvVars\": {" + "\n    \"GOPROXY\": \"x\"" + "\n  },": the file's trailing commas kept.
            Assert.Equal(big.Length + 23 + 19 + 5, edited.Length);
            Assert.True(removed.Length < edited.Length);
            Assert.True(clock.Elapsed < TimeSpan.FromSeconds(20), $"two edits of a 7 MB document took {clock.Elapsed}");
        }

        [Fact]
        public void LargeOneLineDocuments_EditInLinearTime()
        {
            // Minified: every line lookup must not walk back to the start of the one line.
            var builder = new StringBuilder("{");
            for (int i = 0; i < 200_000; i++)
            {
                builder.Append(i == 0 ? string.Empty : ",").Append("\"k").Append(i).Append("\":{\"v\":").Append(i).Append('}');
            }

            builder.Append('}');
            byte[] big = Encoding.UTF8.GetBytes(builder.ToString());

            var clock = Stopwatch.StartNew();
            byte[] edited = JsoncEditor.SetString(big, s_goproxy, "x", s_lf).Bytes;
            byte[] removed = JsoncEditor.Remove(edited, new[] { "k100000" }, s_lf).Bytes;
            clock.Stop();

            Assert.EndsWith("}, \"go.toolsEnvVars\": { \"GOPROXY\": \"x\" }}", Encoding.UTF8.GetString(edited), StringComparison.Ordinal);
            Assert.Equal(edited.Length - ",\"k100000\":{\"v\":100000}".Length, removed.Length);
            Assert.True(clock.Elapsed < TimeSpan.FromSeconds(20), $"two edits of a one-line document took {clock.Elapsed}");
        }

        [Fact]
        public void ABomOnlyFile_GetsItsObjectAfterTheBom()
        {
            byte[] bom = { 0xEF, 0xBB, 0xBF };

            byte[] result = JsoncEditor.SetString(bom, new[] { "go.toolsEnvVars" }.Concat(new[] { "GOPROXY" }).ToArray(), "x", s_lf).Bytes;

            Assert.Equal(bom, result.Take(3));
            Assert.Equal("{\n    \"go.toolsEnvVars\": {\n        \"GOPROXY\": \"x\"\n    }\n}", Encoding.UTF8.GetString(result, 3, result.Length - 3));
        }
    }
}
