using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Globalization;
using System.IO;

namespace GoEnvTools.MacOS
{
    /// <summary>
    /// The macOS process table: kinfo_proc records from sysctl(KERN_PROC), paths from libproc, arguments and
    /// environment from sysctl(KERN_PROCARGS2); ps where sysctl fails, marked Lossy. Every call goes through
    /// <see cref="IMacOSNative"/>, so this logic is tested on Linux over fixtures; it has not run on a Mac here.
    /// </summary>
    public sealed class MacOSProcessProvider : IProcessProvider
    {
        /// <summary>p_comm keeps MAXCOMLEN (16) bytes of a name.</summary>
        public const int CutNameLength = 16;

        /// <summary>Used when kern.argmax cannot be read: ARG_MAX of current macOS.</summary>
        private const int DefaultArgumentMax = 1024 * 1024;

        /// <summary>What <see cref="ReadArguments"/> returns for a buffer the parser rejects: no errno has this value.</summary>
        private const int UnreadableBuffer = -1;

        private static readonly string[] s_psTableArguments = { "-axww", "-o", "pid=,ppid=,uid=,lstart=,comm=" };

        private readonly IMacOSNative _native;
        private readonly Lazy<int> _argumentMax;
        private readonly ConcurrentDictionary<int, string?> _userNames = new ConcurrentDictionary<int, string?>();

        // The names of the last table read: GetProcessName is asked for every process right after GetProcessIds.
        private volatile Dictionary<int, string>? _tableNames;

        // Set once sysctl(KERN_PROC) has failed: from then on the table and each record come from ps, so start
        // tokens (seconds only, from ps) are never compared with sysctl's (microseconds).
        private volatile bool _usePs;

        [ThreadStatic]
        private static byte[]? t_record;

        [ThreadStatic]
        private static byte[]? t_arguments;

        public MacOSProcessProvider()
            : this(new MacOSNative())
        {
        }

        public MacOSProcessProvider(IMacOSNative native)
        {
            _native = native ?? throw new ArgumentNullException(nameof(native));
            CurrentUserId = unchecked((int)native.GetUid());
            _argumentMax = new Lazy<int>(() =>
            {
                int max = _native.ArgumentMax();
                return max > 0 ? max : DefaultArgumentMax;
            });
        }

        public bool EnvironmentIgnoresCase => false;

        public int? CurrentUserId { get; }

        public string? CurrentUserName => UserName(CurrentUserId!.Value);

        /// <summary>True once sysctl failed and the provider reads through ps.</summary>
        public bool UsesPs => _usePs;

        public IReadOnlyList<int> GetProcessIds()
        {
            int errno = 0;
            if (!_usePs)
            {
                errno = _native.ReadProcessTable(out byte[] data, out int length);
                if (errno == 0)
                {
                    List<KinfoProc> records = MacOSParsers.ParseProcessTable(data, length);
                    return RememberNames(records.ConvertAll(r => (r.ProcessId, r.Command)));
                }

                _usePs = true;
            }

            string? output = _native.RunPs(s_psTableArguments);
            if (output is null)
            {
                throw new IOException(
                    $"Reading the process table failed: sysctl(KERN_PROC_ALL) gave errno {errno.ToString(CultureInfo.InvariantCulture)} and /bin/ps did not run either.");
            }

            return RememberNames(MacOSParsers.ParsePsTable(output).ConvertAll(r => (r.ProcessId, r.Name)));
        }

        private List<int> RememberNames(List<(int ProcessId, string Name)> table)
        {
            var names = new Dictionary<int, string>(table.Count);
            var ids = new List<int>(table.Count);
            foreach ((int pid, string name) in table)
            {
                names[pid] = name;
                ids.Add(pid);
            }

            _tableNames = names;
            return ids;
        }

        public string? GetProcessName(int processId)
        {
            string? name = null;
            Dictionary<int, string>? names = _tableNames;
            if (names is null || !names.TryGetValue(processId, out name))
            {
                name = ReadRecord(processId)?.Name;
            }

            if (name is null || name.Length < CutNameLength || _usePs)
            {
                return name;
            }

            return FullName(name, _native.ExecutablePath(processId), Array.Empty<string>());
        }

        public long? GetStartToken(int processId) => ReadRecord(processId)?.StartToken;

        public ProcessInfo? GetProcess(int processId)
        {
            Record? record = ReadRecord(processId);
            if (record is null)
            {
                return null;
            }

            string? exe = _native.ExecutablePath(processId);
            string[] argv = Array.Empty<string>();
            int errno = ReadArguments(processId, out ProcArgs? args);
            if (args is not null)
            {
                argv = args.Arguments;

                // The exec path as given to exec: only an absolute one names the file whatever the folder is now.
                if (exe is null && args.ExecutablePath.StartsWith("/", StringComparison.Ordinal))
                {
                    exe = args.ExecutablePath;
                }
            }
            else if (errno != 0 && processId > 0 && !record.IsZombie && MayFallBackToPs(errno, record.UserId))
            {
                string? command = _native.RunPs(new[] { "-ww", "-o", "command=", "-p", processId.ToString(CultureInfo.InvariantCulture) });
                if (command is not null)
                {
                    argv = command.Trim().Split(new[] { ' ' }, StringSplitOptions.RemoveEmptyEntries);
                }
            }

            return new ProcessInfo
            {
                ProcessId = processId,
                ParentProcessId = record.ParentProcessId,
                Name = record.FromPs ? record.Name : FullName(record.Name, exe, argv),
                ExecutablePath = exe,
                CommandLine = argv,
                UserId = record.UserId,
                UserName = UserName(record.UserId),
                StartTime = record.StartTime,
                WorkingDirectory = _native.WorkingDirectory(processId),
            };
        }

        public EnvironmentRead GetEnvironment(int processId)
        {
            Record? before = ReadRecord(processId);
            if (before is null)
            {
                return EnvironmentRead.Failure(EnvironmentStatus.Exited, $"Process {processId} has exited.");
            }

            if (before.IsZombie)
            {
                return EnvironmentRead.Failure(EnvironmentStatus.Exited, $"Process {processId} is a zombie: it has exited and its parent has not collected it.");
            }

            if (processId == 0)
            {
                return EnvironmentRead.Failure(EnvironmentStatus.NotSupported, "Process 0 is kernel_task, the kernel itself, and has no environment.");
            }

            int errno = ReadArguments(processId, out ProcArgs? args);
            EnvironmentRead read = args is not null ? FromProcArgs(processId, args)
                : errno == UnreadableBuffer ? EnvironmentRead.Failure(
                    EnvironmentStatus.Hidden,
                    $"The kernel gave the arguments and environment of process {processId} in a form that is not the KERN_PROCARGS2 layout this module reads.")
                : FromFailure(processId, errno, before);

            // A process that exited (or whose id was taken by another) while it was read: the answer is not its own.
            Record? after = ReadRecord(processId);
            if (after is null || after.StartToken != before.StartToken || after.IsZombie)
            {
                return EnvironmentRead.Failure(EnvironmentStatus.Exited, $"Process {processId} exited while its environment was read.");
            }

            return read;
        }

        public bool IsExecutableFile(string path) => _native.IsExecutableFile(path);

        private static EnvironmentRead FromProcArgs(int processId, ProcArgs args)
        {
            if (args.Withheld)
            {
                return EnvironmentRead.Failure(
                    EnvironmentStatus.Hidden,
                    args.Truncated
                        ? $"The kernel's copy of the arguments of process {processId} ended before the environment, so the environment is unknown."
                        : $"macOS withheld the environment of process {processId}: since macOS 11 the kernel leaves it out for code-signing-restricted programs.");
            }

            // A buffer cut inside the environment still gives every variable before the cut.
            return EnvironmentRead.Success(args.Environment!, lossy: args.Truncated);
        }

        private EnvironmentRead FromFailure(int processId, int errno, Record record)
        {
            string code = errno.ToString(CultureInfo.InvariantCulture);
            if (errno == MacOSNative.ESRCH)
            {
                return EnvironmentRead.Failure(EnvironmentStatus.Exited, $"Process {processId} has exited.");
            }

            if (!MayFallBackToPs(errno, record.UserId))
            {
                // As psutil maps them: EINVAL, EIO and EPERM for another user's process mean the kernel refused.
                return EnvironmentRead.Failure(
                    EnvironmentStatus.AccessDenied,
                    $"macOS refused to give the environment of process {processId} (sysctl KERN_PROCARGS2, errno {code}): it belongs to another user.");
            }

            string pid = processId.ToString(CultureInfo.InvariantCulture);
            string? withEnvironment = _native.RunPs(new[] { "-E", "-ww", "-o", "command=", "-p", pid });
            string? command = withEnvironment is null ? null : _native.RunPs(new[] { "-ww", "-o", "command=", "-p", pid });
            List<EnvironmentEntry>? entries = command is null ? null : MacOSParsers.ParsePsEnvironment(withEnvironment!, command);
            if (entries is null)
            {
                return EnvironmentRead.Failure(
                    EnvironmentStatus.AccessDenied,
                    $"Reading the environment of process {processId} failed (sysctl KERN_PROCARGS2, errno {code}) and 'ps -E' could not read it either.");
            }

            return EnvironmentRead.Success(entries, lossy: true);
        }

        /// <summary>
        /// ps reads through the same sysctl, so it can do no better for another user's process; for one's own it is
        /// the way left when the call itself fails. Root may read every process, so every process counts as its own.
        /// </summary>
        private bool MayFallBackToPs(int errno, int ownerId)
        {
            bool own = CurrentUserId == 0 || ownerId == CurrentUserId;
            return own && errno != MacOSNative.ESRCH;
        }

        /// <summary>0 with the parsed buffer, or the errno (or <see cref="UnreadableBuffer"/>) with null.</summary>
        private int ReadArguments(int processId, out ProcArgs? args)
        {
            args = null;
            if (processId <= 0)
            {
                return MacOSNative.EINVAL;
            }

            int size = _argumentMax.Value;
            byte[] buffer = t_arguments is { } cached && cached.Length == size ? cached : (t_arguments = new byte[size]);
            int errno = _native.ReadProcessArguments(processId, buffer, out int length);
            if (errno != 0)
            {
                return errno;
            }

            try
            {
                args = MacOSParsers.ParseProcArgs2(buffer, Math.Min(length, buffer.Length));
                return 0;
            }
            catch (FormatException)
            {
                return UnreadableBuffer;
            }
        }

        private Record? ReadRecord(int processId)
        {
            if (processId < 0)
            {
                return null;
            }

            if (!_usePs)
            {
                byte[] buffer = t_record ??= new byte[KinfoProcLayout.Size];
                int errno = _native.ReadProcess(processId, buffer, out int length);
                if (errno == 0)
                {
                    return length < KinfoProcLayout.Size ? null : Record.From(MacOSParsers.ParseKinfoProc(buffer, 0));
                }

                if (errno == MacOSNative.ESRCH)
                {
                    return null;
                }

                _usePs = true;
            }

            string? output = _native.RunPs(new[] { "-ww", "-o", "pid=,ppid=,uid=,lstart=,comm=", "-p", processId.ToString(CultureInfo.InvariantCulture) });
            if (output is null)
            {
                return null;
            }

            foreach (PsProcess row in MacOSParsers.ParsePsTable(output))
            {
                if (row.ProcessId == processId)
                {
                    return Record.From(row);
                }
            }

            return null;
        }

        /// <summary>
        /// p_comm cuts a name at 16 bytes ("Code Helper (Plugin)" is "Code Helper (Plu"); psutil's rule restores it
        /// from the executable or argv[0] when either starts with the cut name.
        /// </summary>
        private static string FullName(string shortName, string? exe, string[] argv)
        {
            if (shortName.Length < CutNameLength)
            {
                return shortName;
            }

            foreach (string? candidate in new[] { exe is null ? null : Path.GetFileName(exe), argv.Length > 0 ? Path.GetFileName(argv[0]) : null })
            {
                if (!string.IsNullOrEmpty(candidate) && candidate!.StartsWith(shortName, StringComparison.Ordinal))
                {
                    return candidate;
                }
            }

            return shortName;
        }

        private string? UserName(int uid) =>
            _userNames.GetOrAdd(uid, u => _native.UserNameOf(unchecked((uint)u)) ?? u.ToString(CultureInfo.InvariantCulture));

        /// <summary>One process as either source gives it.</summary>
        private sealed class Record
        {
            public int ParentProcessId { get; private set; }
            public int UserId { get; private set; }
            public string Name { get; private set; } = string.Empty;
            public bool IsZombie { get; private set; }
            public long StartToken { get; private set; }
            public DateTime StartTime { get; private set; }
            public bool FromPs { get; private set; }

            public static Record From(KinfoProc k) => new Record
            {
                ParentProcessId = k.ParentProcessId,
                UserId = k.RealUserId,
                Name = k.Command,
                IsZombie = k.IsZombie,
                StartToken = k.StartToken,
                StartTime = k.StartTimeUtc.ToLocalTime(),
            };

            public static Record From(PsProcess p) => new Record
            {
                ParentProcessId = p.ParentProcessId,
                UserId = p.UserId,
                Name = p.Name,
                StartToken = p.StartTime.Ticks / TimeSpan.TicksPerSecond * 1_000_000L,
                StartTime = p.StartTime,
                FromPs = true,
            };
        }
    }
}
