using System;
using System.Collections.Generic;
using System.Runtime.CompilerServices;

namespace GoEnvTools
{
    /// <summary>How a read of one process ended.</summary>
    public enum ProcessReadOutcome
    {
        Found,
        NotFound,
        ExitedDuringRead,
    }

    /// <summary>Reads processes, their environments and gopls's context through one provider.</summary>
    public sealed class ProcessInspector
    {
        private const int MaxAncestors = 64;
        private const string GoplsName = "gopls";

        // Linux's comm and stat hold at most 15 bytes of a name (TASK_COMM_LEN - 1).
        private const int CutNameLength = 15;

        private readonly IProcessProvider _provider;

        public ProcessInspector(IProcessProvider provider)
        {
            _provider = provider;
        }

        public IProcessProvider Provider => _provider;

        /// <summary>Keep the <c>=C:</c>-style entries of a Windows environment (hidden by default).</summary>
        public bool IncludeDriveVariables { get; set; }

        /// <summary>Read each process a second way where the provider can (CIM on Windows) and note disagreements; slow.</summary>
        public bool CrossCheck { get; set; }

        /// <summary>Ids of processes whose name matches; names cut by the OS are compared in full.</summary>
        public IEnumerable<int> FindByName(Func<string, bool> match) => FindByName(match, restoreCutNames: true);

        /// <param name="restoreCutNames">
        /// False when no name the OS cuts (at 15 bytes) can be the one sought, which spares a full read of every
        /// process with a 15-byte name.
        /// </param>
        private IEnumerable<int> FindByName(Func<string, bool> match, bool restoreCutNames)
        {
            // The loop over every process lives in NextMatch rather than in this iterator, so that it runs as
            // optimized code from the first search (see CompilerHints); matches are still yielded one at a time.
            IReadOnlyList<int> pids = _provider.GetProcessIds();
            for (int i = NextMatch(pids, 0, match, restoreCutNames); i < pids.Count; i = NextMatch(pids, i + 1, match, restoreCutNames))
            {
                yield return pids[i];
            }
        }

        /// <summary>The index of the first process from <paramref name="start"/> on whose name matches, or the count.</summary>
        [MethodImpl(CompilerHints.AggressiveOptimization)]
        private int NextMatch(IReadOnlyList<int> pids, int start, Func<string, bool> match, bool restoreCutNames)
        {
            for (int i = start; i < pids.Count; i++)
            {
                int pid = pids[i];
                string? name = _provider.GetProcessName(pid);
                if (name is null)
                {
                    continue;
                }

                if (match(name) || match(EditorDetector.StripExe(name)))
                {
                    return i;
                }

                if (restoreCutNames && name.Length == CutNameLength && _provider.GetProcess(pid) is ProcessInfo full && full.Name != name && match(full.Name))
                {
                    return i;
                }
            }

            return pids.Count;
        }

        /// <summary>Every gopls process of the current user.</summary>
        public IEnumerable<int> FindGopls()
        {
            // A restored name starts with the cut one, so it is at least 15 characters long and never "gopls" or
            // "gopls.exe": the cut names need not be restored. That matters on desktops, where many helpers
            // ("gsd-screensaver", "xdg-desktop-por", kworkers) have 15-byte names and each would cost a full read.
            foreach (int pid in FindByName(IsGoplsName, restoreCutNames: false))
            {
                // Where the calling user is unknown every gopls is listed, and no details need be read for it.
                if ((_provider.CurrentUserId is not null || _provider.CurrentUserName is not null) && !IsCurrentUsers(_provider.GetProcess(pid)))
                {
                    continue;
                }

                yield return pid;
            }
        }

        /// <summary>
        /// Every gopls process of the current user, read as <see cref="TryReadGopls"/> reads one: what
        /// <see cref="FindGopls"/> and <see cref="TryReadGopls"/> give together, for less reading. The details read
        /// for the user check serve the result too, and an ancestor that several gopls share (the editor and its
        /// helpers, the session, init) is read once and copied into each. Nothing read here outlives the search.
        /// </summary>
        public IEnumerable<(int ProcessId, ProcessReadOutcome Outcome, GoplsEnvironment? Result)> ReadGopls()
        {
            var ancestorsSeen = new Dictionary<int, ProcessInfo?>();
            foreach (int pid in FindByName(IsGoplsName, restoreCutNames: false))
            {
                // As Fill does: the token before the details, so details and environment are of one process.
                long? token = _provider.GetStartToken(pid);
                ProcessInfo? info = _provider.GetProcess(pid);

                // FindGopls's rule: skipped without a word when not the user's, or gone before the user was known.
                if (!IsCurrentUsers(info))
                {
                    continue;
                }

                if (info is null)
                {
                    yield return (pid, ProcessReadOutcome.NotFound, null);
                    continue;
                }

                var target = new GoplsEnvironment();
                ProcessReadOutcome outcome = Fill(pid, token, info, target);
                if (outcome == ProcessReadOutcome.Found)
                {
                    DescribeGopls(target, ancestorsSeen);
                }

                yield return (pid, outcome, outcome == ProcessReadOutcome.Found ? target : null);
            }
        }

        /// <summary>
        /// Whether a process belongs to the calling user: by user id where the OS has them (Linux, macOS), otherwise
        /// by the "DOMAIN\user" owner name, compared ignoring case as Windows does. A process whose owner could not
        /// be read is not taken as the user's (Windows hides the owner of other users' processes); where the calling
        /// user is not known at all, every process is kept, gone ones included.
        /// </summary>
        private bool IsCurrentUsers(ProcessInfo? info)
        {
            if (_provider.CurrentUserId is int uid)
            {
                return info is not null && info.UserId == uid;
            }

            if (_provider.CurrentUserName is string name)
            {
                return info?.UserName is string owner && string.Equals(owner, name, StringComparison.OrdinalIgnoreCase);
            }

            return true;
        }

        [MethodImpl(CompilerHints.AggressiveOptimization)]
        private static bool IsGoplsName(string name) =>
            string.Equals(EditorDetector.StripExe(name), GoplsName, StringComparison.OrdinalIgnoreCase);

        public ProcessReadOutcome TryRead(int processId, out ProcessEnvironment? result)
        {
            var target = new ProcessEnvironment();
            ProcessReadOutcome outcome = Fill(processId, target);
            result = outcome == ProcessReadOutcome.Found ? target : null;
            return outcome;
        }

        public ProcessReadOutcome TryReadGopls(int processId, out GoplsEnvironment? result)
        {
            result = null;
            var target = new GoplsEnvironment();
            ProcessReadOutcome outcome = Fill(processId, target);
            if (outcome != ProcessReadOutcome.Found)
            {
                return outcome;
            }

            DescribeGopls(target, ancestorsSeen: null);
            result = target;
            return outcome;
        }

        private ProcessReadOutcome Fill(int processId, ProcessEnvironment target)
        {
            // The token is taken before the details, so details and environment of two processes that shared the id are never mixed.
            long? token = _provider.GetStartToken(processId);
            ProcessInfo? info = _provider.GetProcess(processId);
            if (info is null)
            {
                return ProcessReadOutcome.NotFound;
            }

            return Fill(processId, token, info, target);
        }

        /// <summary>Adds the environment to details read after <paramref name="token"/> was taken.</summary>
        private ProcessReadOutcome Fill(int processId, long? token, ProcessInfo info, ProcessEnvironment target)
        {
            EnvironmentRead read = _provider.GetEnvironment(processId);
            long? tokenAfter = _provider.GetStartToken(processId);
            if (tokenAfter is null || tokenAfter != token)
            {
                return ProcessReadOutcome.ExitedDuringRead;
            }

            info.CopyTo(target);
            if (CrossCheck && _provider is IProcessCrossCheck second)
            {
                target.CrossCheckWarning = second.CrossCheck(processId, info);
            }

            target.EnvironmentStatus = read.Status;
            target.EnvironmentError = read.Error;
            target.Environment = read.Entries is null ? null : EnvironmentBlock.ToDictionary(read.Entries, _provider.EnvironmentIgnoresCase, IncludeDriveVariables);
            return ProcessReadOutcome.Found;
        }

        /// <param name="ancestorsSeen">Ancestors already read in this search, to reuse; null to read each.</param>
        private void DescribeGopls(GoplsEnvironment gopls, Dictionary<int, ProcessInfo?>? ancestorsSeen)
        {
            bool windows = _provider.EnvironmentIgnoresCase;
            gopls.GOROOT = gopls.GetVariable("GOROOT");
            gopls.GOPATH = gopls.GetVariable("GOPATH");
            gopls.GOFLAGS = gopls.GetVariable("GOFLAGS");
            gopls.GOPROXY = gopls.GetVariable("GOPROXY");
            gopls.GOPRIVATE = gopls.GetVariable("GOPRIVATE");
            gopls.GOTOOLCHAIN = gopls.GetVariable("GOTOOLCHAIN");
            gopls.PathEntries = PathLookup.Split(gopls.GetVariable("PATH"), windows);
            if (gopls.Environment is not null)
            {
                gopls.GoBinary = PathLookup.Find("go", gopls.PathEntries, windows, _provider.IsExecutableFile, gopls.GetVariable("PATHEXT"));
            }

            Ancestry ancestry = TraceAncestry(gopls, ancestorsSeen, findExtensionHost: true);
            gopls.Ancestors = ancestry.Ancestors;
            gopls.Editor = ancestry.Editor;
            gopls.IsRemote = ancestry.IsRemote;
            gopls.ExtensionHostProcessId = ancestry.ExtensionHostProcessId;
        }

        /// <summary>
        /// The current user's gopls processes with their editor, read from the process table only (no environment):
        /// cheap enough for argument completion.
        /// </summary>
        public IEnumerable<GoplsSummary> SummarizeGopls()
        {
            var ancestorsSeen = new Dictionary<int, ProcessInfo?>();
            foreach (int pid in FindByName(IsGoplsName, restoreCutNames: false))
            {
                ProcessInfo? info = _provider.GetProcess(pid);
                if (info is null || !IsCurrentUsers(info))
                {
                    continue;
                }

                Ancestry ancestry = TraceAncestry(info, ancestorsSeen, findExtensionHost: false);
                yield return new GoplsSummary(pid, ancestry.Editor, ancestry.IsRemote, info.WorkingDirectory, info.StartTime);
            }
        }

        private sealed class Ancestry
        {
            public ProcessInfo[] Ancestors { get; set; } = Array.Empty<ProcessInfo>();
            public Editor Editor { get; set; } = Editor.None;
            public bool IsRemote { get; set; }
            public int? ExtensionHostProcessId { get; set; }
        }

        /// <summary>
        /// Walks from the parent of <paramref name="process"/> up to the editor's main process (or the root), and
        /// says which editor it is.
        /// </summary>
        private Ancestry TraceAncestry(ProcessInfo process, Dictionary<int, ProcessInfo?>? ancestorsSeen, bool findExtensionHost)
        {
            var result = new Ancestry();
            var ancestors = new List<ProcessInfo>();
            var seen = new HashSet<int> { process.ProcessId };
            int parent = process.ParentProcessId;
            int topEditorIndex = -1;
            while (parent > 0 && ancestors.Count < MaxAncestors && seen.Add(parent))
            {
                ProcessInfo? p = ReadAncestor(parent, ancestorsSeen);
                if (p is null)
                {
                    break;
                }

                ancestors.Add(p);
                if (EditorDetector.Classify(p) is EditorMatch match)
                {
                    // The nearest editor-family ancestor decides; a remote server anywhere marks it remote.
                    if (result.Editor == Editor.None)
                    {
                        result.Editor = match.Editor;
                    }

                    result.IsRemote |= match.IsRemote;
                    if (match.Editor == result.Editor)
                    {
                        topEditorIndex = ancestors.Count - 1;
                    }

                    if (findExtensionHost && result.ExtensionHostProcessId is null && match.Editor != Editor.Other && IsExtensionHost(p))
                    {
                        result.ExtensionHostProcessId = p.ProcessId;
                    }
                }
                else if (topEditorIndex >= 0)
                {
                    // Past the editor's main process: the rest is the desktop session, not the editor.
                    break;
                }

                parent = p.ParentProcessId;
            }

            if (topEditorIndex >= 0 && topEditorIndex < ancestors.Count - 1)
            {
                ancestors.RemoveRange(topEditorIndex + 1, ancestors.Count - topEditorIndex - 1);
            }

            result.Ancestors = ancestors.ToArray();
            return result;
        }

        private ProcessInfo? ReadAncestor(int processId, Dictionary<int, ProcessInfo?>? ancestorsSeen)
        {
            if (ancestorsSeen is null)
            {
                return _provider.GetProcess(processId);
            }

            if (!ancestorsSeen.TryGetValue(processId, out ProcessInfo? read))
            {
                read = _provider.GetProcess(processId);
                ancestorsSeen[processId] = read;
            }

            if (read is null)
            {
                return null;
            }

            // Each result gets its own object, as if it had read the process itself.
            var copy = new ProcessInfo();
            read.CopyTo(copy);
            return copy;
        }

        private bool IsExtensionHost(ProcessInfo process)
        {
            if (EditorDetector.LooksLikeExtensionHost(process))
            {
                return true;
            }

            EnvironmentRead read = _provider.GetEnvironment(process.ProcessId);
            if (read.Entries is null)
            {
                return false;
            }

            foreach (EnvironmentEntry entry in read.Entries)
            {
                if (entry.Name == "VSCODE_CRASH_REPORTER_PROCESS_TYPE")
                {
                    return EditorDetector.IsExtensionHostEnvironment(entry.Value);
                }
            }

            return false;
        }
    }
}
