using System;
using System.Collections.Generic;
using System.IO;

namespace GoEnvTools
{
    /// <summary>Shells a user may log in with, and how VS Code groups them.</summary>
    public static class ShellCatalog
    {
        /// <summary>Shell names VS Code knows how to start for environment resolution.</summary>
        public static readonly IReadOnlyList<string> KnownShells = new[]
        {
            "bash", "zsh", "fish", "sh", "dash", "ksh", "mksh", "tcsh", "csh", "pwsh",
        };

        /// <summary>A one-line description of how VS Code would start the shell (shellEnv.ts).</summary>
        public static string Describe(string shell)
        {
            string name = Path.GetFileName(shell);
            switch (name)
            {
                case "tcsh":
                case "csh":
                    return $"{name}: started as '{name} -ic' (not a login shell)";
                case "pwsh":
                case "pwsh-preview":
                    return $"{name}: started as '{name} -Login -Command'";
                default:
                    return $"{name}: started as '{name} -i -l -c'";
            }
        }

        /// <summary>The login shells listed in an /etc/shells file, in order, without comments or duplicates.</summary>
        public static IReadOnlyList<string> ParseEtcShells(string text)
        {
            var result = new List<string>();
            var seen = new HashSet<string>(StringComparer.Ordinal);
            foreach (string raw in text.Split('\n'))
            {
                string line = raw.Trim();
                if (line.Length == 0 || line[0] == '#' || !line.StartsWith("/", StringComparison.Ordinal))
                {
                    continue;
                }

                if (seen.Add(line))
                {
                    result.Add(line);
                }
            }

            return result;
        }

        /// <summary>The shells of this machine's /etc/shells, or none when it cannot be read (Windows).</summary>
        public static IReadOnlyList<string> InstalledShells(string path = "/etc/shells")
        {
            try
            {
                return File.Exists(path) ? ParseEtcShells(File.ReadAllText(path)) : Array.Empty<string>();
            }
            catch (IOException)
            {
                return Array.Empty<string>();
            }
            catch (UnauthorizedAccessException)
            {
                return Array.Empty<string>();
            }
        }
    }
}
