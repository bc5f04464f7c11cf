using System;
using System.Collections.Generic;
using System.Collections.Specialized;

namespace GoEnvTools
{
    /// <summary>One running gopls and what was read about it.</summary>
    public sealed class GoplsEvidence
    {
        public GoplsEvidence(GoplsEnvironment process)
        {
            Process = process;
        }

        public GoplsEnvironment Process { get; }

        /// <summary>The extension host's environment as it was exec'd: before vscode-go filled in GOPATH, GOPROXY and the rest.</summary>
        public OrderedDictionary? ExtensionHostEnvironment { get; set; }

        /// <summary>go env -json run with gopls's environment in its workspace folder, as gopls runs it.</summary>
        public GoEnvResult? GoEnv { get; set; }

        public string? GoEnvError { get; set; }

        /// <summary>The go gopls's PATH finds, with symbolic links resolved (to tell two paths of one go apart from two gos).</summary>
        public string? GoBinaryRealPath { get; set; }
    }

    /// <summary>The login shell (or the interactive non-login shell) as VS Code would start it, and how that went.</summary>
    public sealed class ShellEvidence
    {
        public string? Shell { get; set; }

        public GoEnvSnapshot? Snapshot { get; set; }

        public bool TimedOut { get; set; }

        /// <summary>Why no environment was captured, in the resolver's words.</summary>
        public string? Error { get; set; }

        public long? ElapsedMilliseconds { get; set; }

        public TimeSpan Timeout { get; set; }

        public OrderedDictionary? Variables => Snapshot?.Variables;
    }

    /// <summary>The environment the desktop session gives the applications it starts.</summary>
    public sealed class GuiEnvironmentEvidence
    {
        /// <summary>A GUI-environment store answered (a user manager, systemd's generator, launchd or the registry).</summary>
        public bool Available { get; set; }

        /// <summary>
        /// Variables holds the whole environment a new GUI app gets (a user manager, the registry). False: only what the
        /// store sets or was asked about (environment.d through the generator, launchd), so a name it lacks may still come
        /// from the session's defaults.
        /// </summary>
        public bool Complete { get; set; }

        /// <summary>Where the values come from (environment.d, launchd, HKCU), or why none could be read.</summary>
        public string Description { get; set; } = string.Empty;

        public OrderedDictionary? Variables { get; set; }

        public GuiEnvironmentStore? Store { get; set; }

        /// <summary>The file, plist or registry key Set-GuiEnvironmentVariable writes.</summary>
        public string? StorePath { get; set; }

        /// <summary>What the user must restart before GUI apps see a change of the store.</summary>
        public string? RestartNeeded { get; set; }
    }

    /// <summary>How long one phase of the gathering took.</summary>
    public sealed class PhaseTiming
    {
        public PhaseTiming(string name, double milliseconds)
        {
            Name = name;
            Milliseconds = milliseconds;
        }

        public string Name { get; }

        public double Milliseconds { get; }

        public override string ToString() => $"{Name}: {Milliseconds:0} ms";
    }

    /// <summary>Everything Test-GoEnvironment read, for the findings engine (which reads nothing itself).</summary>
    public sealed class DiagnosisEvidence
    {
        public string Platform { get; set; } = SnapshotPlatform.Current;

        /// <summary>The folder given with -Path (or the running gopls's folder).</summary>
        public string? WorkspacePath { get; set; }

        public Editor? Editor { get; set; }

        public List<GoplsEvidence> Gopls { get; } = new List<GoplsEvidence>();

        /// <summary>Why the process table could not be read, when it could not.</summary>
        public string? ProcessTableError { get; set; }

        public List<VsCodeGoSettings> Settings { get; } = new List<VsCodeGoSettings>();

        /// <summary>Paths named by go.alternateTools.go that are not a go binary of a GOROOT (scripts, wrappers).</summary>
        public HashSet<string> AlternateGoWrappers { get; } = new HashSet<string>(StringComparer.Ordinal);

        /// <summary>Null where VS Code resolves no shell environment (Windows).</summary>
        public ShellEvidence? LoginShell { get; set; }

        /// <summary>bash -i -c: what an interactive non-login bash exports (.bashrc); null for other shells.</summary>
        public ShellEvidence? InteractiveShell { get; set; }

        public GuiEnvironmentEvidence Gui { get; set; } = new GuiEnvironmentEvidence();

        /// <summary>go env -json under the login shell's environment, in the workspace folder.</summary>
        public GoEnvResult? ShellGoEnv { get; set; }

        public string? ShellGoEnvError { get; set; }

        /// <summary>The go the login shell's PATH finds, as found (not resolved), and resolved.</summary>
        public string? ShellGoBinary { get; set; }

        public string? ShellGoRealPath { get; set; }

        /// <summary>The go the interactive non-login shell's PATH finds.</summary>
        public string? InteractiveGoBinary { get; set; }

        /// <summary>The environment of the terminal Test-GoEnvironment runs in.</summary>
        public OrderedDictionary Terminal { get; set; } = new OrderedDictionary(StringComparer.Ordinal);

        public List<PhaseTiming> Timings { get; } = new List<PhaseTiming>();

        public bool Windows => SnapshotPlatform.IgnoresCase(Platform);
    }

    /// <summary>Reads the GUI session environment; the GUI-environment store provides it where it exists.</summary>
    public interface IGuiEnvironmentSource
    {
        GuiEnvironmentEvidence Read();
    }

    /// <summary>Says that no GUI-environment store is available in this build.</summary>
    public sealed class UnavailableGuiEnvironmentSource : IGuiEnvironmentSource
    {
        public GuiEnvironmentEvidence Read() => new GuiEnvironmentEvidence
        {
            Available = false,
            Description = "this build of GoEnvTools cannot read the GUI session environment (environment.d, launchd or HKCU\\Environment)",
        };
    }
}
