using System;
using System.Collections.Generic;
using System.Linq;

namespace GoEnvTools.Tests.Support
{
    /// <summary>
    /// An in-memory process table. Processes, environments and start tokens are set by the test; hooks let a
    /// test change the table in the middle of a read, the way a real process can exit or be replaced.
    /// </summary>
    internal sealed class FakeProcessProvider : IProcessProvider, IProcessCrossCheck
    {
        private readonly Dictionary<int, ProcessInfo> _processes = new Dictionary<int, ProcessInfo>();
        private readonly Dictionary<int, EnvironmentRead> _environments = new Dictionary<int, EnvironmentRead>();
        private readonly Dictionary<int, long?> _startTokens = new Dictionary<int, long?>();
        private readonly Dictionary<int, string> _tableNames = new Dictionary<int, string>();

        public bool EnvironmentIgnoresCase { get; set; }

        public int? CurrentUserId { get; set; } = 1000;

        public string? CurrentUserName { get; set; } = "gopher";

        /// <summary>Paths that <see cref="IsExecutableFile"/> accepts.</summary>
        public HashSet<string> ExecutableFiles { get; } = new HashSet<string>(StringComparer.Ordinal);

        /// <summary>Every path <see cref="IsExecutableFile"/> was asked about, in order.</summary>
        public List<string> ExecutableProbes { get; } = new List<string>();

        /// <summary>Runs after GetProcess has taken its answer for a pid.</summary>
        public Action<int>? AfterGetProcess { get; set; }

        /// <summary>Runs after GetEnvironment has taken its answer for a pid.</summary>
        public Action<int>? AfterGetEnvironment { get; set; }

        public ProcessInfo Add(
            int processId,
            int parentProcessId,
            string name,
            string? executablePath = null,
            string[]? commandLine = null,
            int? userId = 1000,
            params string[] environment)
        {
            var info = new ProcessInfo
            {
                ProcessId = processId,
                ParentProcessId = parentProcessId,
                Name = name,
                ExecutablePath = executablePath,
                CommandLine = commandLine ?? (executablePath is null ? Array.Empty<string>() : new[] { executablePath }),
                UserId = userId,
                UserName = userId is null ? null : "user" + userId.Value,
                StartTime = new DateTime(2024, 5, 1, 12, 0, 0, DateTimeKind.Utc).AddSeconds(processId),
            };
            _processes[processId] = info;
            _environments[processId] = EnvironmentRead.Success(Entries(environment));
            _startTokens[processId] = 1_000_000L + processId;
            return info;
        }

        /// <summary>A pid the table lists by name but that is gone when its details are read.</summary>
        public void AddVanishing(int processId, string name)
        {
            _tableNames[processId] = name;
        }

        public void Remove(int processId)
        {
            _processes.Remove(processId);
            _environments.Remove(processId);
            _startTokens.Remove(processId);
            _tableNames.Remove(processId);
        }

        public void SetEnvironment(int processId, EnvironmentRead read) => _environments[processId] = read;

        public void SetStartToken(int processId, long? token) => _startTokens[processId] = token;

        /// <summary>The name the table lists, when it differs from the full name (Linux cuts comm at 15 bytes).</summary>
        public void SetTableName(int processId, string name) => _tableNames[processId] = name;

        /// <summary>Entries from NAME=VALUE strings; a string without '=' becomes an entry without a value.</summary>
        public static EnvironmentEntry[] Entries(params string[] pairs) =>
            pairs.Select(p =>
            {
                int eq = p.IndexOf('=', StringComparison.Ordinal);
                return eq < 0 ? new EnvironmentEntry(p, null) : new EnvironmentEntry(p.Substring(0, eq), p.Substring(eq + 1));
            }).ToArray();

        public IReadOnlyList<int> GetProcessIds() => _processes.Keys.Union(_tableNames.Keys).ToList();

        public string? GetProcessName(int processId)
        {
            if (_tableNames.TryGetValue(processId, out string? name))
            {
                return name;
            }

            return _processes.TryGetValue(processId, out ProcessInfo? info) ? info.Name : null;
        }

        public ProcessInfo? GetProcess(int processId)
        {
            ProcessInfo? copy = null;
            if (_processes.TryGetValue(processId, out ProcessInfo? info))
            {
                // A fresh object per call, as a real provider returns.
                copy = new ProcessInfo();
                info.CopyTo(copy);
            }

            AfterGetProcess?.Invoke(processId);
            return copy;
        }

        public EnvironmentRead GetEnvironment(int processId)
        {
            EnvironmentRead read = _environments.TryGetValue(processId, out EnvironmentRead? found)
                ? found
                : EnvironmentRead.Failure(EnvironmentStatus.Exited, $"Process {processId} has exited.");
            AfterGetEnvironment?.Invoke(processId);
            return read;
        }

        public long? GetStartToken(int processId) =>
            _processes.ContainsKey(processId) && _startTokens.TryGetValue(processId, out long? token) ? token : null;

        /// <summary>What a second source says about a process; null (the default) agrees with everything.</summary>
        public Func<int, ProcessInfo, string?>? SecondSource { get; set; }

        /// <summary>Every pid <see cref="CrossCheck"/> was asked about, in order.</summary>
        public List<int> CrossChecked { get; } = new List<int>();

        public string? CrossCheck(int processId, ProcessInfo info)
        {
            CrossChecked.Add(processId);
            return SecondSource?.Invoke(processId, info);
        }

        public bool IsExecutableFile(string path)
        {
            ExecutableProbes.Add(path);
            return ExecutableFiles.Contains(path);
        }
    }
}
