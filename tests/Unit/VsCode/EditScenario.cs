using System;
using System.Collections.Generic;
using System.Linq;
using Xunit;

namespace GoEnvTools.Tests.VsCode
{
    /// <summary>
    /// Runs one document through the edits GoEnvTools makes (set, update, remove of go.toolsEnvVars keys, a whole
    /// object, removal of existing settings) and gathers every result for the oracle. Checks on the way what needs
    /// no oracle: refusals leave nothing behind, a removal only deletes bytes, a second identical set changes nothing.
    /// </summary>
    internal sealed class EditScenario
    {
        private static readonly JsoncFormatting s_formatting = new JsoncFormatting { DefaultLineBreak = "\n" };

        public List<OracleCase> Cases { get; } = new List<OracleCase>();
        public List<string> Failures { get; } = new List<string>();
        public int Edited { get; private set; }
        public List<string> Refusals { get; } = new List<string>();

        public static readonly string[] ToolsEnv = { "go.toolsEnvVars" };

        public void Run(string name, byte[] original)
        {
            // The sequence: each step works on the result of the one before.
            byte[]? current = original;
            current = Set(name + "#1 set GOPROXY", current, Path("GOPROXY"), JsoncValue.FromString("https://proxy.golang.org,direct"));
            if (current is null)
            {
                return; // refused, and the refusal was recorded for the oracle
            }

            Edited++;
            var chain = new Func<byte[], byte[]?>[]
            {
                b => Set(name + "#2 add GOPRIVATE", b, Path("GOPRIVATE"), JsoncValue.FromString("example.com/*,\"quoted\"\\back\u00e9\ttab")),
                b => Set(name + "#3 update GOPROXY", b, Path("GOPROXY"), JsoncValue.FromString("off")),
                b => Remove(name + "#4 remove GOPROXY", b, Path("GOPROXY")),
                b => Remove(name + "#5 remove GOPRIVATE", b, Path("GOPRIVATE")),
                b => Set(name + "#6 set GOFLAGS in the emptied object", b, Path("GOFLAGS"), JsoncValue.FromString("-mod=mod")),
            };
            foreach (var step in chain)
            {
                current = step(current);
                if (current is null)
                {
                    break; // refused (a generated document may hold a GOPRIVATE that is no string)
                }
            }

            Set(name + "#7 whole object", original, ToolsEnv, JsoncValue.FromStrings(new[]
            {
                new KeyValuePair<string, string>("PATH", "${env:HOME}/go/bin:${env:PATH}"),
                new KeyValuePair<string, string>("GOFLAGS", "-tags=integration"),
            }));

            // Removal of settings already there: the first, one in the middle, the last.
            JsoncDocument doc = JsoncDocument.Parse(original);
            IReadOnlyList<JsoncProperty> top = doc.Root?.Properties ?? Array.Empty<JsoncProperty>();
            var distinct = top.GroupBy(p => p.Key, StringComparer.Ordinal).Where(g => g.Count() == 1).Select(g => g.Key).ToList();
            foreach (string? key in new[] { distinct.FirstOrDefault(), distinct.ElementAtOrDefault(distinct.Count / 2), distinct.LastOrDefault() }.Distinct())
            {
                if (key is not null)
                {
                    Remove($"{name}#8 remove '{key}'", original, new[] { key });
                }
            }
        }

        public static string[] Path(string key) => new[] { "go.toolsEnvVars", key };

        public byte[]? Set(string id, byte[] input, string[] path, JsoncValue value)
        {
            byte[] copy = (byte[])input.Clone();
            JsoncEditResult result;
            try
            {
                result = JsoncEditor.SetValue(input, path, value, s_formatting);
            }
            catch (JsoncException e)
            {
                Refused(id, input, copy, path, value, e);
                return null;
            }

            Expect(input.SequenceEqual(copy), id, "the input array was modified");
            Cases.Add(new OracleCase { Id = id, Op = "set", Path = path, Value = JsoncOracle.ToPlain(value), Original = input, Edited = result.Bytes });

            // Running it again changes nothing (the cmdlets' NoChange).
            JsoncEditResult again = JsoncEditor.SetValue(result.Bytes, path, value, s_formatting);
            Expect(!again.Changed && ReferenceEquals(again.Bytes, result.Bytes), id, "a second identical set changed the document");
            if (result.OldValue is null)
            {
                // A new property only adds text, apart from whitespace inside an empty object.
                Expect(IsSubsequence(StripWhitespace(input), StripWhitespace(result.Bytes)), id, "an insertion lost bytes of the original");
            }

            return result.Bytes;
        }

        public byte[]? Remove(string id, byte[] input, string[] path)
        {
            byte[] copy = (byte[])input.Clone();
            JsoncEditResult result;
            try
            {
                result = JsoncEditor.Remove(input, path, s_formatting);
            }
            catch (JsoncException e)
            {
                Refused(id, input, copy, path, null, e);
                return null;
            }

            Expect(result.Changed, id, "the removal found nothing to remove");
            Expect(IsSubsequence(result.Bytes, input), id, "a removal added or changed bytes");
            Cases.Add(new OracleCase { Id = id, Op = "remove", Path = path, Original = input, Edited = result.Bytes });
            return result.Bytes;
        }

        private void Refused(string id, byte[] input, byte[] copy, string[] path, JsoncValue? value, JsoncException e)
        {
            Expect(input.SequenceEqual(copy), id, "a refused edit modified the input");
            Expect(e.Line >= 1 && e.Column >= 1, id, "a refusal without line and column");
            Refusals.Add($"{id}: {e.Message}");
            Cases.Add(new OracleCase
            {
                Id = id,
                Op = "refused",
                Path = path,
                Value = value is null ? null : JsoncOracle.ToPlain(value),
                Original = input,
                Reason = e.Code.ToString(),
            });
        }

        private void Expect(bool condition, string id, string what)
        {
            if (!condition)
            {
                Failures.Add($"{id}: {what}");
            }
        }

        private static byte[] StripWhitespace(byte[] bytes) =>
            bytes.Where(b => b != (byte)' ' && b != (byte)'\t' && b != (byte)'\r' && b != (byte)'\n').ToArray();

        internal static bool IsSubsequence(byte[] small, byte[] large)
        {
            int j = 0;
            for (int i = 0; i < large.Length && j < small.Length; i++)
            {
                if (large[i] == small[j])
                {
                    j++;
                }
            }

            return j == small.Length;
        }

        /// <summary>Runs the oracle over everything gathered and fails with every problem, in one message.</summary>
        public void AssertOracleAgrees(string context)
        {
            Assert.True(Failures.Count == 0, context + Environment.NewLine + string.Join(Environment.NewLine, Failures.Take(50)));
            Dictionary<string, List<string>> problems = JsoncOracle.Check(Cases);
            Assert.True(problems.Count == 0,
                $"{context}{Environment.NewLine}jsonc-parser disagrees on {problems.Count} of {Cases.Count} cases:{Environment.NewLine}" +
                string.Join(Environment.NewLine, problems.Take(20).Select(p => p.Key + ": " + string.Join(" | ", p.Value))));
        }
    }
}
