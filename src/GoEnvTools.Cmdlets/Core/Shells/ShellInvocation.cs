using System;
using System.Collections.Generic;
using System.IO;
using System.Runtime.InteropServices;
using System.Security.Cryptography;
using System.Text;

namespace GoEnvTools
{
    /// <summary>How VS Code groups shells when it starts one to resolve the environment (shellEnv.ts).</summary>
    public enum ShellFamily
    {
        /// <summary>bash, zsh, sh, dash, ksh and every shell VS Code does not single out: -i -l -c.</summary>
        Posix,

        /// <summary>fish: -i -l -c, with fish's own quoting.</summary>
        Fish,

        /// <summary>tcsh and csh: -ic, not a login shell.</summary>
        Csh,

        /// <summary>pwsh, pwsh-preview, powershell: -Login -Command.</summary>
        PowerShell,
    }

    /// <summary>The command line VS Code uses to ask a shell for its environment, rebuilt with a dumper that keeps every byte.</summary>
    public static class ShellInvocation
    {
        public static ShellFamily FamilyOf(string shell)
        {
            string name = Path.GetFileName(shell);
            switch (name)
            {
                case "tcsh":
                case "csh":
                    return ShellFamily.Csh;
                case "fish":
                    return ShellFamily.Fish;
                case "pwsh":
                case "pwsh-preview":
                case "powershell":
                case "powershell-preview":
                    return ShellFamily.PowerShell;
                default:
                    return ShellFamily.Posix;
            }
        }

        /// <summary>
        /// The options before the command: VS Code's, less -l (<paramref name="login"/> false) or -i
        /// (<paramref name="interactive"/> false). csh is never a login shell; pwsh is never asked to be interactive.
        /// </summary>
        public static string[] Options(ShellFamily family, bool login, bool interactive)
        {
            var options = new List<string>();
            switch (family)
            {
                case ShellFamily.PowerShell:
                    if (login)
                    {
                        options.Add("-Login");
                    }

                    options.Add("-Command");
                    break;
                case ShellFamily.Csh:
                    options.Add(interactive ? "-ic" : "-c");
                    break;
                default:
                    if (interactive)
                    {
                        options.Add("-i");
                    }

                    if (login)
                    {
                        options.Add("-l");
                    }

                    options.Add("-c");
                    break;
            }

            return options.ToArray();
        }

        /// <summary>12 lowercase hex digits, as VS Code's marker (the first 12 of a random UUID without dashes).</summary>
        public static string NewMarker()
        {
            byte[] bytes = new byte[6];
            using (RandomNumberGenerator random = RandomNumberGenerator.Create())
            {
                random.GetBytes(bytes);
            }

            var text = new StringBuilder(12);
            foreach (byte b in bytes)
            {
                text.Append(b.ToString("x2", System.Globalization.CultureInfo.InvariantCulture));
            }

            return text.ToString();
        }

        /// <summary>
        /// The command the shell runs after its start-up files: the marker, the environment NUL-separated, the marker.
        /// VS Code runs one simple command there (its own node printing JSON.stringify(process.env) between the
        /// markers); a dumper that prints the markers itself is one simple command too, so shells that exec the
        /// last command instead of forking (zsh, bash 5.1+, which then lower SHLVL) treat it exactly as VS Code's.
        /// </summary>
        public static string Command(ShellFamily family, string marker, EnvironmentDumper dumper)
        {
            var words = new List<string> { Quote(family, dumper.FileName) };
            foreach (string argument in dumper.Arguments)
            {
                words.Add(Quote(family, argument));
            }

            string dump = string.Join(" ", words);
            if (family == ShellFamily.PowerShell)
            {
                // A native command last in its statement writes straight to pwsh's standard output, bytes untouched.
                return dumper.PrintsMarkers
                    ? $"& {dump}"
                    : $"[Console]::Out.Write('{marker}'); & {dump}; [Console]::Out.Write('{marker}')";
            }

            // printf is a builtin of bash, zsh, dash, ksh, fish and tcsh; the marker holds no '%' or '\'.
            return dumper.PrintsMarkers ? dump : $"printf '%s' {marker}; {dump}; printf '%s' {marker}";
        }

        /// <summary>A word the shell reads back as <paramref name="text"/>.</summary>
        public static string Quote(ShellFamily family, string text)
        {
            switch (family)
            {
                case ShellFamily.Fish:
                    // Inside fish's single quotes only \' and \\ are escapes.
                    return "'" + text.Replace("\\", "\\\\").Replace("'", "\\'") + "'";
                case ShellFamily.PowerShell:
                    return "'" + text.Replace("'", "''") + "'";
                default:
                    return "'" + text.Replace("'", "'\\''") + "'";
            }
        }

        /// <summary>The command that shows where the time of a slow start goes, for the timeout message.</summary>
        public static string TraceHint(string shell, ShellFamily family, string[] options)
        {
            string name = Path.GetFileName(shell);
            switch (family)
            {
                case ShellFamily.Fish:
                    return $"{name} --profile-startup /tmp/fish-startup.prof {string.Join(" ", options)} exit; sort -n -k2 /tmp/fish-startup.prof | tail";
                case ShellFamily.PowerShell:
                    return $"Measure-Command {{ {name} {string.Join(" ", options)} exit }}; then the same with -NoProfile, and time each profile file";
                case ShellFamily.Csh:
                    return $"{name} -x {string.Join(" ", options)} exit";
                default:
                    if (name == "zsh")
                    {
                        return $"PS4='+%D{{%s.%.}} %N:%i> ' zsh -x {string.Join(" ", options)} exit";
                    }

                    return $"{name} -x {string.Join(" ", options)} exit";
            }
        }
    }

    /// <summary>
    /// A program that writes its whole environment to standard output, each entry ended by NUL.
    /// Linux: cat of a file holding the marker, /proc/self/environ, and the marker file again: one program that
    /// prints marker, environment, marker, and exists on every Linux whatever its coreutils (GNU, busybox, uutils);
    /// env -0 is missing from some busybox builds, and an awk ENVIRON loop loses the order.
    /// macOS has no /proc: its env has -0 since the FreeBSD env it comes from gained it (recent releases), and the
    /// markers come from printf around it. An older macOS env lacks -0; nothing then parses between the markers,
    /// which reports as an error rather than as a wrong environment.
    /// </summary>
    public sealed class EnvironmentDumper
    {
        public EnvironmentDumper(string fileName, string[] arguments, bool printsMarkers)
        {
            FileName = fileName;
            Arguments = arguments;
            PrintsMarkers = printsMarkers;
        }

        public string FileName { get; }

        public string[] Arguments { get; }

        /// <summary>True when the program prints the markers around the environment itself.</summary>
        public bool PrintsMarkers { get; }

        /// <summary>
        /// The dumper of the running OS. <paramref name="findProgram"/> resolves a name on the caller's PATH;
        /// <paramref name="markerFile"/> is a file that holds exactly the marker (used on Linux).
        /// </summary>
        public static EnvironmentDumper ForCurrentPlatform(Func<string, string?> findProgram, string markerFile)
        {
            if (RuntimeInformation.IsOSPlatform(OSPlatform.OSX))
            {
                return new EnvironmentDumper("/usr/bin/env", new[] { "-0" }, printsMarkers: false);
            }

            // An absolute path: the profile may change PATH or define a function named cat.
            return new EnvironmentDumper(findProgram("cat") ?? "/bin/cat", new[] { markerFile, "/proc/self/environ", markerFile }, printsMarkers: true);
        }
    }
}
