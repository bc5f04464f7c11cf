using System;
using System.Collections.Generic;

namespace GoEnvTools
{
    /// <summary>Finds a program on a PATH the way Go's exec.LookPath does.</summary>
    public static class PathLookup
    {
        public static char Separator(bool windows) => windows ? ';' : ':';

        /// <summary>The entries of a PATH value, in order, empty ones kept (they mean the current directory).</summary>
        public static string[] Split(string? path, bool windows)
        {
            if (string.IsNullOrEmpty(path))
            {
                return Array.Empty<string>();
            }

            return path!.Split(Separator(windows));
        }

        /// <summary>
        /// The first <paramref name="program"/> on <paramref name="pathEntries"/> that is an executable file.
        /// Relative and empty entries are skipped: since Go 1.19 exec refuses programs found through them (ErrDot).
        /// On Windows the PATHEXT extensions are tried, as Go does.
        /// </summary>
        public static string? Find(string program, IEnumerable<string> pathEntries, bool windows, Func<string, bool> isExecutableFile, string? pathExt = null)
        {
            string[] extensions = windows
                ? (pathExt ?? ".COM;.EXE;.BAT;.CMD").Split(new[] { ';' }, StringSplitOptions.RemoveEmptyEntries)
                : new[] { string.Empty };
            foreach (string raw in pathEntries)
            {
                string dir = windows ? raw.Trim('"') : raw;
                if (!IsAbsolute(dir, windows))
                {
                    continue;
                }

                char sep = windows ? '\\' : '/';
                string baseName = dir.EndsWith(sep.ToString(), StringComparison.Ordinal) || (windows && dir.EndsWith("/", StringComparison.Ordinal))
                    ? dir + program
                    : dir + sep + program;
                foreach (string ext in extensions)
                {
                    string candidate = baseName + ext.ToLowerInvariant();
                    if (isExecutableFile(candidate))
                    {
                        return candidate;
                    }
                }
            }

            return null;
        }

        private static bool IsAbsolute(string dir, bool windows)
        {
            if (windows)
            {
                return (dir.Length >= 3 && char.IsLetter(dir[0]) && dir[1] == ':' && (dir[2] == '\\' || dir[2] == '/')) ||
                       dir.StartsWith(@"\\", StringComparison.Ordinal);
            }

            return dir.StartsWith("/", StringComparison.Ordinal);
        }
    }
}
