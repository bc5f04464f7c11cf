using System;
using System.Collections;
using System.Collections.Generic;
using System.Collections.Specialized;
using System.Linq;
using System.Text.Json;
using Xunit;

namespace GoEnvTools.Tests.Yaml
{
    public sealed class YamlDocumentsTests
    {
        // Strings a naive writer changes or loses: look-alikes of other types, YAML syntax, whitespace at the ends,
        // line breaks of every kind, control characters, non-ASCII and astral characters.
        public static readonly string[] TrickyValues =
        {
            "plain", "", " ", " lead", "trail ", "two  spaces", "a: b", "a:", "#x", "a #b", "- x", "? x", "---", "...",
            "true", "True", "FALSE", "yes", "No", "on", "OFF", "y", "n", "null", "Null", "~", "NULL",
            "123", "-1", "+1", "0x1F", "0o17", "012", "1e3", "1_000", ".5", ".inf", "-.Inf", ".NaN", "12:30", "190:20:30", "2001-12-14", "2001-12-14t21:59:43.10-05:00",
            "line1\nline2", "line1\r\nline2\r\n", "\n", "\r", "trailing newline\n", "\n\nleading blank lines", "nel\u0085ls\u2028ps\u2029",
            "tab\there", "\ttab first", "ctl\u0001\u0002\u001b\u001f\u007f", "zero\0byte", "bell\a back\b ff\f vt\v",
            "q\"uote", "it's", "'single'", "\"double\"", "back\\slash", "C:\\Program Files\\Go\\bin", "\\n not a newline",
            "é日本語", "emoji 😀 and 𝄞", "\ufeffbom first", "nbsp\u00a0inside", "zero\u200bwidth",
            "{a: 1}", "[b]", "*alias", "&anchor", "!tag", "!!str", "%YAML", "@at", "`tick", "|", ">", "<<", "=",
            "https://proxy.golang.org,direct", "-mod=mod -trimpath", "/usr/local/go/bin:/usr/bin:/bin", "$HOME/go", "%USERPROFILE%\\go",
            new string('x', 5000), "long " + string.Join(" ", Enumerable.Repeat("word", 400)),
        };

        public static IEnumerable<object[]> TrickyCases() =>
            from format in new[] { DocumentFormat.Yaml, DocumentFormat.Json }
            from index in Enumerable.Range(0, TrickyValues.Length)
            select new object[] { format, index };

        private static OrderedDictionary Ordered(params (string Key, object? Value)[] entries)
        {
            var result = new OrderedDictionary();
            foreach ((string key, object? value) in entries)
            {
                result.Add(key, value);
            }

            return result;
        }

        private static string Show(string? value) => value is null ? "null" : JsonSerializer.Serialize(value);

        [Theory]
        [MemberData(nameof(TrickyCases))]
        public void TrickyString_RoundTripsExactly_AsValueAndAsKey(DocumentFormat format, int index)
        {
            string value = TrickyValues[index];
            OrderedDictionary document = Ordered(("VALUE", value), (value, "as a key"), ("AFTER", "x"));

            string text = YamlDocuments.Write(document, format);
            OrderedDictionary back = YamlDocuments.Parse(text);

            Assert.True(value == (string?)back["VALUE"], $"{Show(value)} came back as {Show(back["VALUE"] as string)} from:\n{text}");
            Assert.Equal(new[] { "VALUE", value, "AFTER" }, back.Keys.Cast<string>().ToArray());
            Assert.Equal("as a key", back[value]);
        }

        [Fact]
        public void AllTrickyStrings_InOneDocument_KeepTheirOrder()
        {
            var document = new OrderedDictionary();
            for (int i = TrickyValues.Length - 1; i >= 0; i--)
            {
                document.Add($"K{i:000}", TrickyValues[i]);
            }

            foreach (DocumentFormat format in new[] { DocumentFormat.Yaml, DocumentFormat.Json })
            {
                OrderedDictionary back = YamlDocuments.Parse(YamlDocuments.Write(document, format));

                Assert.Equal(document.Keys.Cast<string>(), back.Keys.Cast<string>());
                Assert.Equal(document.Values.Cast<string>(), back.Values.Cast<object?>().Cast<string>());
            }
        }

        [Fact]
        public void Json_IsStrictJson_ThatAnotherReaderReadsTheSame()
        {
            var document = new OrderedDictionary();
            for (int i = 0; i < TrickyValues.Length; i++)
            {
                document.Add($"K{i:000}", TrickyValues[i]);
            }

            string json = YamlDocuments.ToJson(document);

            using JsonDocument parsed = JsonDocument.Parse(json);
            string[] values = parsed.RootElement.EnumerateObject().Select(p => p.Value.GetString()!).ToArray();
            Assert.Equal(TrickyValues, values);
            Assert.DoesNotContain('\t', json);
        }

        [Fact]
        public void NestedMappingsSequencesAndNull_RoundTrip_InBothFormats()
        {
            OrderedDictionary document = Ordered(
                ("Source", "gopls 4242"),
                ("ExitCode", null),
                ("Word", "null"),
                ("Empty", ""),
                ("Variables", Ordered(("PATH", "/usr/bin:/bin"), ("GOFLAGS", "-mod=mod"), ("ZZ", "last"), ("AA", "after ZZ"))),
                ("Arguments", new[] { "-l", "-i", "-c" }),
                ("Mixed", new object?[] { "x", null, Ordered(("k", "v")), new List<string> { "inner" } }),
                ("EmptyMap", new OrderedDictionary()),
                ("EmptyList", Array.Empty<string>()));

            foreach (DocumentFormat format in new[] { DocumentFormat.Yaml, DocumentFormat.Json })
            {
                OrderedDictionary back = YamlDocuments.Parse(YamlDocuments.Write(document, format));

                Assert.Equal(new[] { "Source", "ExitCode", "Word", "Empty", "Variables", "Arguments", "Mixed", "EmptyMap", "EmptyList" }, back.Keys.Cast<string>());
                Assert.Null(back["ExitCode"]);
                Assert.Equal("null", back["Word"]);
                Assert.Equal(string.Empty, back["Empty"]);
                var variables = Assert.IsType<OrderedDictionary>(back["Variables"]);
                Assert.Equal(new[] { "PATH", "GOFLAGS", "ZZ", "AA" }, variables.Keys.Cast<string>());
                Assert.Equal(new object[] { "-l", "-i", "-c" }, Assert.IsType<object?[]>(back["Arguments"]));
                object?[] mixed = Assert.IsType<object?[]>(back["Mixed"]);
                Assert.Equal("x", mixed[0]);
                Assert.Null(mixed[1]);
                Assert.Equal("v", Assert.IsType<OrderedDictionary>(mixed[2])["k"]);
                Assert.Equal(new object[] { "inner" }, Assert.IsType<object?[]>(mixed[3]));
                Assert.Empty(Assert.IsType<OrderedDictionary>(back["EmptyMap"]));
                Assert.Empty(Assert.IsType<object?[]>(back["EmptyList"]));
            }
        }

        [Fact]
        public void Yaml_WritesSafeStringsPlain_AndQuotesLookAlikes_OneLinePerValue()
        {
            string yaml = YamlDocuments.ToYaml(Ordered(
                ("PATH", "/usr/local/go/bin:/usr/bin"),
                ("GOPROXY", "https://proxy.golang.org,direct"),
                ("CGO_ENABLED", "1"),
                ("GO111MODULE", "on"),
                ("EMPTY", ""),
                ("NOTHING", null),
                ("MULTI", "a\nb"),
                ("LONG", new string('y', 300) + " " + new string('z', 300))));

            string[] lines = yaml.Split('\n');
            Assert.Equal("PATH: /usr/local/go/bin:/usr/bin", lines[0]);
            Assert.Equal("GOPROXY: https://proxy.golang.org,direct", lines[1]);
            Assert.Equal("CGO_ENABLED: \"1\"", lines[2]);
            Assert.Equal("GO111MODULE: \"on\"", lines[3]);
            Assert.Equal("EMPTY: \"\"", lines[4]);
            Assert.Equal("NOTHING: null", lines[5]);
            Assert.Equal("MULTI: \"a\\nb\"", lines[6]);
            Assert.StartsWith("LONG: ", lines[7], StringComparison.Ordinal);
            Assert.Equal(string.Empty, lines[8]);
            Assert.Equal(9, lines.Length);
            Assert.DoesNotContain('\r', yaml);
        }

        [Fact]
        public void Json_IsIndented_WithNullAsNull()
        {
            string json = YamlDocuments.ToJson(Ordered(("A", "1"), ("B", null), ("C", Ordered(("D", "x")))));

            Assert.Equal("{\n  \"A\": \"1\",\n  \"B\": null,\n  \"C\": {\n    \"D\": \"x\"\n  }\n}\n", json);
        }

        [Fact]
        public void Parse_ReadsHandWrittenYaml_EveryScalarAsItsString()
        {
            OrderedDictionary back = YamlDocuments.Parse(
                "# a comment\r\nCGO_ENABLED: 1\r\nDEBUG: true\r\nTILDE: ~\r\nBLANK:\r\nQUOTED_NULL: 'null'\r\nGOFLAGS: -mod=mod   # trailing comment\r\nBLOCK: |\r\n  one\r\n  two\r\n");

            Assert.Equal("1", back["CGO_ENABLED"]);
            Assert.Equal("true", back["DEBUG"]);
            Assert.Null(back["TILDE"]);
            Assert.Null(back["BLANK"]);
            Assert.Equal("null", back["QUOTED_NULL"]);
            Assert.Equal("-mod=mod", back["GOFLAGS"]);
            Assert.Equal("one\ntwo\n", back["BLOCK"]);
        }

        [Fact]
        public void Parse_ReadsCompactJsonFromOtherWriters()
        {
            OrderedDictionary back = YamlDocuments.Parse("{\"a\":\"b\\/c\",\"u\":\"\\u00e9\\t\",\"n\":null,\"z\":\"\"}");

            Assert.Equal(new[] { "a", "u", "n", "z" }, back.Keys.Cast<string>());
            Assert.Equal("b/c", back["a"]);
            Assert.Equal("é\t", back["u"]);
            Assert.Null(back["n"]);
            Assert.Equal(string.Empty, back["z"]);
        }

        [Theory]
        [InlineData("A: 1\nB: 2\nA: 3\n", 3, "Duplicate key A")]
        [InlineData("!!str A: 1\nA: 2\n", 2, "'A' appears twice")]
        [InlineData("- a\n- b\n", 1, "top level is a sequence")]
        [InlineData("just text\n", 1, "top level is a scalar")]
        [InlineData("A: 1\n---\nB: 2\n", 3, "more than one document")]
        [InlineData("A: \"unterminated\nB: 2\n", 0, "")]
        [InlineData("A: [1, 2\n", 0, "")]
        [InlineData("{\"a\": \"b\"", 0, "")]
        [InlineData("? [a, b]\n: c\n", 1, "keys must be strings")]
        public void Parse_BadDocument_ThrowsWithThePlace(string text, int line, string message)
        {
            YamlDocumentException error = Assert.Throws<YamlDocumentException>(() => YamlDocuments.Parse(text));

            Assert.True(error.Line > 0, $"no line in: {error.Message}");
            Assert.StartsWith($"Line {error.Line}, column {error.Column}: ", error.Message, StringComparison.Ordinal);
            if (line > 0)
            {
                Assert.Equal(line, error.Line);
            }

            Assert.Contains(message, error.Message, StringComparison.Ordinal);
        }

        [Theory]
        [InlineData("")]
        [InlineData("  \n# only a comment\n")]
        public void Parse_NoDocument_Throws(string text)
        {
            YamlDocumentException error = Assert.Throws<YamlDocumentException>(() => YamlDocuments.Parse(text));
            Assert.Contains("no document", error.Message, StringComparison.Ordinal);
        }

        [Fact]
        public void Write_RefusesValuesThatWouldNotReadBackAsThemselves()
        {
            var document = Ordered(("Outer", Ordered(("Count", 3))));

            ArgumentException error = Assert.Throws<ArgumentException>(() => YamlDocuments.ToYaml(document));
            Assert.Contains("'Outer.Count'", error.Message, StringComparison.Ordinal);
            Assert.Contains("System.Int32", error.Message, StringComparison.Ordinal);
        }

        [Fact]
        public void Write_RefusesNonStringKeys_AndSelfReferences()
        {
            var withNumberKey = new Hashtable { [1] = "one" };
            Assert.Throws<ArgumentException>(() => YamlDocuments.ToJson(withNumberKey));

            var loop = new OrderedDictionary();
            loop.Add("self", loop);
            ArgumentException error = Assert.Throws<ArgumentException>(() => YamlDocuments.ToYaml(loop));
            Assert.Contains("nested more than", error.Message, StringComparison.Ordinal);
        }

        // Attribute arguments cannot carry unpaired surrogates (they are stored as UTF-8), so each case is built here.
        [Theory]
        [InlineData("half ", 0xD800, " of a pair")]
        [InlineData("ends with ", 0xD83D, "")]
        [InlineData("", 0xDE00, " low first")]
        public void Write_RefusesUnpairedSurrogates_WhichNoUtf8FileCanHold(string before, int surrogate, string after)
        {
            string value = before + (char)surrogate + after;
            ArgumentException asValue = Assert.Throws<ArgumentException>(() => YamlDocuments.ToJson(Ordered(("A", value))));
            Assert.Contains("unpaired UTF-16 surrogate", asValue.Message, StringComparison.Ordinal);
            Assert.Throws<ArgumentException>(() => YamlDocuments.ToYaml(Ordered((value, "x"))));
        }

        [Fact]
        public void Write_TakesAnyDictionary_InItsEnumerationOrder()
        {
            var sorted = new SortedDictionary<string, string>(StringComparer.Ordinal) { ["b"] = "2", ["a"] = "1" };

            Assert.Equal("a: \"1\"\nb: \"2\"\n", YamlDocuments.ToYaml(sorted));
        }

        [Fact]
        public void YamlLibrary_IsYamlDotNet18()
        {
            Assert.Equal("YamlDotNet", YamlDocuments.YamlLibrary.GetName().Name);
            Assert.Equal(18, YamlDocuments.YamlLibrary.GetName().Version!.Major);
        }
    }
}
