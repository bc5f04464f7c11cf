using System;

namespace GoEnvTools
{
    /// <summary>What the process table says about one process, without its environment.</summary>
    public class ProcessInfo
    {
        public int ProcessId { get; set; }
        public int ParentProcessId { get; set; }
        public string Name { get; set; } = string.Empty;
        public string? ExecutablePath { get; set; }
        public string[] CommandLine { get; set; } = Array.Empty<string>();
        public int? UserId { get; set; }
        public string? UserName { get; set; }
        public DateTime? StartTime { get; set; }
        public string? WorkingDirectory { get; set; }

        public override string ToString() => $"{Name} ({ProcessId})";

        internal void CopyTo(ProcessInfo target)
        {
            target.ProcessId = ProcessId;
            target.ParentProcessId = ParentProcessId;
            target.Name = Name;
            target.ExecutablePath = ExecutablePath;
            target.CommandLine = CommandLine;
            target.UserId = UserId;
            target.UserName = UserName;
            target.StartTime = StartTime;
            target.WorkingDirectory = WorkingDirectory;
        }
    }
}
