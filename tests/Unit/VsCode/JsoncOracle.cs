using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.Json;
using Xunit;

namespace GoEnvTools.Tests.VsCode
{
    /// <summary>One edit (or refusal) for Microsoft's jsonc-parser to judge.</summary>
    internal sealed class OracleCase
    {
        public string Id { get; set; } = string.Empty;
        public string Op { get; set; } = "set";
        public string[] Path { get; set; } = Array.Empty<string>();
        public object? Value { get; set; }
        public byte[] Original { get; set; } = Array.Empty<byte>();
        public byte[]? Edited { get; set; }
        public string? Reason { get; set; }
    }

    /// <summary>
    /// Runs tests/Unit/Oracle/check.js (jsonc-parser 3.3.1, the parser VS Code reads settings with) over a batch
    /// of cases in one node process. Installs the package with `npm ci` when node_modules is missing.
    /// Without node the oracle tests are skipped, except under CI=true, where that is a failure.
    /// GOENVTOOLS_NODE names another node executable.
    /// </summary>
    internal static class JsoncOracle
    {
        private static readonly string s_node = Environment.GetEnvironmentVariable("GOENVTOOLS_NODE") is { Length: > 0 } node ? node : "node";

        private static readonly Lazy<(string? Directory, string? Problem)> s_setup = new Lazy<(string?, string?)>(Setup);

        public static string Directory
        {
            get
            {
                var (directory, problem) = s_setup.Value;
                if (directory is null)
                {
                    bool ci = string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);
                    Assert.False(ci, "The jsonc-parser oracle is required under CI=true: " + problem);
                    Skip.If(true, "The jsonc-parser oracle is not available: " + problem);
                }

                return directory!;
            }
        }

        private static (string?, string?) Setup()
        {
            string? oracle = FindOracleDirectory();
            if (oracle is null)
            {
                return (null, "tests/Unit/Oracle was not found above " + AppContext.BaseDirectory);
            }

            if (Run(s_node, new[] { "--version" }, oracle, out string nodeOutput) != 0)
            {
                return (null, "node is not installed (or failed): " + nodeOutput);
            }

            if (!File.Exists(System.IO.Path.Combine(oracle, "node_modules", "jsonc-parser", "package.json")))
            {
                if (Run("npm", new[] { "ci", "--no-audit", "--no-fund" }, oracle, out string npmOutput) != 0)
                {
                    return (null, "npm ci in " + oracle + " failed: " + npmOutput);
                }
            }

            return (oracle, null);
        }

        private static string? FindOracleDirectory()
        {
            for (DirectoryInfo? dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            {
                string candidate = System.IO.Path.Combine(dir.FullName, "Oracle");
                if (File.Exists(System.IO.Path.Combine(candidate, "check.js")) && File.Exists(System.IO.Path.Combine(dir.FullName, "GoEnvTools.Tests.csproj")))
                {
                    return candidate;
                }
            }

            return null;
        }

        private static int Run(string program, IEnumerable<string> arguments, string workingDirectory, out string output)
        {
            var info = new ProcessStartInfo(program)
            {
                WorkingDirectory = workingDirectory,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            };
            foreach (string argument in arguments)
            {
                info.ArgumentList.Add(argument);
            }

            try
            {
                using Process process = Process.Start(info)!;
                var stderr = process.StandardError.ReadToEndAsync();
                string stdout = process.StandardOutput.ReadToEnd();
                process.WaitForExit();
                output = stdout + stderr.Result;
                return process.ExitCode;
            }
            catch (System.ComponentModel.Win32Exception e)
            {
                output = e.Message;
                return -1;
            }
        }

        /// <summary>Judges every case; returns the problems found, keyed by case id (empty when all pass).</summary>
        public static Dictionary<string, List<string>> Check(IReadOnlyList<OracleCase> cases)
        {
            string directory = Directory;
            string input = System.IO.Path.Combine(System.IO.Path.GetTempPath(), $"goenvtools-oracle-{Guid.NewGuid():N}.jsonl");
            string verdictFile = input + ".verdicts";
            try
            {
                var builder = new StringBuilder();
                foreach (OracleCase c in cases)
                {
                    var line = new Dictionary<string, object?>
                    {
                        ["id"] = c.Id,
                        ["op"] = c.Op,
                        ["path"] = c.Path,
                        ["value"] = c.Value,
                        ["original"] = Convert.ToBase64String(c.Original),
                        ["edited"] = c.Edited is null ? null : Convert.ToBase64String(c.Edited),
                        ["reason"] = c.Reason,
                    };
                    builder.Append(JsonSerializer.Serialize(line)).Append('\n');
                }

                File.WriteAllText(input, builder.ToString(), new UTF8Encoding(false));
                int exit = Run(s_node, new[] { "check.js", input, verdictFile }, directory, out string output);
                Assert.True(exit == 0, "check.js failed: " + output);

                var verdicts = new Dictionary<string, List<string>>(StringComparer.Ordinal);
                int seen = 0;
                foreach (string line in File.ReadAllLines(verdictFile).Where(l => l.StartsWith("{", StringComparison.Ordinal)))
                {
                    using JsonDocument verdict = JsonDocument.Parse(line);
                    seen++;
                    if (!verdict.RootElement.GetProperty("ok").GetBoolean())
                    {
                        verdicts[verdict.RootElement.GetProperty("id").GetString()!] =
                            verdict.RootElement.GetProperty("problems").EnumerateArray().Select(p => p.GetString()!).ToList();
                    }
                }

                Assert.True(seen == cases.Count, $"check.js judged {seen} of {cases.Count} cases: {output}");
                return verdicts;
            }
            finally
            {
                File.Delete(input);
                File.Delete(verdictFile);
            }
        }

        /// <summary>The value as check.js expects it: strings, or ordered objects of them.</summary>
        public static object? ToPlain(JsoncValue value)
        {
            switch (value.Kind)
            {
                case JsoncNodeKind.String:
                    return value.Text;
                case JsoncNodeKind.Boolean:
                    return string.Equals(value.Text, "true", StringComparison.Ordinal);
                case JsoncNodeKind.Object:
                    var result = new Dictionary<string, object?>();
                    foreach (var pair in value.Properties)
                    {
                        result[pair.Key] = ToPlain(pair.Value);
                    }

                    return result;
                default:
                    return null;
            }
        }
    }
}
