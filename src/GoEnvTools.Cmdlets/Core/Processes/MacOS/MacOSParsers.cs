using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text;

namespace GoEnvTools.MacOS
{
    /// <summary>The fields of one <c>struct kinfo_proc</c> the module uses.</summary>
    public sealed class KinfoProc
    {
        public int ProcessId { get; set; }
        public int ParentProcessId { get; set; }

        /// <summary>The real uid (e_pcred.p_ruid), as Linux reports the first number of <c>Uid:</c>.</summary>
        public int RealUserId { get; set; }

        /// <summary>The effective uid (e_ucred.cr_uid).</summary>
        public int EffectiveUserId { get; set; }

        /// <summary>p_comm: at most 16 bytes (MAXCOMLEN) of the executable's name.</summary>
        public string Command { get; set; } = string.Empty;

        /// <summary>p_stat: SIDL 1, SRUN 2, SSLEEP 3, SSTOP 4, SZOMB 5.</summary>
        public byte State { get; set; }

        /// <summary>p_starttime, seconds since the epoch.</summary>
        public long StartSeconds { get; set; }

        public int StartMicroseconds { get; set; }

        public bool IsZombie => State == KinfoProcLayout.SZOMB;

        /// <summary>A token that tells this process from a later one that reuses its id.</summary>
        public long StartToken => (StartSeconds * 1_000_000L) + StartMicroseconds;

        public DateTime StartTimeUtc =>
            DateTimeOffset.FromUnixTimeSeconds(StartSeconds).UtcDateTime.AddTicks(StartMicroseconds * 10L);
    }

    /// <summary>
    /// Offsets in <c>struct kinfo_proc</c> on 64-bit macOS (x86_64 and arm64 share the layout): 648 bytes, an
    /// <c>extern_proc</c> (296 bytes) then an <c>eproc</c>. Source: the macOS SDK's <c>&lt;sys/sysctl.h&gt;</c> and
    /// <c>&lt;sys/proc.h&gt;</c> (xnu <c>bsd/sys/sysctl.h</c>, <c>bsd/sys/proc.h</c>). The fixture generator
    /// (tests/Unit/Fixtures/macos/make_fixtures.py) lays the same declarations out with the C rules and a test
    /// compares its offsets with these.
    /// </summary>
    public static class KinfoProcLayout
    {
        public const int Size = 648;

        /// <summary>p_un.__p_starttime: a struct timeval (long tv_sec; int tv_usec).</summary>
        public const int StartSeconds = 0;
        public const int StartMicroseconds = 8;
        public const int State = 36;
        public const int ProcessId = 40;
        public const int Command = 243;

        /// <summary>char p_comm[MAXCOMLEN + 1].</summary>
        public const int CommandSize = 17;

        /// <summary>kp_eproc.e_pcred.p_ruid.</summary>
        public const int RealUserId = 392;

        /// <summary>kp_eproc.e_ucred.cr_uid.</summary>
        public const int EffectiveUserId = 420;

        /// <summary>kp_eproc.e_ppid.</summary>
        public const int ParentProcessId = 560;

        public const byte SZOMB = 5;
    }

    /// <summary>What one <c>KERN_PROCARGS2</c> buffer holds.</summary>
    public sealed class ProcArgs
    {
        /// <summary>The path the process was started with, as given to exec: it may be relative.</summary>
        public string ExecutablePath { get; set; } = string.Empty;

        public string[] Arguments { get; set; } = Array.Empty<string>();

        /// <summary>Null when the kernel withheld the environment; then <see cref="Withheld"/> is true.</summary>
        public List<EnvironmentEntry>? Environment { get; set; }

        public bool Withheld { get; set; }

        /// <summary>The buffer ended inside a string, so the last argument or variable may be cut or missing.</summary>
        public bool Truncated { get; set; }

        /// <summary>The kernel's own strings after the environment (executable_path=, ptr_munge=, ...).</summary>
        public List<string> KernelStrings { get; } = new List<string>();
    }

    /// <summary>One row of <c>ps -axww -o pid=,ppid=,uid=,lstart=,comm=</c>.</summary>
    public sealed class PsProcess
    {
        public int ProcessId { get; set; }
        public int ParentProcessId { get; set; }
        public int UserId { get; set; }

        /// <summary>Local time, to the second.</summary>
        public DateTime StartTime { get; set; }

        /// <summary>What ps prints as comm: the executable's path for most processes, else its short name.</summary>
        public string Command { get; set; } = string.Empty;

        public string Name
        {
            get
            {
                int slash = Command.LastIndexOf('/');
                return slash >= 0 && slash < Command.Length - 1 ? Command.Substring(slash + 1) : Command;
            }
        }
    }

    /// <summary>
    /// Pure parsers for what macOS gives about processes: <c>kinfo_proc</c> records, <c>KERN_PROCARGS2</c> buffers,
    /// <c>proc_vnodepathinfo</c> and <c>ps</c> output. They never call the OS, so Linux tests run them on fixtures.
    /// </summary>
    public static class MacOSParsers
    {
        private static readonly Encoding s_utf8 = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: false);

        /// <summary>
        /// The names of the strings xnu adds after the environment (bsd/kern/kern_exec.c, exec_add_apple_strings).
        /// They follow the environment directly on some versions, so they are recognised by name.
        /// </summary>
        private static readonly HashSet<string> s_kernelStringNames = new HashSet<string>(StringComparer.Ordinal)
        {
            "executable_path", "ptr_munge", "main_stack", "executable_file", "dyld_file", "executable_cdhash",
            "executable_boothash", "th_port", "arm64e_abi", "stack_guard", "malloc_entropy", "dyld_flags",
            "subsystem_root_path", "pfz", "platform_binary", "has_sec_transition", "vm_force_4k_pages",
            "libmalloc_experiments", "apple_camera", "executable_path_hash",
        };

        /// <summary>Reads one 648-byte record at <paramref name="offset"/>.</summary>
        public static KinfoProc ParseKinfoProc(byte[] data, int offset)
        {
            if (offset < 0 || data.Length - offset < KinfoProcLayout.Size)
            {
                throw new FormatException($"A kinfo_proc record needs {KinfoProcLayout.Size} bytes; {Math.Max(0, data.Length - offset)} are left at offset {offset}.");
            }

            int commLength = 0;
            while (commLength < KinfoProcLayout.CommandSize && data[offset + KinfoProcLayout.Command + commLength] != 0)
            {
                commLength++;
            }

            return new KinfoProc
            {
                ProcessId = ReadInt32(data, offset + KinfoProcLayout.ProcessId),
                ParentProcessId = ReadInt32(data, offset + KinfoProcLayout.ParentProcessId),
                RealUserId = ReadInt32(data, offset + KinfoProcLayout.RealUserId),
                EffectiveUserId = ReadInt32(data, offset + KinfoProcLayout.EffectiveUserId),
                Command = s_utf8.GetString(data, offset + KinfoProcLayout.Command, commLength),
                State = data[offset + KinfoProcLayout.State],
                StartSeconds = ReadInt64(data, offset + KinfoProcLayout.StartSeconds),
                StartMicroseconds = ReadInt32(data, offset + KinfoProcLayout.StartMicroseconds),
            };
        }

        /// <summary>The records of a <c>KERN_PROC_ALL</c> answer of <paramref name="length"/> bytes.</summary>
        public static List<KinfoProc> ParseProcessTable(byte[] data, int length)
        {
            if (length < 0 || length > data.Length || length % KinfoProcLayout.Size != 0)
            {
                throw new FormatException($"The process table is {length} bytes, not a whole number of {KinfoProcLayout.Size}-byte kinfo_proc records.");
            }

            var records = new List<KinfoProc>(length / KinfoProcLayout.Size);
            for (int at = 0; at < length; at += KinfoProcLayout.Size)
            {
                records.Add(ParseKinfoProc(data, at));
            }

            return records;
        }

        /// <summary>
        /// Parses a <c>KERN_PROCARGS2</c> buffer: int argc, the exec path, NUL padding, argc strings, then the
        /// environment up to the first empty string or the first of the kernel's own strings. When nothing at all
        /// follows the arguments (no variable and none of the kernel strings that every exec gets), the kernel
        /// withheld the environment, which is not the same as an empty one.
        /// </summary>
        /// <remarks>
        /// As Apple's ps does, every NUL after the exec path is taken as padding, so an empty argv[0] is lost.
        /// </remarks>
        public static ProcArgs ParseProcArgs2(byte[] data, int length)
        {
            if (length < 4 || length > data.Length)
            {
                throw new FormatException($"A KERN_PROCARGS2 buffer starts with a 4-byte argc; this one has {length} bytes.");
            }

            int argc = ReadInt32(data, 0);
            if (argc < 0 || argc > length)
            {
                throw new FormatException($"The KERN_PROCARGS2 buffer claims {argc} arguments in {length} bytes.");
            }

            var result = new ProcArgs();
            int at = 4;
            result.ExecutablePath = NextString(data, ref at, length, out bool cut);
            if (cut)
            {
                result.Truncated = true;
                result.Withheld = true;
                return result;
            }

            while (at < length && data[at] == 0)
            {
                at++;
            }

            var args = new List<string>(argc);
            while (args.Count < argc && at < length)
            {
                args.Add(NextString(data, ref at, length, out cut));
                if (cut)
                {
                    break;
                }
            }

            result.Arguments = args.ToArray();
            if (args.Count < argc || cut)
            {
                // The environment starts after the last argument; without it nothing can be said of the environment.
                result.Truncated = true;
                result.Withheld = true;
                return result;
            }

            if (!HasNonZero(data, at, length))
            {
                result.Withheld = true;
                return result;
            }

            var environment = new List<EnvironmentEntry>();
            bool inKernelStrings = false;
            bool afterEmpty = false;
            while (at < length)
            {
                int start = at;
                string text = NextString(data, ref at, length, out cut);
                if (at - start == 1 && !cut)
                {
                    // The first empty string ends the environment; what follows is the kernel's or padding.
                    afterEmpty = true;
                    continue;
                }

                if (!inKernelStrings && !afterEmpty && !IsKernelString(text))
                {
                    if (cut)
                    {
                        result.Truncated = true;
                        break;
                    }

                    environment.Add(ToEntry(data, start, at - 1));
                    continue;
                }

                inKernelStrings = true;
                if (text.Length > 0)
                {
                    result.KernelStrings.Add(text);
                }
            }

            result.Environment = environment;
            return result;
        }

        /// <summary>The working directory in a <c>proc_vnodepathinfo</c> (pvi_cdir.vip_path), or null when empty.</summary>
        /// <remarks>Layout: &lt;sys/proc_info.h&gt;: vnode_info is 152 bytes, then char vip_path[MAXPATHLEN].</remarks>
        public static string? ParseWorkingDirectory(byte[] data, int length)
        {
            const int PathOffset = 152;
            const int PathSize = 1024;
            if (length < PathOffset + PathSize || length > data.Length)
            {
                return null;
            }

            int len = ByteLength(data, PathOffset, PathOffset + PathSize);
            return len == 0 ? null : s_utf8.GetString(data, PathOffset, len);
        }

        /// <summary>
        /// Parses <c>ps -axww -o pid=,ppid=,uid=,lstart=,comm=</c> as printed under LC_ALL=C: three numbers, the
        /// start time as five words ("Wed Nov 27 08:00:05 2024", the day padded with a space), then the command,
        /// which runs to the end of the line and may hold spaces. Lines that do not have that shape are skipped.
        /// </summary>
        public static List<PsProcess> ParsePsTable(string output)
        {
            var result = new List<PsProcess>();
            foreach (string rawLine in output.Split('\n'))
            {
                string line = rawLine.TrimEnd('\r');
                int at = 0;
                string?[] words = new string?[8];
                for (int i = 0; i < words.Length; i++)
                {
                    words[i] = NextWord(line, ref at);
                }

                if (words[7] is null ||
                    !int.TryParse(words[0], NumberStyles.None, CultureInfo.InvariantCulture, out int pid) ||
                    !int.TryParse(words[1], NumberStyles.None, CultureInfo.InvariantCulture, out int ppid) ||
                    !long.TryParse(words[2], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out long uid) ||
                    Array.IndexOf(CultureInfo.InvariantCulture.DateTimeFormat.AbbreviatedDayNames, words[3]) < 0 ||
                    !DateTime.TryParseExact(
                        words[4] + " " + words[5] + " " + words[6] + " " + words[7],
                        "MMM d HH:mm:ss yyyy",
                        CultureInfo.InvariantCulture,
                        DateTimeStyles.AssumeLocal,
                        out DateTime start))
                {
                    continue;
                }

                string command = line.Substring(at).Trim(' ');
                if (command.Length == 0)
                {
                    continue;
                }

                result.Add(new PsProcess
                {
                    ProcessId = pid,
                    ParentProcessId = ppid,
                    // ps prints uids as unsigned: nobody (-2) is 4294967294.
                    UserId = unchecked((int)(uint)uid),
                    StartTime = DateTime.SpecifyKind(start, DateTimeKind.Local),
                    Command = command,
                });
            }

            return result;
        }

        /// <summary>
        /// The environment from <c>ps -E -ww -o command= -p PID</c>, given <c>ps -ww -o command= -p PID</c> of the same
        /// process: the first ends with the variables, joined by spaces. Lossy by nature: a value holding a space
        /// followed by NAME=... is split in two, and a word without '=' is taken as part of the previous value.
        /// Null when the first does not start with the second (the process changed between the two runs).
        /// </summary>
        public static List<EnvironmentEntry>? ParsePsEnvironment(string commandWithEnvironment, string command)
        {
            string withEnv = commandWithEnvironment.TrimEnd('\r', '\n');
            string plain = command.TrimEnd('\r', '\n');
            if (!withEnv.StartsWith(plain, StringComparison.Ordinal) ||
                (withEnv.Length > plain.Length && withEnv[plain.Length] != ' '))
            {
                return null;
            }

            var names = new List<string>();
            var values = new List<StringBuilder>();
            foreach (string word in withEnv.Substring(plain.Length).Split(' '))
            {
                int eq = word.IndexOf('=');
                if (eq > 0 && IsVariableName(word, eq))
                {
                    names.Add(word.Substring(0, eq));
                    values.Add(new StringBuilder(word.Substring(eq + 1)));
                }
                else if (values.Count > 0)
                {
                    values[values.Count - 1].Append(' ').Append(word);
                }
            }

            var entries = new List<EnvironmentEntry>(names.Count);
            for (int i = 0; i < names.Count; i++)
            {
                // Separators doubled or left at the end belong to no value ps could show apart.
                entries.Add(new EnvironmentEntry(names[i], values[i].ToString().TrimEnd(' ')));
            }

            return entries;
        }

        private static bool IsVariableName(string word, int length)
        {
            for (int i = 0; i < length; i++)
            {
                char c = word[i];
                bool ok = c == '_' || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (i > 0 && c >= '0' && c <= '9');
                if (!ok)
                {
                    return false;
                }
            }

            return true;
        }

        private static string? NextWord(string line, ref int at)
        {
            while (at < line.Length && line[at] == ' ')
            {
                at++;
            }

            int start = at;
            while (at < line.Length && line[at] != ' ')
            {
                at++;
            }

            return at > start ? line.Substring(start, at - start) : null;
        }

        private static bool IsKernelString(string text)
        {
            int eq = text.IndexOf('=');
            return eq > 0 && s_kernelStringNames.Contains(text.Substring(0, eq));
        }

        /// <summary>An entry from the bytes of one NAME=VALUE string; one without '=' keeps a null value.</summary>
        private static EnvironmentEntry ToEntry(byte[] data, int start, int end)
        {
            int eq = Array.IndexOf(data, (byte)'=', start, end - start);
            return eq < 0
                ? new EnvironmentEntry(s_utf8.GetString(data, start, end - start), null)
                : new EnvironmentEntry(s_utf8.GetString(data, start, eq - start), s_utf8.GetString(data, eq + 1, end - eq - 1));
        }

        /// <summary>The string at <paramref name="at"/>, moving past its NUL; <paramref name="cut"/> when none ends it.</summary>
        private static string NextString(byte[] data, ref int at, int length, out bool cut)
        {
            int len = ByteLength(data, at, length);
            string text = s_utf8.GetString(data, at, len);
            cut = at + len >= length;
            at += len + 1;
            return text;
        }

        private static int ByteLength(byte[] data, int start, int end)
        {
            int nul = Array.IndexOf(data, (byte)0, start, end - start);
            return (nul < 0 ? end : nul) - start;
        }

        private static bool HasNonZero(byte[] data, int start, int end)
        {
            for (int i = start; i < end; i++)
            {
                if (data[i] != 0)
                {
                    return true;
                }
            }

            return false;
        }

        private static int ReadInt32(byte[] data, int offset) =>
            data[offset] | (data[offset + 1] << 8) | (data[offset + 2] << 16) | (data[offset + 3] << 24);

        private static long ReadInt64(byte[] data, int offset) =>
            (uint)ReadInt32(data, offset) | ((long)ReadInt32(data, offset + 4) << 32);
    }
}
