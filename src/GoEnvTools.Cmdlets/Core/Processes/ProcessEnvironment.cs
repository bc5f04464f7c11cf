using System;
using System.Collections.Specialized;

namespace GoEnvTools
{
    /// <summary>A process and the environment it was started with.</summary>
    public class ProcessEnvironment : ProcessInfo
    {
        public EnvironmentStatus EnvironmentStatus { get; set; }

        /// <summary>
        /// Variables in the order the process holds them; null whenever the status is not Ok or Lossy,
        /// so an environment that could not be read never looks like an empty one.
        /// </summary>
        public OrderedDictionary? Environment { get; set; }

        /// <summary>Why the environment could not be read, when it could not.</summary>
        public string? EnvironmentError { get; set; }

        /// <summary>
        /// Where a second source disagrees with what was read (Windows: Win32_Process against the PEB), when a
        /// cross-check was asked for; null when it agrees or was not asked for.
        /// </summary>
        public string? CrossCheckWarning { get; set; }

        public string? GetVariable(string name)
        {
            if (Environment is null)
            {
                return null;
            }

            return Environment[name] as string;
        }
    }

    /// <summary>A gopls process, its environment, and where it came from.</summary>
    public sealed class GoplsEnvironment : ProcessEnvironment
    {
        /// <summary>Parent first, up to the editor's main process (or the root of the tree).</summary>
        public ProcessInfo[] Ancestors { get; set; } = Array.Empty<ProcessInfo>();
        public Editor Editor { get; set; } = Editor.None;
        public bool IsRemote { get; set; }
        public int? ExtensionHostProcessId { get; set; }

        /// <summary>The <c>go</c> that gopls's own PATH resolves to; null when none does.</summary>
        public string? GoBinary { get; set; }
        public string? GOROOT { get; set; }
        public string? GOPATH { get; set; }
        public string? GOFLAGS { get; set; }
        public string? GOPROXY { get; set; }
        public string? GOPRIVATE { get; set; }
        public string? GOTOOLCHAIN { get; set; }
        public string[] PathEntries { get; set; } = Array.Empty<string>();
    }
}
