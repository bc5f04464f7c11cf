using System;
using System.Collections.Generic;
using System.Linq;
using GoEnvTools.MacOS;

namespace GoEnvTools.Tests.Support
{
    /// <summary>
    /// The macOS system calls answered from fixtures: kinfo_proc records, KERN_PROCARGS2 buffers, paths and ps
    /// output that the test chooses. Nothing here calls the OS; no Mac runs these tests.
    /// </summary>
    internal sealed class FakeMacOSNative : IMacOSNative
    {
        public const int EPERM = 1;
        public const int EIO = 5;
        public const int EINVAL = 22;

        /// <summary>The records, by pid, in the order the table lists them.</summary>
        public List<(int Pid, byte[] Record)> Records { get; } = new List<(int, byte[])>();

        public uint Uid { get; set; } = 501;

        /// <summary>What kern.argmax answers (a negative errno for a failure).</summary>
        public int ArgumentMaxValue { get; set; } = 1024 * 1024;

        public int TableErrno { get; set; }

        public Dictionary<int, int> RecordErrno { get; } = new Dictionary<int, int>();

        public Dictionary<int, byte[]> Arguments { get; } = new Dictionary<int, byte[]>();

        public Dictionary<int, int> ArgumentsErrno { get; } = new Dictionary<int, int>();

        public Dictionary<int, string> Paths { get; } = new Dictionary<int, string>();

        public Dictionary<int, string> WorkingDirectories { get; } = new Dictionary<int, string>();

        public Dictionary<uint, string> Users { get; } = new Dictionary<uint, string> { [0] = "root", [501] = "gopher" };

        /// <summary>ps output by its arguments joined with spaces; a missing key is a ps that failed.</summary>
        public Dictionary<string, string> PsOutputs { get; } = new Dictionary<string, string>(StringComparer.Ordinal);

        public List<string> PsCalls { get; } = new List<string>();

        public List<int> ArgumentReads { get; } = new List<int>();

        public int LastArgumentBufferSize { get; private set; }

        /// <summary>Runs after a KERN_PROCARGS2 read, the way a process may exit or be replaced meanwhile.</summary>
        public Action<int>? AfterReadArguments { get; set; }

        /// <summary>A fake holding every record of Fixtures/macos/kinfo_proc-table.bin.</summary>
        public static FakeMacOSNative FromFixtureTable()
        {
            var native = new FakeMacOSNative();
            byte[] table = FixtureFiles.Read("macos/kinfo_proc-table.bin");
            for (int at = 0; at < table.Length; at += KinfoProcLayout.Size)
            {
                byte[] record = new byte[KinfoProcLayout.Size];
                Array.Copy(table, at, record, 0, record.Length);
                native.Records.Add((BitConverter.ToInt32(record, KinfoProcLayout.ProcessId), record));
            }

            return native;
        }

        public void Remove(int pid) => Records.RemoveAll(r => r.Pid == pid);

        /// <summary>Gives the process a new start time, as a new process that took its id would have.</summary>
        public void Restart(int pid, long startSeconds)
        {
            byte[] record = Records.Single(r => r.Pid == pid).Record;
            BitConverter.GetBytes(startSeconds).CopyTo(record, KinfoProcLayout.StartSeconds);
        }

        public uint GetUid() => Uid;

        public int ArgumentMax() => ArgumentMaxValue;

        public int ReadProcessTable(out byte[] data, out int length)
        {
            data = Records.SelectMany(r => r.Record).ToArray();
            length = TableErrno == 0 ? data.Length : 0;
            return TableErrno;
        }

        public int ReadProcess(int processId, byte[] buffer, out int length)
        {
            length = 0;
            if (RecordErrno.TryGetValue(processId, out int errno))
            {
                return errno;
            }

            foreach ((int pid, byte[] record) in Records)
            {
                if (pid == processId)
                {
                    Array.Copy(record, buffer, record.Length);
                    length = record.Length;
                }
            }

            return 0;
        }

        public int ReadProcessArguments(int processId, byte[] buffer, out int length)
        {
            ArgumentReads.Add(processId);
            LastArgumentBufferSize = buffer.Length;
            length = 0;
            int errno = EINVAL;
            if (ArgumentsErrno.TryGetValue(processId, out int chosen))
            {
                errno = chosen;
            }
            else if (Arguments.TryGetValue(processId, out byte[]? data))
            {
                int n = Math.Min(data.Length, buffer.Length);
                Array.Copy(data, buffer, n);
                length = n;
                errno = 0;
            }

            AfterReadArguments?.Invoke(processId);
            return errno;
        }

        public string? ExecutablePath(int processId) => Paths.TryGetValue(processId, out string? path) ? path : null;

        public string? WorkingDirectory(int processId) => WorkingDirectories.TryGetValue(processId, out string? path) ? path : null;

        public string? UserNameOf(uint userId) => Users.TryGetValue(userId, out string? name) ? name : null;

        public bool IsExecutableFile(string path) => false;

        public string? RunPs(IReadOnlyList<string> arguments)
        {
            string key = string.Join(" ", arguments);
            PsCalls.Add(key);
            return PsOutputs.TryGetValue(key, out string? output) ? output : null;
        }
    }
}
