using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using Xunit;
using Xunit.Abstractions;

namespace GoEnvTools.Tests.VsCode
{
    /// <summary>Real settings files, and generated ones, edited by JsoncEditor and judged by jsonc-parser.</summary>
    public sealed class VsCodeSettingsOracleTests
    {
        private readonly ITestOutputHelper _output;

        public VsCodeSettingsOracleTests(ITestOutputHelper output)
        {
            _output = output;
        }

        /// <summary>Bundled fixtures, plus ../shared/fixtures/vscode-settings (GPL files included) when present.</summary>
        internal static List<(string Name, string Path)> RealSettingsFiles()
        {
            var files = new Dictionary<string, string>(StringComparer.Ordinal);
            string bundled = Support.FixtureFiles.PathOf("vscode-settings");
            foreach (string path in Directory.GetFiles(bundled, "*.json"))
            {
                files[System.IO.Path.GetFileName(path)] = path;
            }

            string? shared = SharedFixtures();
            if (shared is not null)
            {
                foreach (string path in Directory.GetFiles(shared, "*.json"))
                {
                    files[System.IO.Path.GetFileName(path)] = path;
                }
            }

            return files.OrderBy(f => f.Key, StringComparer.Ordinal).Select(f => (f.Key, f.Value)).ToList();
        }

        private static string? SharedFixtures()
        {
            for (DirectoryInfo? dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(System.IO.Path.Combine(dir.FullName, "build.ps1")))
                {
                    string shared = System.IO.Path.Combine(dir.FullName, "..", "shared", "fixtures", "vscode-settings");
                    return Directory.Exists(shared) ? System.IO.Path.GetFullPath(shared) : null;
                }
            }

            return null;
        }

        [SkippableFact]
        public void RealSettingsFiles_EveryEdit_ReadsAsIntendedByJsoncParser()
        {
            List<(string Name, string Path)> files = RealSettingsFiles();
            Assert.True(files.Count >= 13, $"only {files.Count} real settings files found");

            var scenario = new EditScenario();
            foreach (var (name, path) in files)
            {
                scenario.Run(name, File.ReadAllBytes(path));
            }

            _output.WriteLine($"{files.Count} real files: {scenario.Edited} edited, {scenario.Cases.Count} edits and refusals judged by jsonc-parser");
            foreach (string refusal in scenario.Refusals)
            {
                _output.WriteLine("refused: " + refusal);
            }

            scenario.AssertOracleAgrees("real settings files");

            // The README of the fixtures vouches that VS Code reads every one of them; so must we.
            Assert.True(scenario.Edited == files.Count, "refused real files: " + string.Join("; ", scenario.Refusals));
        }

        [SkippableFact]
        public void RealSettingsFiles_Broken_OrSavedAsUtf16_AreRefusedUntouched()
        {
            List<(string Name, string Path)> files = RealSettingsFiles();
            var scenario = new EditScenario();
            foreach (var (name, path) in files)
            {
                byte[] bytes = File.ReadAllBytes(path);

                // The last closing brace gone, as after a bad hand edit: jsonc-parser must agree it is broken.
                int lastBrace = Array.LastIndexOf(bytes, (byte)'}');
                byte[] broken = bytes.Take(lastBrace).Concat(bytes.Skip(lastBrace + 1)).ToArray();
                scenario.Run(name + " without its last }", broken);

                // What Windows PowerShell 5.1's Out-File writes by default.
                string text = new System.Text.UTF8Encoding(false, true).GetString(bytes).TrimStart('\uFEFF');
                byte[] utf16 = System.Text.Encoding.Unicode.GetPreamble().Concat(System.Text.Encoding.Unicode.GetBytes(text)).ToArray();
                scenario.Run(name + " as UTF-16", utf16);
            }

            Assert.Equal(0, scenario.Edited);
            Assert.Equal(2 * files.Count, scenario.Refusals.Count);
            Assert.Equal(files.Count, scenario.Refusals.Count(r => r.Contains(": NotUtf8: ", StringComparison.Ordinal)));
            _output.WriteLine(string.Join(Environment.NewLine, scenario.Refusals));
            scenario.AssertOracleAgrees("broken real settings files");
        }

        [SkippableFact]
        public void GeneratedDocuments_EveryEditOrRefusal_AgreesWithJsoncParser()
        {
            int count = 300;
            string? wanted = Environment.GetEnvironmentVariable("GOENVTOOLS_FUZZ_COUNT");
            if (!string.IsNullOrEmpty(wanted))
            {
                count = int.Parse(wanted, System.Globalization.CultureInfo.InvariantCulture);
            }

            int seed = 20261126;
            string? wantedSeed = Environment.GetEnvironmentVariable("GOENVTOOLS_FUZZ_SEED");
            if (!string.IsNullOrEmpty(wantedSeed))
            {
                seed = int.Parse(wantedSeed, System.Globalization.CultureInfo.InvariantCulture);
            }

            var scenario = new EditScenario();
            var generator = new SettingsGenerator(seed);
            int mutated = 0;
            for (int i = 0; i < count; i++)
            {
                var (bytes, isMutated) = generator.Next();
                mutated += isMutated ? 1 : 0;
                scenario.Run($"seed {seed} doc {i}", bytes);
            }

            _output.WriteLine($"seed {seed}: {count} documents ({mutated} mutated), {scenario.Edited} edited, {scenario.Refusals.Count} refusals, {scenario.Cases.Count} cases");
            scenario.AssertOracleAgrees($"generated documents, seed {seed} (rerun with GOENVTOOLS_FUZZ_SEED={seed} GOENVTOOLS_FUZZ_COUNT={count}); replay one with SettingsGenerator");
            Assert.True(scenario.Edited > count / 2, $"only {scenario.Edited} of {count} generated documents were editable: the generator is broken");
            Assert.True(scenario.Refusals.Count > 0, "no generated document was refused: the mutations test nothing");
        }
    }
}
