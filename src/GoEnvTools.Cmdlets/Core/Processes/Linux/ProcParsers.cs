using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text;

namespace GoEnvTools.Linux
{
    /// <summary>The fields of <c>/proc/PID/stat</c> the module uses.</summary>
    public sealed class ProcStat
    {
        public string Name { get; set; } = string.Empty;
        public char State { get; set; }
        public int ParentProcessId { get; set; }
        public uint Flags { get; set; }
        /// <summary>Clock ticks after boot.</summary>
        public ulong StartTimeTicks { get; set; }

        /// <summary>Field 23 (vsize): 0 once an exiting process has given up its address space.</summary>
        public ulong VirtualMemoryBytes { get; set; }

        // PF_KTHREAD from include/linux/sched.h.
        public bool IsKernelThread => (Flags & 0x00200000u) != 0;

        /// <summary>Z (zombie) and X (dead): the process has no address space left to read.</summary>
        public bool IsZombie => State == 'Z' || State == 'X';
    }

    /// <summary>Pure parsers for the files under <c>/proc/PID</c>; they never touch the file system.</summary>
    public static class ProcParsers
    {
        private static readonly Encoding s_utf8 = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: false);

        private const string DeletedSuffix = " (deleted)";

        // Fields 3 (state) to 23 (vsize) of proc(5), the last one the module reads.
        private const int StatFieldsNeeded = 21;

        /// <summary>
        /// Parses <c>stat</c>. The command name sits between the first '(' and the LAST ')', because it may itself
        /// hold spaces and parentheses; the numbered fields follow the last ')'.
        /// </summary>
        public static unsafe ProcStat ParseStat(byte[] data, int length)
        {
            if (length == 0)
            {
                throw new FormatException("The stat record is empty.");
            }

            int open = Array.IndexOf(data, (byte)'(', 0, length);
            int close = Array.LastIndexOf(data, (byte)')', length - 1, length);
            if (open < 0 || close < open)
            {
                throw new FormatException("The stat record has no command name in parentheses.");
            }

            string name = s_utf8.GetString(data, open + 1, close - open - 1);

            // The space-separated fields after the name, as (start, length) of the first StatFieldsNeeded; only
            // the four used become strings. (A Split of the whole rest made some fifty strings per read, and stat
            // is read several times for each process the module looks at.)
            // fields[0] is field 3 of proc(5) (state); field N is fields[N - 3].
            int* starts = stackalloc int[StatFieldsNeeded];
            int* lengths = stackalloc int[StatFieldsNeeded];
            int count = 0;
            for (int i = close + 1; i < length && count < StatFieldsNeeded; i++)
            {
                if (data[i] == (byte)' ')
                {
                    continue;
                }

                int start = i;
                while (i < length && data[i] != (byte)' ')
                {
                    i++;
                }

                starts[count] = start;
                lengths[count] = i - start;
                count++;
            }

            if (count < StatFieldsNeeded || lengths[0] != 1)
            {
                throw new FormatException($"The stat record has {count} fields after the command name; at least {StatFieldsNeeded} are needed.");
            }

            return new ProcStat
            {
                Name = name,
                State = Encoding.ASCII.GetString(data, starts[0], 1)[0],
                ParentProcessId = int.Parse(Encoding.ASCII.GetString(data, starts[1], lengths[1]), NumberStyles.Integer, CultureInfo.InvariantCulture),
                Flags = uint.Parse(Encoding.ASCII.GetString(data, starts[6], lengths[6]), NumberStyles.Integer, CultureInfo.InvariantCulture),
                StartTimeTicks = ulong.Parse(Encoding.ASCII.GetString(data, starts[19], lengths[19]), NumberStyles.Integer, CultureInfo.InvariantCulture),
                VirtualMemoryBytes = ulong.Parse(Encoding.ASCII.GetString(data, starts[20], lengths[20]), NumberStyles.Integer, CultureInfo.InvariantCulture),
            };
        }

        /// <summary>
        /// Parses <c>cmdline</c>: NUL-separated arguments. A process that rewrote its argument area (Electron does)
        /// leaves one string without NULs; that one is split on spaces, the only reading left.
        /// </summary>
        public static string[] ParseCmdline(byte[] data, int length)
        {
            int end = length;
            while (end > 0 && data[end - 1] == 0)
            {
                end--;
            }

            if (end == 0)
            {
                return Array.Empty<string>();
            }

            var args = new List<string>();
            int start = 0;
            for (int i = 0; i < end; i++)
            {
                if (data[i] == 0)
                {
                    args.Add(s_utf8.GetString(data, start, i - start));
                    start = i + 1;
                }
            }

            args.Add(s_utf8.GetString(data, start, end - start));

            if (args.Count == 1 && args[0].IndexOf(' ') >= 0)
            {
                return args[0].Split(new[] { ' ' }, StringSplitOptions.RemoveEmptyEntries);
            }

            return args.ToArray();
        }

        /// <summary>
        /// Parses <c>environ</c>: NUL-terminated NAME=VALUE entries. The block ends at the first empty entry, so any
        /// bytes after a double NUL (left over when a process shrank its environment in place) are ignored.
        /// Invalid UTF-8 becomes U+FFFD. An entry without '=' is kept with a null value.
        /// </summary>
        public static List<EnvironmentEntry> ParseEnviron(byte[] data, int length)
        {
            var entries = new List<EnvironmentEntry>();
            int start = 0;
            while (start < length)
            {
                int nul = Array.IndexOf(data, (byte)0, start, length - start);
                int end = nul < 0 ? length : nul;
                if (end == start)
                {
                    break;
                }

                int eq = Array.IndexOf(data, (byte)'=', start, end - start);
                if (eq < 0)
                {
                    entries.Add(new EnvironmentEntry(s_utf8.GetString(data, start, end - start), null));
                }
                else
                {
                    entries.Add(new EnvironmentEntry(
                        s_utf8.GetString(data, start, eq - start),
                        s_utf8.GetString(data, eq + 1, end - eq - 1)));
                }

                if (nul < 0)
                {
                    break;
                }

                start = nul + 1;
            }

            return entries;
        }

        /// <summary>The kernel appends " (deleted)" to the exe link of a binary that was replaced or removed.</summary>
        public static string ParseExeLink(string target) =>
            target.EndsWith(DeletedSuffix, StringComparison.Ordinal)
                ? target.Substring(0, target.Length - DeletedSuffix.Length)
                : target;

        /// <summary>The real uid: the first number of the <c>Uid:</c> line of <c>status</c>.</summary>
        public static int? ParseStatusRealUid(byte[] data, int length)
        {
            // Only lines that start with "Uid:" are decoded; status runs to some 1.5 KB and 50 lines, of which one
            // number is needed. A line decodes the same alone as within the whole text: no UTF-8 sequence, valid
            // or not, takes in a '\n' byte.
            int lineStart = 0;
            while (lineStart < length)
            {
                int newline = Array.IndexOf(data, (byte)'\n', lineStart, length - lineStart);
                int lineEnd = newline < 0 ? length : newline;
                if (lineEnd - lineStart >= 4 &&
                    data[lineStart] == (byte)'U' && data[lineStart + 1] == (byte)'i' &&
                    data[lineStart + 2] == (byte)'d' && data[lineStart + 3] == (byte)':')
                {
                    string line = s_utf8.GetString(data, lineStart + 4, lineEnd - lineStart - 4);
                    string[] parts = line.Split(new[] { '\t', ' ' }, StringSplitOptions.RemoveEmptyEntries);
                    if (parts.Length > 0 && int.TryParse(parts[0], NumberStyles.Integer, CultureInfo.InvariantCulture, out int uid))
                    {
                        return uid;
                    }
                }

                if (newline < 0)
                {
                    break;
                }

                lineStart = newline + 1;
            }

            return null;
        }

        /// <summary>The boot time in seconds since the epoch: the <c>btime</c> line of <c>/proc/stat</c>.</summary>
        public static long ParseBootTime(byte[] data, int length)
        {
            string text = Encoding.ASCII.GetString(data, 0, length);
            foreach (string line in text.Split('\n'))
            {
                if (line.StartsWith("btime ", StringComparison.Ordinal))
                {
                    return long.Parse(line.Substring(6).Trim(), NumberStyles.Integer, CultureInfo.InvariantCulture);
                }
            }

            throw new FormatException("/proc/stat has no btime line.");
        }

        /// <summary>Start time from boot time and the stat tick count.</summary>
        public static DateTime ToStartTime(long bootTimeSeconds, ulong startTicks, long ticksPerSecond)
        {
            double seconds = bootTimeSeconds + (double)startTicks / ticksPerSecond;
            return new DateTime(1970, 1, 1, 0, 0, 0, DateTimeKind.Utc).AddSeconds(seconds).ToLocalTime();
        }

        /// <summary>A /proc directory name is a process id when it is all digits.</summary>
        public static bool TryParsePid(string name, out int pid)
        {
            pid = 0;
            if (name.Length == 0 || name.Length > 10)
            {
                return false;
            }

            foreach (char c in name)
            {
                if (c < '0' || c > '9')
                {
                    return false;
                }
            }

            return int.TryParse(name, NumberStyles.None, CultureInfo.InvariantCulture, out pid);
        }
    }
}
