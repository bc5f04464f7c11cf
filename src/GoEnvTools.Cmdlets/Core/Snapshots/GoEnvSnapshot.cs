using System;
using System.Collections.Specialized;
using System.Runtime.InteropServices;

namespace GoEnvTools
{
    /// <summary>
    /// A set of environment variables captured at one moment from one source: a process, a login shell, the current
    /// session, or a file. Snapshots from any source compare with each other.
    /// </summary>
    public class GoEnvSnapshot
    {
        /// <summary>Where the variables came from, for example "process 4242 (gopls)" or "shell /bin/zsh -i -l -c".</summary>
        public string Source { get; set; } = string.Empty;

        public DateTime CapturedAt { get; set; }

        /// <summary>The OS the variables were captured on: Linux, MacOS or Windows. It decides the PATH separator and name case.</summary>
        public string Platform { get; set; } = SnapshotPlatform.Current;

        public EnvironmentStatus EnvironmentStatus { get; set; }

        /// <summary>Variables in their original order; null when the environment could not be read.</summary>
        public OrderedDictionary? Variables { get; set; }

        // Filled by Get-ShellEnvironment only; null for every other source.
        public string? Shell { get; set; }
        public string[]? Arguments { get; set; }
        public long? ElapsedMilliseconds { get; set; }
        public int? ExitCode { get; set; }
        public string? StandardError { get; set; }

        /// <summary>The folder the shell started in when Get-ShellEnvironment was given -WorkingDirectory; Get-GoEnv runs go there.</summary>
        public string? WorkingDirectory { get; set; }

        public bool IgnoresCase => SnapshotPlatform.IgnoresCase(Platform);

        public override string ToString() => Source;
    }

    /// <summary>The platform names snapshots carry.</summary>
    public static class SnapshotPlatform
    {
        public const string Linux = "Linux";
        public const string MacOS = "MacOS";
        public const string Windows = "Windows";

        public static string Current =>
            RuntimeInformation.IsOSPlatform(OSPlatform.Windows) ? Windows
            : RuntimeInformation.IsOSPlatform(OSPlatform.OSX) ? MacOS
            : Linux;

        /// <summary>Windows compares environment variable names without case.</summary>
        public static bool IgnoresCase(string? platform) => string.Equals(platform, Windows, StringComparison.OrdinalIgnoreCase);

        public static char PathSeparator(string? platform) => IgnoresCase(platform) ? ';' : ':';
    }
}
