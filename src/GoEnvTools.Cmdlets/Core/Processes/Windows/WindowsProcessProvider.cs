using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Threading;

namespace GoEnvTools.Windows
{
    /// <summary>
    /// The process table from a toolhelp snapshot, details from the process and its token, the command line,
    /// current directory and environment from the process's PEB, and CIM's Win32_Process where the PEB is closed.
    /// </summary>
    public sealed class WindowsProcessProvider : IProcessProvider, IProcessCrossCheck
    {
        // A snapshot answers the name and parent questions of one search; a newer question takes a new one.
        private static readonly TimeSpan s_snapshotLifetime = TimeSpan.FromSeconds(1);

        private readonly Func<ICimProcessSource?> _cimFactory;
        private readonly Lazy<string?> _currentUserName;
        private ICimProcessSource? _cim;
        private bool _cimFailed;
        private Snapshot? _snapshot;

        public WindowsProcessProvider()
            : this(CreateCimSource)
        {
        }

        /// <param name="cimFactory">Creates the CIM source on first need; returns null where there is none.</param>
        public WindowsProcessProvider(Func<ICimProcessSource?> cimFactory)
        {
            _cimFactory = cimFactory;
            _currentUserName = new Lazy<string?>(() => WindowsNative.OwnerOf(WindowsNative.GetCurrentProcess()));
        }

        public bool EnvironmentIgnoresCase => true;

        public int? CurrentUserId => null;

        public string? CurrentUserName => _currentUserName.Value;

        public IReadOnlyList<int> GetProcessIds()
        {
            Snapshot snapshot = TakeSnapshot();
            return new List<int>(snapshot.Entries.Keys);
        }

        public string? GetProcessName(int processId) => Find(processId)?.Name;

        public long? GetStartToken(int processId)
        {
            if (Find(processId) is null)
            {
                return null;
            }

            using Handle process = Handle.Open(processId, WindowsNative.PROCESS_QUERY_LIMITED_INFORMATION, out int error);
            if (process.IsInvalid)
            {
                // Listed but closed to us (the System process): the id alone identifies it for the moment.
                return error == WindowsNative.ERROR_INVALID_PARAMETER ? (long?)null : 0L;
            }

            if (HasExited(process.Value))
            {
                return null;
            }

            return WindowsNative.GetProcessTimes(process.Value, out long creation, out _, out _, out _) ? creation : 0L;
        }

        public ProcessInfo? GetProcess(int processId)
        {
            SnapshotEntry? entry = Find(processId);
            if (entry is null)
            {
                return null;
            }

            var info = new ProcessInfo
            {
                ProcessId = processId,
                ParentProcessId = entry.ParentProcessId,
                Name = entry.Name,
            };

            using (Handle process = Handle.Open(processId, WindowsNative.PROCESS_QUERY_LIMITED_INFORMATION, out _))
            {
                if (!process.IsInvalid)
                {
                    // Ended, but kept in the table while someone still holds a handle to it.
                    if (HasExited(process.Value))
                    {
                        return null;
                    }

                    if (WindowsNative.GetProcessTimes(process.Value, out long creation, out _, out _, out _) && creation > 0)
                    {
                        info.StartTime = DateTime.FromFileTimeUtc(creation).ToLocalTime();
                        info.ParentProcessId = ParentOrZero(entry.ParentProcessId, creation, CreationTime(entry.ParentProcessId));
                    }

                    info.ExecutablePath = WindowsNative.ImagePath(process.Value);
                    info.UserName = WindowsNative.OwnerOf(process.Value);
                }
            }

            PebReadResult peb = ReadPeb(processId, out _);
            if (peb.Contents is PebContents contents)
            {
                info.CommandLine = WindowsCommandLine.Split(contents.CommandLine);
                info.WorkingDirectory = contents.CurrentDirectory;
                info.ExecutablePath ??= contents.ImagePath;
            }
            else if (Cim()?.Query(processId) is ProcessInfo fromCim)
            {
                info.CommandLine = fromCim.CommandLine;
                info.ExecutablePath ??= fromCim.ExecutablePath;
                info.UserName ??= fromCim.UserName;
                info.StartTime ??= fromCim.StartTime;
            }

            return info;
        }

        public EnvironmentRead GetEnvironment(int processId)
        {
            PebReadResult peb = ReadPeb(processId, out EnvironmentStatus? status);
            return ToEnvironmentRead(processId, peb, status);
        }

        /// <summary>
        /// What a PEB walk means for the caller: the parsed environment, or the status and message of a failure
        /// (<paramref name="failure"/> as found: Exited for a process that ended, NotSupported for a 64-bit process
        /// seen from a 32-bit one, otherwise AccessDenied, which is also where ERROR_PARTIAL_COPY ends after its retries).
        /// </summary>
        public static EnvironmentRead ToEnvironmentRead(int processId, PebReadResult peb, EnvironmentStatus? failure)
        {
            if (peb.Contents is PebContents contents)
            {
                return EnvironmentRead.Success(WindowsEnvironmentBlock.Parse(contents.Environment, contents.Environment.Length));
            }

            string id = processId.ToString(CultureInfo.InvariantCulture);
            switch (failure)
            {
                case EnvironmentStatus.Exited:
                    return EnvironmentRead.Failure(EnvironmentStatus.Exited, $"Process {id} has exited.");
                case EnvironmentStatus.NotSupported:
                    return EnvironmentRead.Failure(EnvironmentStatus.NotSupported,
                        $"Process {id} is a 64-bit process and this PowerShell is 32-bit: run a 64-bit PowerShell to read its environment.");
                default:
                    string error = peb.Error.ToString(CultureInfo.InvariantCulture);
                    return EnvironmentRead.Failure(EnvironmentStatus.AccessDenied, peb.Error switch
                    {
                        WindowsNative.ERROR_ACCESS_DENIED =>
                            $"Access to process {id} was denied: it belongs to another user, runs elevated or is protected. An elevated PowerShell can read the processes of other users.",
                        PebReader.ErrorPartialCopy =>
                            $"The memory of process {id} could not be read at {peb.FailedAt ?? "the PEB"} (Win32 error {error}, ERROR_PARTIAL_COPY) after several attempts: the process may be starting, or protected. Try again.",
                        _ => $"Reading the environment of process {id} failed at {peb.FailedAt ?? "OpenProcess"} with Win32 error {error}.",
                    });
            }
        }

        public bool IsExecutableFile(string path) => File.Exists(path);

        /// <summary>
        /// Windows keeps the id of a parent that has exited, and may give that id to a later process: a "parent"
        /// created after the child is not its parent, and the child is then reported with parent 0 (none).
        /// </summary>
        public static int ParentOrZero(int parentProcessId, long childCreation, long? parentCreation) =>
            parentCreation is long parent && parent > childCreation ? 0 : parentProcessId;

        private static long? CreationTime(int processId)
        {
            if (processId <= 0)
            {
                return null;
            }

            using Handle process = Handle.Open(processId, WindowsNative.PROCESS_QUERY_LIMITED_INFORMATION, out _);
            return !process.IsInvalid && WindowsNative.GetProcessTimes(process.Value, out long creation, out _, out _, out _) ? creation : (long?)null;
        }

        /// <summary>
        /// The process parameters as the PEB holds them: the command line as one string, the current directory, the
        /// environment block's bytes and its recorded size. Null when the PEB cannot be read.
        /// </summary>
        public PebContents? ReadParameters(int processId) => ReadPeb(processId, out _).Contents;

        /// <summary>The PEB of the process, and when it could not be read, the status that says why.</summary>
        private static PebReadResult ReadPeb(int processId, out EnvironmentStatus? status)
        {
            status = null;
            using Handle process = Handle.Open(processId, WindowsNative.PROCESS_QUERY_LIMITED_INFORMATION | WindowsNative.PROCESS_VM_READ, out int error);
            if (process.IsInvalid)
            {
                status = error == WindowsNative.ERROR_INVALID_PARAMETER ? EnvironmentStatus.Exited : EnvironmentStatus.AccessDenied;
                return new PebReadResult(null, error, "OpenProcess");
            }

            if (!PebAddress(process.Value, out ulong peb, out PebLayout? layout))
            {
                status = layout is null ? EnvironmentStatus.NotSupported : EnvironmentStatus.AccessDenied;
                return new PebReadResult(null, WindowsNative.ERROR_ACCESS_DENIED, "NtQueryInformationProcess");
            }

            PebReadResult result = PebReader.Read(new WindowsProcessMemory(process.Value), peb, layout!);
            if (result.Contents is null)
            {
                status = HasExited(process.Value) ? EnvironmentStatus.Exited : EnvironmentStatus.AccessDenied;
            }

            return result;
        }

        /// <summary>
        /// The PEB to read and its layout: the 32-bit PEB of a WOW64 process, else the native one. False with a null
        /// layout when a 32-bit caller meets a 64-bit process, whose PEB lies beyond its reach.
        /// </summary>
        private static unsafe bool PebAddress(IntPtr process, out ulong peb, out PebLayout? layout)
        {
            peb = 0;
            layout = IntPtr.Size == 8 ? PebLayout.X64 : PebLayout.X86;
            IntPtr wow64;
            if (NtSuccess(WindowsNative.NtQueryInformationProcess(process, WindowsNative.ProcessWow64Information, &wow64, (uint)IntPtr.Size, out _)) && wow64 != IntPtr.Zero)
            {
                peb = unchecked((ulong)wow64.ToInt64());
                layout = PebLayout.X86;
                return true;
            }

            if (IntPtr.Size == 4 && IsWow64Self.Value)
            {
                // This is a 32-bit process on 64-bit Windows, and the target is not a WOW64 process: it is 64-bit.
                layout = null;
                return false;
            }

            WindowsNative.ProcessBasicInfo basic;
            if (!NtSuccess(WindowsNative.NtQueryInformationProcess(process, WindowsNative.ProcessBasicInformation, &basic, (uint)sizeof(WindowsNative.ProcessBasicInfo), out _)))
            {
                return false;
            }

            peb = unchecked((ulong)basic.PebBaseAddress.ToInt64());
            return peb != 0;
        }

        private static readonly Lazy<bool> IsWow64Self = new Lazy<bool>(IsCurrentProcessWow64);

        private static unsafe bool IsCurrentProcessWow64()
        {
            IntPtr wow64;
            return NtSuccess(WindowsNative.NtQueryInformationProcess(WindowsNative.GetCurrentProcess(), WindowsNative.ProcessWow64Information, &wow64, (uint)IntPtr.Size, out _)) && wow64 != IntPtr.Zero;
        }

        private static bool NtSuccess(int status) => status >= 0;

        private static bool HasExited(IntPtr process) =>
            WindowsNative.GetExitCodeProcess(process, out uint code) && code != WindowsNative.STILL_ACTIVE;

        public string? CrossCheck(int processId, ProcessInfo info)
        {
            // Only a read from the PEB is worth checking: details that came from CIM would be compared with themselves.
            if (ReadPeb(processId, out _).Contents is null)
            {
                return null;
            }

            ICimProcessSource? cim = Cim();
            return cim is null
                ? "Win32_Process cannot be queried on this system, so nothing was compared."
                : CimCrossCheck.Compare(info, cim.Query(processId));
        }

        private ICimProcessSource? Cim()
        {
            if (_cim is null && !_cimFailed)
            {
                try
                {
                    _cim = _cimFactory();
                }
                catch (Exception ex) when (ex is FileNotFoundException || ex is FileLoadException || ex is TypeLoadException || ex is COMException || ex is DllNotFoundException)
                {
                    // No CIM here (Wine, or a stripped-down system): the PEB stays the only source.
                }

                _cimFailed = _cim is null;
            }

            return _cim;
        }

        // Kept out of line so that the Microsoft.Management.Infrastructure types are resolved only when it runs.
        [MethodImpl(MethodImplOptions.NoInlining)]
        private static ICimProcessSource? CreateCimSource() => new CimProcessSource();

        private SnapshotEntry? Find(int processId)
        {
            Snapshot? snapshot = Volatile.Read(ref _snapshot);
            if (snapshot is null || DateTime.UtcNow - snapshot.TakenAt > s_snapshotLifetime || !snapshot.Entries.ContainsKey(processId))
            {
                snapshot = TakeSnapshot();
            }

            return snapshot.Entries.TryGetValue(processId, out SnapshotEntry? entry) ? entry : null;
        }

        private Snapshot TakeSnapshot()
        {
            var entries = new Dictionary<int, SnapshotEntry>(512);
            IntPtr handle = WindowsNative.CreateToolhelp32Snapshot(WindowsNative.TH32CS_SNAPPROCESS, 0);
            if (handle == WindowsNative.InvalidHandle)
            {
                throw new IOException($"CreateToolhelp32Snapshot failed with Win32 error {Marshal.GetLastWin32Error().ToString(CultureInfo.InvariantCulture)}.");
            }

            try
            {
                var entry = new WindowsNative.ProcessEntry32 { dwSize = (uint)Marshal.SizeOf<WindowsNative.ProcessEntry32>() };
                for (bool more = WindowsNative.Process32FirstW(handle, ref entry); more; more = WindowsNative.Process32NextW(handle, ref entry))
                {
                    int pid = unchecked((int)entry.th32ProcessID);
                    entries[pid] = new SnapshotEntry(WindowsNative.EntryName(ref entry), unchecked((int)entry.th32ParentProcessID));
                }
            }
            finally
            {
                WindowsNative.CloseHandle(handle);
            }

            var snapshot = new Snapshot(entries, DateTime.UtcNow);
            Volatile.Write(ref _snapshot, snapshot);
            return snapshot;
        }

        private sealed class Snapshot
        {
            public Snapshot(Dictionary<int, SnapshotEntry> entries, DateTime takenAt)
            {
                Entries = entries;
                TakenAt = takenAt;
            }

            public Dictionary<int, SnapshotEntry> Entries { get; }

            public DateTime TakenAt { get; }
        }

        private sealed class SnapshotEntry
        {
            public SnapshotEntry(string name, int parentProcessId)
            {
                Name = name;
                ParentProcessId = parentProcessId;
            }

            public string Name { get; }

            public int ParentProcessId { get; }
        }

        /// <summary>A process handle that closes itself.</summary>
        private readonly struct Handle : IDisposable
        {
            private Handle(IntPtr value)
            {
                Value = value;
            }

            public IntPtr Value { get; }

            public bool IsInvalid => Value == IntPtr.Zero;

            public static Handle Open(int processId, uint access, out int error)
            {
                IntPtr value = WindowsNative.OpenProcess(access, false, unchecked((uint)processId));
                error = value == IntPtr.Zero ? Marshal.GetLastWin32Error() : 0;
                return new Handle(value);
            }

            public void Dispose()
            {
                if (Value != IntPtr.Zero)
                {
                    WindowsNative.CloseHandle(Value);
                }
            }
        }
    }
}
