using System;

namespace GoEnvTools
{
    /// <summary>A gopls process as the process table alone describes it (no environment read).</summary>
    public sealed class GoplsSummary
    {
        public GoplsSummary(int processId, Editor editor, bool isRemote, string? workingDirectory, DateTime? startTime)
        {
            ProcessId = processId;
            Editor = editor;
            IsRemote = isRemote;
            WorkingDirectory = workingDirectory;
            StartTime = startTime;
        }

        public int ProcessId { get; }
        public Editor Editor { get; }
        public bool IsRemote { get; }
        public string? WorkingDirectory { get; }
        public DateTime? StartTime { get; }

        /// <summary>For example "gopls 4242: Visual Studio Code (remote), in /home/me/src/app".</summary>
        public string Describe()
        {
            string editor = Editor == Editor.None ? "no editor" : EditorProducts.DisplayName(Editor);
            string remote = IsRemote ? " (remote)" : string.Empty;
            string where = WorkingDirectory is null ? string.Empty : ", in " + WorkingDirectory;
            return $"gopls {ProcessId}: {editor}{remote}{where}";
        }
    }
}
