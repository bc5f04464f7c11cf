using System;
using System.IO;

namespace GoEnvTools.Tests.Support
{
    /// <summary>Reads the files under tests/Unit/Fixtures, which the build copies next to the test assembly.</summary>
    internal static class FixtureFiles
    {
        public static string PathOf(string relativePath) =>
            Path.Combine(AppContext.BaseDirectory, "Fixtures", relativePath.Replace('/', Path.DirectorySeparatorChar));

        public static byte[] Read(string relativePath)
        {
            string path = PathOf(relativePath);
            if (!File.Exists(path))
            {
                throw new FileNotFoundException($"The fixture {relativePath} is missing from the test output; is it listed under Fixtures/ in the project?", path);
            }

            return File.ReadAllBytes(path);
        }
    }
}
