using System;
using System.Runtime.InteropServices;

namespace GoEnvTools
{
    /// <summary>The operating systems whose settings folders differ.</summary>
    public enum SettingsPlatform
    {
        Linux,
        MacOS,
        Windows,
    }

    /// <summary>
    /// What the settings locations depend on: the home folder, the environment and the operating system.
    /// Plain inputs, so tests point them at a temporary home.
    /// </summary>
    public sealed class SettingsHost
    {
        public SettingsHost(string home, Func<string, string?> getEnvironmentVariable, SettingsPlatform platform)
        {
            Home = home ?? throw new ArgumentNullException(nameof(home));
            GetEnvironmentVariable = getEnvironmentVariable ?? throw new ArgumentNullException(nameof(getEnvironmentVariable));
            Platform = platform;
        }

        public string Home { get; }
        public Func<string, string?> GetEnvironmentVariable { get; }
        public SettingsPlatform Platform { get; }

        public static SettingsPlatform CurrentPlatform =>
            RuntimeInformation.IsOSPlatform(OSPlatform.Windows) ? SettingsPlatform.Windows
            : RuntimeInformation.IsOSPlatform(OSPlatform.OSX) ? SettingsPlatform.MacOS
            : SettingsPlatform.Linux;

        /// <summary>This process: HOME (USERPROFILE on Windows), its environment, its OS.</summary>
        public static SettingsHost Current
        {
            get
            {
                SettingsPlatform platform = CurrentPlatform;
                string? home = platform == SettingsPlatform.Windows
                    ? Environment.GetEnvironmentVariable("USERPROFILE")
                    : Environment.GetEnvironmentVariable("HOME");
                if (string.IsNullOrEmpty(home))
                {
                    home = Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);
                }

                return new SettingsHost(home!, Environment.GetEnvironmentVariable, platform);
            }
        }

        /// <summary>The key of terminal.integrated.env.&lt;os&gt; for this platform.</summary>
        public string TerminalOsKey => Platform switch
        {
            SettingsPlatform.Windows => "windows",
            SettingsPlatform.MacOS => "osx",
            _ => "linux",
        };

        /// <summary>The separator of PATH entries.</summary>
        public char PathSeparator => Platform == SettingsPlatform.Windows ? ';' : ':';

        internal string? Env(string name)
        {
            string? value = GetEnvironmentVariable(name);
            return string.IsNullOrEmpty(value) ? null : value;
        }
    }
}
