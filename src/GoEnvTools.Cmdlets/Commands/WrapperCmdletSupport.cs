using System;
using System.IO;
using System.Management.Automation;
using System.Runtime.InteropServices;

namespace GoEnvTools.Commands
{
    /// <summary>What Install-GoWrapper and Uninstall-GoWrapper share.</summary>
    internal static class WrapperCmdletSupport
    {
        public static readonly string[] Tools = { "gopls", "go" };

        /// <summary>Stops on Windows, where vscode-go cannot start a script wrapper.</summary>
        public static void RefuseWindows(PSCmdlet cmdlet)
        {
            if (!RuntimeInformation.IsOSPlatform(OSPlatform.Windows))
            {
                return;
            }

            cmdlet.ThrowTerminatingError(new ErrorRecord(
                new PlatformNotSupportedException(
                    "A wrapper cannot work on Windows: vscode-go starts tools with Node, which refuses .cmd and .bat files (CVE-2024-27980), " +
                    "and VS Code resolves no shell environment there. Put the variables into the environment Windows gives programs " +
                    "started from the desktop instead: Set-GuiEnvironmentVariable -Name <name> -Value <value> (HKCU\\Environment), then quit VS Code fully and start it again."),
                ErrorIds.WrapperNotSupportedOnWindows,
                ErrorCategory.NotImplemented,
                null));
        }

        /// <summary>The wrapper's full path: &lt;destination&gt;/&lt;tool&gt;.</summary>
        public static string WrapperPath(PSCmdlet cmdlet, string? destination, string tool)
        {
            string folder = destination is null
                ? WrapperInstaller.DefaultDestination(SettingsHost.Current)
                : cmdlet.GetUnresolvedProviderPathFromPSPath(destination);
            return Path.Combine(Path.GetFullPath(folder), tool);
        }

        /// <summary>Row for -PassThru about a settings file's go.alternateTools entry.</summary>
        public static SettingsChange SettingRow(string path, string tool, string? oldValue, string? newValue, bool changed) => new SettingsChange
        {
            Path = path,
            Key = WrapperInstaller.AlternateToolsKey + "." + tool,
            OldValue = oldValue,
            NewValue = newValue,
            Status = changed ? "Changed" : "NoChange",
        };
    }
}
