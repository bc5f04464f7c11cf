using System;
using System.Collections.Generic;
using System.Text;

namespace GoEnvTools
{
    /// <summary>Finds the environment a shell printed between two markers, in output that may hold anything else.</summary>
    public static class MarkedEnvironment
    {
        /// <summary>
        /// The NUL-separated entries between the first marker and the last one, or null when the output holds no
        /// such pair. Whatever start-up files print before or after (text, JSON, NULs) is ignored; they cannot
        /// guess the random marker. Entries are decoded as UTF-8, as VS Code decodes its child's output.
        /// </summary>
        public static IReadOnlyList<EnvironmentEntry>? Extract(byte[] output, string marker)
        {
            byte[] mark = Encoding.ASCII.GetBytes(marker);
            int first = IndexOf(output, mark, 0);
            if (first < 0)
            {
                return null;
            }

            int start = first + mark.Length;
            int last = LastIndexOf(output, mark, start);
            if (last < 0)
            {
                return null;
            }

            var entries = new List<EnvironmentEntry>();
            int entryStart = start;
            for (int i = start; i <= last; i++)
            {
                if (i < last && output[i] != 0)
                {
                    continue;
                }

                if (i > entryStart)
                {
                    string entry = Encoding.UTF8.GetString(output, entryStart, i - entryStart);
                    int eq = entry.IndexOf('=');
                    entries.Add(eq < 0 ? new EnvironmentEntry(entry, null) : new EnvironmentEntry(entry.Substring(0, eq), entry.Substring(eq + 1)));
                }

                entryStart = i + 1;
            }

            return entries;
        }

        private static int IndexOf(byte[] data, byte[] pattern, int from)
        {
            for (int i = from; i <= data.Length - pattern.Length; i++)
            {
                if (Matches(data, pattern, i))
                {
                    return i;
                }
            }

            return -1;
        }

        private static int LastIndexOf(byte[] data, byte[] pattern, int notBefore)
        {
            for (int i = data.Length - pattern.Length; i >= notBefore; i--)
            {
                if (Matches(data, pattern, i))
                {
                    return i;
                }
            }

            return -1;
        }

        private static bool Matches(byte[] data, byte[] pattern, int at)
        {
            for (int j = 0; j < pattern.Length; j++)
            {
                if (data[at + j] != pattern[j])
                {
                    return false;
                }
            }

            return true;
        }
    }
}
