using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Runtime.CompilerServices;
using System.Text;

namespace GoEnvTools.Linux
{
    /// <summary>The process table read straight from /proc.</summary>
    public sealed class LinuxProcessProvider : IProcessProvider
    {
        private readonly string _procRoot;
        private readonly ConcurrentDictionary<int, string?> _userNames = new ConcurrentDictionary<int, string?>();
        private readonly Lazy<long> _bootTime;
        private readonly long _ticksPerSecond;

        // "/comm" and the other per-process file names, as the bytes PidPathBytes appends.
        private static readonly byte[] s_comm = Encoding.ASCII.GetBytes("/comm");
        private static readonly byte[] s_stat = Encoding.ASCII.GetBytes("/stat");
        private static readonly byte[] s_status = Encoding.ASCII.GetBytes("/status");

        private readonly byte[] _procRootBytes;

        [ThreadStatic]
        private static byte[]? t_buffer;

        [ThreadStatic]
        private static byte[]? t_path;

        public LinuxProcessProvider()
            : this("/proc")
        {
        }

        /// <param name="procRoot">The proc file system; a copy of it (a fixture tree) in tests.</param>
        public LinuxProcessProvider(string procRoot)
        {
            _procRoot = procRoot.TrimEnd('/');
            _procRootBytes = Encoding.UTF8.GetBytes(_procRoot + "/");
            _bootTime = new Lazy<long>(ReadBootTime);
            _ticksPerSecond = LinuxNative.ClockTicksPerSecond();
            CurrentUserId = (int)LinuxNative.GetUid();
        }

        public bool EnvironmentIgnoresCase => false;

        public int? CurrentUserId { get; }

        public string? CurrentUserName => UserName(CurrentUserId!.Value);

        public IReadOnlyList<int> GetProcessIds()
        {
            var ids = new List<int>(512);
            int errno = LinuxNative.ListProcessIdDirectories(_procRoot, ids);
            switch (errno)
            {
                case 0:
                    return ids;
                case LinuxNative.ENOENT:
                    throw new DirectoryNotFoundException($"Could not find a part of the path '{_procRoot}'.");
                case LinuxNative.EACCES:
                case LinuxNative.EPERM:
                    throw new UnauthorizedAccessException($"Access to the path '{_procRoot}' is denied.");
                default:
                    throw new IOException($"Listing {_procRoot} failed with errno {errno.ToString(CultureInfo.InvariantCulture)}.");
            }
        }

        [MethodImpl(CompilerHints.AggressiveOptimization)]
        public string? GetProcessName(int processId)
        {
            // Called for every process on each search: a reused path buffer and a single read keep it to the
            // three system calls it needs (open, read, close).
            byte[] buffer = Buffer();
            int n = LinuxNative.ReadSmallFile(PidPathBytes(processId, s_comm), ref buffer);
            t_buffer = buffer;
            if (n <= 0)
            {
                return null;
            }

            int len = n;
            if (buffer[len - 1] == (byte)'\n')
            {
                len--;
            }

            return Encoding.UTF8.GetString(buffer, 0, len);
        }

        public long? GetStartToken(int processId)
        {
            ProcStat? stat = ReadStat(processId);
            return stat is null ? (long?)null : (long)stat.StartTimeTicks;
        }

        public ProcessInfo? GetProcess(int processId)
        {
            ProcStat? stat = ReadStat(processId);
            if (stat is null)
            {
                return null;
            }

            byte[] buffer = Buffer();
            string[] argv = Array.Empty<string>();
            int n = LinuxNative.ReadFile(PidPath(processId, "cmdline"), ref buffer);
            if (n > 0)
            {
                argv = ProcParsers.ParseCmdline(buffer, n);
            }

            int? uid = null;
            n = LinuxNative.ReadSmallFile(PidPathBytes(processId, s_status), ref buffer);
            if (n > 0)
            {
                uid = ProcParsers.ParseStatusRealUid(buffer, n);
            }

            t_buffer = buffer;

            string? exe = LinuxNative.ReadLinkTarget(PidPath(processId, "exe"), out _);
            string? cwd = LinuxNative.ReadLinkTarget(PidPath(processId, "cwd"), out _);

            return new ProcessInfo
            {
                ProcessId = processId,
                ParentProcessId = stat.ParentProcessId,
                Name = FullName(stat.Name, exe, argv),
                ExecutablePath = exe is null ? null : ProcParsers.ParseExeLink(exe),
                CommandLine = argv,
                UserId = uid,
                UserName = uid is null ? null : UserName(uid.Value),
                StartTime = ProcParsers.ToStartTime(_bootTime.Value, stat.StartTimeTicks, _ticksPerSecond),
                WorkingDirectory = cwd is null ? null : ProcParsers.ParseExeLink(cwd),
            };
        }

        public EnvironmentRead GetEnvironment(int processId)
        {
            ProcStat? before = ReadStat(processId);
            if (before is null)
            {
                return EnvironmentRead.Failure(EnvironmentStatus.Exited, $"Process {processId} has exited.");
            }

            if (before.IsZombie)
            {
                return EnvironmentRead.Failure(EnvironmentStatus.Exited, $"Process {processId} is a zombie: it has exited and its parent has not collected it.");
            }

            if (before.IsKernelThread)
            {
                return EnvironmentRead.Failure(EnvironmentStatus.NotSupported, $"Process {processId} is a kernel thread and has no environment.");
            }

            string path = PidPath(processId, "environ");
            byte[] buffer = Buffer();
            int n = LinuxNative.ReadFile(path, ref buffer);
            t_buffer = buffer;
            if (n < 0)
            {
                int errno = -n;
                switch (errno)
                {
                    case LinuxNative.EACCES:
                    case LinuxNative.EPERM:
                        return EnvironmentRead.Failure(EnvironmentStatus.AccessDenied, $"Access to {path} was denied: the process belongs to another user or may not be traced.");
                    case LinuxNative.ENOENT:
                    case LinuxNative.ESRCH:
                        return EnvironmentRead.Failure(EnvironmentStatus.Exited, $"Process {processId} has exited.");
                    default:
                        return EnvironmentRead.Failure(EnvironmentStatus.AccessDenied, $"Reading {path} failed with errno {errno.ToString(CultureInfo.InvariantCulture)}.");
                }
            }

            List<EnvironmentEntry> entries = ProcParsers.ParseEnviron(buffer, n);

            // An exiting process reads as empty: only trust the result if it is still the same, live process.
            ProcStat? after = ReadStat(processId);
            // A process between giving up its memory and becoming a zombie also reads as empty; vsize 0 tells it
            // apart from a live process that really has no variables (env -i).
            bool lostMemory = entries.Count == 0 && after is not null && after.VirtualMemoryBytes == 0;
            if (after is null || after.StartTimeTicks != before.StartTimeTicks || after.IsZombie || lostMemory)
            {
                return EnvironmentRead.Failure(EnvironmentStatus.Exited, $"Process {processId} exited while its environment was read.");
            }

            return EnvironmentRead.Success(entries);
        }

        // access() first: most candidates of a PATH lookup do not exist, and one access() call says so for less
        // than File.Exists, which normalizes the path before its own stat.
        public bool IsExecutableFile(string path) =>
            LinuxNative.IsExecutable(path) && File.Exists(path);

        private ProcStat? ReadStat(int processId)
        {
            byte[] buffer = Buffer();
            int n = LinuxNative.ReadSmallFile(PidPathBytes(processId, s_stat), ref buffer);
            t_buffer = buffer;
            if (n <= 0)
            {
                return null;
            }

            try
            {
                return ProcParsers.ParseStat(buffer, n);
            }
            catch (FormatException)
            {
                return null;
            }
        }

        /// <summary>
        /// stat and comm cut the name at 15 bytes; psutil's rule restores it from the executable or argv[0]
        /// when either starts with the cut name.
        /// </summary>
        private static string FullName(string shortName, string? exe, string[] argv)
        {
            if (shortName.Length < 15)
            {
                return shortName;
            }

            foreach (string? candidate in new[] { exe is null ? null : Path.GetFileName(ProcParsers.ParseExeLink(exe)), argv.Length > 0 ? Path.GetFileName(argv[0]) : null })
            {
                if (!string.IsNullOrEmpty(candidate) && candidate!.StartsWith(shortName, StringComparison.Ordinal))
                {
                    return candidate;
                }
            }

            return shortName;
        }

        private string? UserName(int uid) =>
            _userNames.GetOrAdd(uid, u => LinuxNative.UserNameOf((uint)u) ?? u.ToString(CultureInfo.InvariantCulture));

        private long ReadBootTime()
        {
            byte[] buffer = new byte[8192];
            int n = LinuxNative.ReadFile(_procRoot + "/stat", ref buffer);
            if (n <= 0)
            {
                throw new IOException($"Cannot read {_procRoot}/stat to find the boot time.");
            }

            return ProcParsers.ParseBootTime(buffer, n);
        }

        private string PidPath(int processId, string file) =>
            _procRoot + "/" + processId.ToString(CultureInfo.InvariantCulture) + "/" + file;

        /// <summary>
        /// "ROOT/PID/FILE" as NUL-terminated UTF-8 in a per-thread buffer, valid until the next call on this thread:
        /// the per-process reads then allocate nothing.
        /// </summary>
        [MethodImpl(CompilerHints.AggressiveOptimization)]
        private byte[] PidPathBytes(int processId, byte[] fileName)
        {
            byte[] root = _procRootBytes;
            byte[]? path = t_path;
            int needed = root.Length + 11 + fileName.Length + 1;
            if (path is null || path.Length < needed)
            {
                path = t_path = new byte[Math.Max(needed, 256)];
            }

            Array.Copy(root, path, root.Length);
            int at = root.Length;

            // A negative pid (a user's -Id) keeps its sign, so it names no file, as it did as a string.
            long value = processId;
            if (value < 0)
            {
                path[at++] = (byte)'-';
                value = -value;
            }

            int digits = 1;
            for (long rest = value / 10; rest != 0; rest /= 10)
            {
                digits++;
            }

            for (int i = at + digits - 1; i >= at; i--)
            {
                path[i] = (byte)('0' + (int)(value % 10));
                value /= 10;
            }

            at += digits;
            Array.Copy(fileName, 0, path, at, fileName.Length);
            path[at + fileName.Length] = 0;
            return path;
        }

        private static byte[] Buffer() => t_buffer ??= new byte[4096];
    }
}
