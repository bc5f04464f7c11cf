using System;
using System.Collections.Generic;
using System.IO;
using GoEnvTools.Tests.Support;
using Xunit;

namespace GoEnvTools.Tests.Processes.Windows
{
    public sealed class WindowsFixturesTests
    {
        private static string SourceFolder()
        {
            for (DirectoryInfo? dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            {
                string candidate = Path.Combine(dir.FullName, "tests", "Unit", "Fixtures", "windows");
                if (Directory.Exists(Path.Combine(dir.FullName, "tests", "Unit")))
                {
                    return candidate;
                }
            }

            throw new DirectoryNotFoundException("No tests/Unit above " + AppContext.BaseDirectory);
        }

        [Fact]
        public void CheckedInFixtures_AreWhatTheGeneratorMakes()
        {
            IReadOnlyDictionary<string, byte[]> expected = WindowsFixtureGenerator.All();
            if (Environment.GetEnvironmentVariable("GOENVTOOLS_WRITE_FIXTURES") == "1")
            {
                string folder = SourceFolder();
                Directory.CreateDirectory(folder);
                foreach (KeyValuePair<string, byte[]> file in expected)
                {
                    File.WriteAllBytes(Path.Combine(folder, file.Key), file.Value);
                }
            }

            foreach (KeyValuePair<string, byte[]> file in expected)
            {
                byte[] actual = FixtureFiles.Read("windows/" + file.Key);
                Assert.True(file.Value.AsSpan().SequenceEqual(actual),
                    $"Fixtures/windows/{file.Key} differs from WindowsFixtureGenerator's output: run the tests with GOENVTOOLS_WRITE_FIXTURES=1 and commit the files.");
            }
        }
    }
}
