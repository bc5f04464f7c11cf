using System;
using System.Collections.Generic;

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

        private readonly IProcessProvider _provider;

        public ProcessInspector(IProcessProvider provider)
        {
            _provider = provider;
        }

        public IProcessProvider Provider => _provider;

        /// <summary>Ids of processes whose name matches; names cut by the OS are compared in full.</summary>
        public IEnumerable<int> FindByName(Func<string, bool> match)
        {
            foreach (int pid in _provider.GetProcessIds())
            {
                string? name = _provider.GetProcessName(pid);
                if (name is null)
                {
                    continue;
                }

                if (match(name) || match(EditorDetector.StripExe(name)))
                {
                    yield return pid;
                }
                else if (name.Length == 15 && _provider.GetProcess(pid) is ProcessInfo full && full.Name != name && match(full.Name))
                {
                    yield return pid;
                }
            }
        }

        /// <summary>Every gopls process of the current user.</summary>
        public IEnumerable<int> FindGopls()
        {
            foreach (int pid in FindByName(n => string.Equals(EditorDetector.StripExe(n), GoplsName, StringComparison.OrdinalIgnoreCase)))
            {
                if (_provider.CurrentUserId is int uid)
                {
                    ProcessInfo? info = _provider.GetProcess(pid);
                    if (info is null || info.UserId != uid)
                    {
                        continue;
                    }
                }

                yield return pid;
            }
        }

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

            DescribeGopls(target);
            result = target;
            return outcome;
        }

        private ProcessReadOutcome Fill(int processId, ProcessEnvironment target)
        {
            ProcessInfo? info = _provider.GetProcess(processId);
            if (info is null)
            {
                return ProcessReadOutcome.NotFound;
            }

            long? token = _provider.GetStartToken(processId);
            EnvironmentRead read = _provider.GetEnvironment(processId);
            long? tokenAfter = _provider.GetStartToken(processId);
            if (tokenAfter is null || tokenAfter != token)
            {
                return ProcessReadOutcome.ExitedDuringRead;
            }

            info.CopyTo(target);
            target.EnvironmentStatus = read.Status;
            target.EnvironmentError = read.Error;
            target.Environment = read.Entries is null ? null : EnvironmentBlock.ToDictionary(read.Entries, _provider.EnvironmentIgnoresCase);
            return ProcessReadOutcome.Found;
        }

        private void DescribeGopls(GoplsEnvironment gopls)
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

            var ancestors = new List<ProcessInfo>();
            var seen = new HashSet<int> { gopls.ProcessId };
            int parent = gopls.ParentProcessId;
            int topEditorIndex = -1;
            while (parent > 0 && ancestors.Count < MaxAncestors && seen.Add(parent))
            {
                ProcessInfo? p = _provider.GetProcess(parent);
                if (p is null)
                {
                    break;
                }

                ancestors.Add(p);
                if (EditorDetector.Classify(p) is EditorMatch match)
                {
                    // The nearest editor-family ancestor decides; a remote server anywhere marks it remote.
                    if (gopls.Editor == Editor.None)
                    {
                        gopls.Editor = match.Editor;
                    }

                    gopls.IsRemote |= match.IsRemote;
                    if (match.Editor == gopls.Editor)
                    {
                        topEditorIndex = ancestors.Count - 1;
                    }

                    if (gopls.ExtensionHostProcessId is null && match.Editor != Editor.Other && IsExtensionHost(p))
                    {
                        gopls.ExtensionHostProcessId = p.ProcessId;
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

            gopls.Ancestors = ancestors.ToArray();
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
