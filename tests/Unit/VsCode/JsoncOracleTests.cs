using System.Collections.Generic;
using System.Linq;
using System.Text;
using Xunit;

namespace GoEnvTools.Tests.VsCode
{
    /// <summary>The oracle catches each kind of damage an edit could do; an oracle that passes everything proves nothing.</summary>
    public sealed class JsoncOracleTests
    {
        private static readonly string[] s_goproxy = { "go.toolsEnvVars", "GOPROXY" };
        private const string Original = "{\r\n  // keep\r\n  \"a\": 1, /* and keep */\r\n  \"b\": [2]\r\n}\r\n";
        private const string Good = "{\r\n  // keep\r\n  \"a\": 1, /* and keep */\r\n  \"b\": [2],\r\n  \"go.toolsEnvVars\": {\r\n    \"GOPROXY\": \"x\"\r\n  }\r\n}\r\n";

        private static OracleCase SetCase(string id, string edited, string original = Original, bool bomOnEdited = false) => new OracleCase
        {
            Id = id,
            Op = "set",
            Path = s_goproxy,
            Value = "x",
            Original = Encoding.UTF8.GetBytes(original),
            Edited = (bomOnEdited ? new byte[] { 0xEF, 0xBB, 0xBF } : new byte[0]).Concat(Encoding.UTF8.GetBytes(edited)).ToArray(),
        };

        [SkippableFact]
        public void TheOracle_PassesAGoodEdit_AndCatchesEachKindOfDamage()
        {
            var cases = new List<OracleCase>
            {
                SetCase("good", Good),
                SetCase("comment lost", Good.Replace("/* and keep */", string.Empty)),
                SetCase("comments reordered", Good.Replace("// keep", "// tmp").Replace("/* and keep */", "// keep").Replace("// tmp", "/* and keep */")),
                SetCase("another value changed", Good.Replace("[2]", "[3]")),
                SetCase("keys reordered", Good.Replace("\"a\": 1, /* and keep */\r\n  \"b\": [2],", "\"b\": [2], /* and keep */\r\n  \"a\": 1,")),
                SetCase("wrong value", Good.Replace("\"x\"", "\"y\"")),
                SetCase("parse error", Good.Replace("[2],", "[2]")),
                SetCase("LF in a CRLF file", Good.Replace("  }\r\n", "  }\n")),
                SetCase("BOM added", Good, bomOnEdited: true),
                new OracleCase { Id = "removal that did not remove", Op = "remove", Path = new[] { "a" }, Original = Encoding.UTF8.GetBytes(Original), Edited = Encoding.UTF8.GetBytes(Original) },
                new OracleCase { Id = "valid text refused", Op = "refused", Path = s_goproxy, Original = Encoding.UTF8.GetBytes(Original), Reason = "CommaExpected" },
                new OracleCase { Id = "duplicate that is none", Op = "refused", Path = s_goproxy, Original = Encoding.UTF8.GetBytes(Original), Reason = "DuplicateKey" },
            };

            Dictionary<string, List<string>> problems = JsoncOracle.Check(cases);

            Assert.DoesNotContain("good", problems.Keys);
            foreach (OracleCase bad in cases.Skip(1))
            {
                Assert.True(problems.ContainsKey(bad.Id), $"the oracle let '{bad.Id}' pass");
            }
        }
    }
}
