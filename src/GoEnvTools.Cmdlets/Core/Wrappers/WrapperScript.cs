using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Text;

namespace GoEnvTools
{
    /// <summary>Absolute paths of the programs a wrapper runs, fixed when it is written so no PATH can change them.</summary>
    public sealed class WrapperPrograms
    {
        public string Sh { get; set; } = "/bin/sh";
        public string Awk { get; set; } = "/usr/bin/awk";
        public string Mktemp { get; set; } = "/usr/bin/mktemp";
        public string Sleep { get; set; } = "/bin/sleep";
        public string Rm { get; set; } = "/bin/rm";
        public string Ps { get; set; } = "/bin/ps";

        /// <summary>Where the wrapper's helper programs are looked for: the system folders first, then <paramref name="pathVariable"/>.</summary>
        public static IEnumerable<string> SearchFolders(string? pathVariable)
        {
            yield return "/usr/bin";
            yield return "/bin";
            foreach (string entry in PathLookup.Split(pathVariable, windows: false))
            {
                yield return entry;
            }
        }

        /// <summary>Each program found in the folders given (first match), or an error naming the missing ones.</summary>
        public static WrapperPrograms Find(IEnumerable<string> folders, Func<string, bool> isExecutableFile)
        {
            var found = new WrapperPrograms();
            var missing = new List<string>();
            string[] dirs = new List<string>(folders).ToArray();
            string Lookup(string name) => PathLookup.Find(name, dirs, windows: false, isExecutableFile) ?? Missing(name);
            string Missing(string name)
            {
                missing.Add(name);
                return name;
            }

            found.Awk = Lookup("awk");
            found.Mktemp = Lookup("mktemp");
            found.Sleep = Lookup("sleep");
            found.Rm = Lookup("rm");
            found.Ps = Lookup("ps");
            if (missing.Count > 0)
            {
                throw new WrapperException(
                    $"The wrapper needs {string.Join(", ", missing.ToArray())}, which {(missing.Count == 1 ? "is" : "are")} not in {string.Join(":", dirs)}. Install {(missing.Count == 1 ? "it" : "them")} (Debian: coreutils, mawk, procps) and run the command again.");
            }

            return found;
        }
    }

    /// <summary>A settings file whose go.alternateTools entry an install changed, and what the entry was before.</summary>
    public sealed class WrapperSettingRecord
    {
        public WrapperSettingRecord(string settingsPath, string? previousValue)
        {
            SettingsPath = settingsPath;
            PreviousValue = previousValue;
        }

        public string SettingsPath { get; }

        /// <summary>The value before the install; null when the key was absent.</summary>
        public string? PreviousValue { get; }
    }

    /// <summary>What a wrapper is made of: every value that goes into the script.</summary>
    public sealed class WrapperSpec
    {
        public WrapperSpec(string tool, string wrapperPath, string targetPath, string shell)
        {
            Tool = tool;
            WrapperPath = wrapperPath;
            TargetPath = targetPath;
            Shell = shell;
        }

        /// <summary>gopls or go: the key of go.alternateTools.</summary>
        public string Tool { get; }

        public string WrapperPath { get; }

        public string TargetPath { get; }

        /// <summary>The shell used when $SHELL is unset or not executable (always, with <see cref="ShellPinned"/>).</summary>
        public string Shell { get; }

        /// <summary>True when the shell was named at install time: $SHELL is then ignored.</summary>
        public bool ShellPinned { get; set; }

        public int TimeoutSeconds { get; set; } = 10;

        /// <summary>
        /// A folder only its owner can write to (the wrapper's own, usually), where each start keeps the captured
        /// environment for a moment without running mktemp; null makes every start use mktemp in $TMPDIR.
        /// </summary>
        public string? PrivateFolder { get; set; }

        public WrapperPrograms Programs { get; set; } = new WrapperPrograms();

        public string Version { get; set; } = WrapperScript.ModuleVersion;

        public List<WrapperSettingRecord> Settings { get; } = new List<WrapperSettingRecord>();
    }

    /// <summary>What the header of a file the module wrote says.</summary>
    public sealed class WrapperHeader
    {
        public string Tool { get; internal set; } = string.Empty;

        public string TargetPath { get; internal set; } = string.Empty;

        public string Version { get; internal set; } = string.Empty;

        public List<WrapperSettingRecord> Settings { get; } = new List<WrapperSettingRecord>();
    }

    /// <summary>A wrapper cannot be written or removed as asked; the message says why and what to do.</summary>
    public sealed class WrapperException : Exception
    {
        public WrapperException(string message)
            : base(message)
        {
        }
    }

    /// <summary>
    /// Writes the POSIX sh wrapper that starts a Go tool with the login shell's environment, and reads back the header
    /// that marks the files the module wrote.
    /// </summary>
    public static class WrapperScript
    {
        /// <summary>The first words of line 2 of every wrapper; nothing else is removed or taken for a wrapper.</summary>
        public const string HeaderPrefix = "# goenvtools-wrapper ";

        public const string SettingPrefix = "# goenvtools-setting ";

        /// <summary>The argument that makes a wrapper print the environment (it runs inside the login shell).</summary>
        public const string DumpArgument = "--goenvtools-dump-environment";

        public const string FormatVersion = "1";

        private static readonly System.Text.RegularExpressions.Regex s_placeholder = new System.Text.RegularExpressions.Regex("@([A-Z]+)@");

        public static string ModuleVersion
        {
            get
            {
                Version? v = typeof(WrapperScript).Assembly.GetName().Version;
                return v is null ? "0.0.0" : $"{v.Major}.{v.Minor}.{v.Build}";
            }
        }

        /// <summary>The whole script, LF line ends, every embedded value quoted for sh.</summary>
        public static string Generate(WrapperSpec spec)
        {
            if (spec is null)
            {
                throw new ArgumentNullException(nameof(spec));
            }

            CheckPath(spec.WrapperPath, "wrapper path");
            CheckPath(spec.TargetPath, "target path");
            CheckPath(spec.Shell, "shell");
            if (spec.PrivateFolder is not null)
            {
                CheckPath(spec.PrivateFolder, "folder");
            }

            string direct = "umask 077; GOENVTOOLS_LC_ALL=${LC_ALL-} GOENVTOOLS_LC_ALL_SET=${LC_ALL+1} LC_ALL=C exec "
                + QuoteSh(spec.Programs.Awk) + " " + QuoteSh(s_dumpProgram.Replace("\r\n", "\n")) + " >\"$GOENVTOOLS_WRAPPER_DUMP\"";
            string dumpCommand(ShellFamily family) => family == ShellFamily.PowerShell
                ? $"& {ShellInvocation.Quote(family, spec.Programs.Sh)} {ShellInvocation.Quote(family, spec.WrapperPath)} {ShellInvocation.Quote(family, DumpArgument)}; exit $LASTEXITCODE"
                : $"exec {QuoteFor(family, spec.Programs.Sh)} {QuoteFor(family, spec.WrapperPath)} {DumpArgument}";

            var header = new StringBuilder();
            header.Append(HeaderPrefix).Append(FormatVersion)
                .Append(" tool=").Append(Encode(spec.Tool))
                .Append(" target=").Append(Encode(spec.TargetPath))
                .Append(" version=").Append(Encode(spec.Version)).Append('\n');
            foreach (WrapperSettingRecord record in spec.Settings)
            {
                header.Append(SettingPrefix).Append("path=").Append(Encode(record.SettingsPath)).Append(' ')
                    .Append(record.PreviousValue is null ? "previous-absent" : "previous=" + Encode(record.PreviousValue)).Append('\n');
            }

            var values = new Dictionary<string, string>(StringComparer.Ordinal)
            {
                ["HEADER"] = header.ToString().TrimEnd('\n'),
                ["TOOL"] = spec.Tool,
                ["TARGET"] = QuoteSh(spec.TargetPath),
                ["AWK"] = QuoteSh(spec.Programs.Awk),
                ["MKTEMP"] = QuoteSh(spec.Programs.Mktemp),
                ["SLEEP"] = QuoteSh(spec.Programs.Sleep),
                ["RM"] = QuoteSh(spec.Programs.Rm),
                ["PS"] = QuoteSh(spec.Programs.Ps),
                ["SHELL"] = QuoteSh(spec.Shell),
                ["PINNED"] = spec.ShellPinned ? "1" : "0",
                ["TIMEOUT"] = spec.TimeoutSeconds.ToString(CultureInfo.InvariantCulture),
                ["PRIVATE"] = spec.PrivateFolder is null ? "''" : QuoteSh(spec.PrivateFolder),
                ["DUMPPROGRAM"] = QuoteSh(s_dumpProgram.Replace("\r\n", "\n")),
                ["DIRECT"] = QuoteSh(direct),
                ["POSIX"] = QuoteSh(dumpCommand(ShellFamily.Posix)),
                ["FISH"] = QuoteSh(dumpCommand(ShellFamily.Fish)),
                ["CSH"] = QuoteSh(dumpCommand(ShellFamily.Csh)),
                ["PWSH"] = QuoteSh(dumpCommand(ShellFamily.PowerShell)),
            };

            // One pass over the template: a value that happens to contain @NAME@ is never replaced again.
            string text = s_placeholder.Replace(s_template.Replace("\r\n", "\n"), m => values[m.Groups[1].Value]);
            return "#!" + spec.Programs.Sh + "\n" + text;
        }

        /// <summary>A word sh reads back as <paramref name="text"/>: single quotes, each ' written as '\''.</summary>
        public static string QuoteSh(string text) => "'" + text.Replace("'", "'\\''") + "'";

        /// <summary>
        /// A word the shell family reads back as <paramref name="text"/>. csh, started with -i, expands ! even inside
        /// single quotes, so it is escaped there.
        /// </summary>
        public static string QuoteFor(ShellFamily family, string text) => family == ShellFamily.Csh
            ? "'" + text.Replace("'", "'\\''").Replace("!", "\\!") + "'"
            : ShellInvocation.Quote(family, text);

        /// <summary>The header of a file's text, or null when the module did not write it.</summary>
        public static WrapperHeader? ReadHeader(string text)
        {
            string[] lines = text.Split('\n');
            if (lines.Length < 2 || !lines[0].StartsWith("#!", StringComparison.Ordinal) || !lines[1].StartsWith(HeaderPrefix, StringComparison.Ordinal))
            {
                return null;
            }

            var header = new WrapperHeader();
            Dictionary<string, string> fields = Fields(lines[1].Substring(HeaderPrefix.Length));
            header.Tool = fields.TryGetValue("tool", out string? tool) ? tool : string.Empty;
            header.TargetPath = fields.TryGetValue("target", out string? target) ? target : string.Empty;
            header.Version = fields.TryGetValue("version", out string? version) ? version : string.Empty;
            for (int i = 2; i < lines.Length && lines[i].StartsWith(SettingPrefix, StringComparison.Ordinal); i++)
            {
                Dictionary<string, string> setting = Fields(lines[i].Substring(SettingPrefix.Length));
                if (setting.TryGetValue("path", out string? path))
                {
                    header.Settings.Add(new WrapperSettingRecord(path, setting.TryGetValue("previous", out string? previous) ? previous : null));
                }
            }

            return header;
        }

        /// <summary>The header of a file, or null when it is missing, unreadable as text, or not written by the module.</summary>
        public static WrapperHeader? ReadHeaderOfFile(string path)
        {
            try
            {
                if (!File.Exists(path))
                {
                    return null;
                }

                // The header sits in the first lines; a large binary (the real gopls) is not read whole.
                using (var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite))
                {
                    byte[] buffer = new byte[64 * 1024];
                    int read = 0;
                    int n;
                    while (read < buffer.Length && (n = stream.Read(buffer, read, buffer.Length - read)) > 0)
                    {
                        read += n;
                    }

                    return read < 2 || buffer[0] != (byte)'#' || buffer[1] != (byte)'!' ? null : ReadHeader(Encoding.UTF8.GetString(buffer, 0, read));
                }
            }
            catch (Exception ex) when (ex is IOException || ex is UnauthorizedAccessException)
            {
                return null;
            }
        }

        /// <summary>Percent-encodes every byte of the UTF-8 text that is not a plain path character, so a header value holds no space or line end.</summary>
        public static string Encode(string text)
        {
            var result = new StringBuilder(text.Length);
            foreach (byte b in Encoding.UTF8.GetBytes(text))
            {
                char c = (char)b;
                bool plain = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || "/._-~+,:@".IndexOf(c) >= 0;
                if (plain)
                {
                    result.Append(c);
                }
                else
                {
                    result.Append('%').Append(b.ToString("X2", CultureInfo.InvariantCulture));
                }
            }

            return result.ToString();
        }

        public static string Decode(string text)
        {
            var bytes = new List<byte>(text.Length);
            for (int i = 0; i < text.Length; i++)
            {
                if (text[i] == '%' && i + 2 < text.Length
                    && byte.TryParse(text.Substring(i + 1, 2), NumberStyles.HexNumber, CultureInfo.InvariantCulture, out byte b))
                {
                    bytes.Add(b);
                    i += 2;
                }
                else
                {
                    bytes.AddRange(Encoding.UTF8.GetBytes(text[i].ToString()));
                }
            }

            return Encoding.UTF8.GetString(bytes.ToArray());
        }

        private static Dictionary<string, string> Fields(string line)
        {
            var fields = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (string word in line.Split(' '))
            {
                int eq = word.IndexOf('=');
                if (eq > 0)
                {
                    fields[word.Substring(0, eq)] = Decode(word.Substring(eq + 1));
                }
                else if (word.Length > 0)
                {
                    fields[word] = string.Empty;
                }
            }

            fields.Remove("previous-absent");
            return fields;
        }

        private static void CheckPath(string path, string what)
        {
            if (string.IsNullOrEmpty(path) || path[0] != '/')
            {
                throw new WrapperException($"The {what} '{path}' is not an absolute path: a wrapper must not depend on the folder or PATH it is started with.");
            }

            foreach (char c in path)
            {
                if (c < ' ' || c == '\u007f')
                {
                    throw new WrapperException($"The {what} '{path.Replace("\n", "\\n")}' holds a control character (such as a line break); rename it or give another path.");
                }
            }
        }

        // Runs inside the login shell, after its start-up files: writes the environment as export lines, every value in
        // single quotes (awk's ENVIRON keeps every byte; env -0 is missing on older macOS, and sh cannot hold NUL-separated
        // text). Names sh cannot set, the variables of the shells themselves and what VS Code drops are left out.
        private const string s_dumpProgram = @"
function q(v,  n, p, i, s) { n = split(v, p, ""\047""); s = p[1]; for (i = 2; i <= n; i++) s = s ""\047\\\047\047"" p[i]; return ""\047"" s ""\047"" }
BEGIN {
    for (k in ENVIRON) {
        if (k !~ /^[A-Za-z_][A-Za-z0-9_]*$/ || k ~ /^(goenvtools_|BASH)/) continue
        if (k ~ /^(LC_ALL|_|PWD|OLDPWD|SHLVL|IFS|PS4|ENV|SHELLOPTS|EUID|UID|PPID|VSCODE_RESOLVING_ENVIRONMENT|XDG_RUNTIME_DIR)$/) continue
        if (k ~ /^GOENVTOOLS_(WRAPPER_DUMP|LC_ALL|LC_ALL_SET)$/) continue
        print ""export "" k ""="" q(ENVIRON[k])
    }
    if (ENVIRON[""GOENVTOOLS_LC_ALL_SET""] == ""1"") print ""export LC_ALL="" q(ENVIRON[""GOENVTOOLS_LC_ALL""])
    print ""goenvtools_done=1""
}";

        // The script after its #! line. Values come in as single-quoted sh words; the comments explain the choices to
        // whoever opens the file. No external program is found on PATH: the paths were fixed at install time.
        private const string s_template = @"@HEADER@
# Written by GoEnvTools (Install-GoWrapper) for @TOOL@. At each start it runs the login shell once, as VS Code
# does at its own start, and starts the tool above with the environment that shell exports. Uninstall-GoWrapper
# removes this file and puts go.alternateTools back; install again rather than editing it.
goenvtools_target=@TARGET@
goenvtools_awk=@AWK@
if [ ""${1-}"" = --goenvtools-dump-environment ] && [ -n ""${GOENVTOOLS_WRAPPER_DUMP-}"" ]; then
    # Started by a login shell that is not sh-like (fish, csh, pwsh): print the environment into the file
    # named in GOENVTOOLS_WRAPPER_DUMP (see the awk program in goenvtools_direct).
    umask 077
    GOENVTOOLS_LC_ALL=${LC_ALL-} GOENVTOOLS_LC_ALL_SET=${LC_ALL+1} LC_ALL=C exec ""$goenvtools_awk"" @DUMPPROGRAM@ >""$GOENVTOOLS_WRAPPER_DUMP""
fi
if [ -n ""${GOENVTOOLS_WRAPPER_DUMP-}"" ]; then
    # Started by a start-up file while a wrapper resolves the environment: no second resolution.
    exec ""$goenvtools_target"" ""$@""
fi
goenvtools_shell=@SHELL@
goenvtools_pinned=@PINNED@
goenvtools_timeout=@TIMEOUT@
goenvtools_private=@PRIVATE@
goenvtools_direct=@DIRECT@
goenvtools_posix=@POSIX@
goenvtools_fish=@FISH@
goenvtools_csh=@CSH@
goenvtools_pwsh=@PWSH@
goenvtools_done=
goenvtools_why=
goenvtools_pid=
goenvtools_dog=
goenvtools_out=
if [ ""$goenvtools_pinned"" != 1 ]; then
    # The shell VS Code would start: $SHELL, with /bin/false meaning bash.
    case ${SHELL-} in
        /bin/false) goenvtools_shell=/bin/bash ;;
        /*) if [ -x ""$SHELL"" ]; then goenvtools_shell=$SHELL; fi ;;
    esac
fi
goenvtools_made=
if [ -n ""$goenvtools_private"" ] && [ -d ""$goenvtools_private"" ] && [ -w ""$goenvtools_private"" ]; then
    # A folder no one else can write to: a name of this process is safe there, and saves running mktemp.
    goenvtools_out=$goenvtools_private/.goenvtools-env.$$
    goenvtools_made=1
elif goenvtools_out=$(@MKTEMP@ ""${TMPDIR:-/tmp}/goenvtools-env.XXXXXXXXXX"" 2>/dev/null); then
    goenvtools_made=1
fi
if [ -n ""$goenvtools_made"" ]; then
    # Standard input from /dev/null and standard output to standard error: the tool's own streams carry LSP.
    # No trap is set in this shell: with one, dash 0.5.12's wait can miss the end of a child that exits at once.
    case ${goenvtools_shell##*/} in
        tcsh | csh)
            goenvtools_how=""$goenvtools_shell -ic""
            VSCODE_RESOLVING_ENVIRONMENT=1 GOENVTOOLS_WRAPPER_DUMP=$goenvtools_out ""$goenvtools_shell"" -ic ""$goenvtools_csh"" </dev/null >&2 &
            ;;
        fish)
            goenvtools_how=""$goenvtools_shell -i -l -c""
            VSCODE_RESOLVING_ENVIRONMENT=1 GOENVTOOLS_WRAPPER_DUMP=$goenvtools_out ""$goenvtools_shell"" -i -l -c ""$goenvtools_fish"" </dev/null >&2 &
            ;;
        pwsh | pwsh-preview | powershell | powershell-preview)
            goenvtools_how=""$goenvtools_shell -Login -Command""
            VSCODE_RESOLVING_ENVIRONMENT=1 GOENVTOOLS_WRAPPER_DUMP=$goenvtools_out ""$goenvtools_shell"" -Login -Command ""$goenvtools_pwsh"" </dev/null >&2 &
            ;;
        bash | zsh | sh | dash | ksh | ksh93 | mksh | yash | ash)
            # sh-like: the shell itself runs awk on its environment, one program fewer on the way.
            goenvtools_how=""$goenvtools_shell -i -l -c""
            VSCODE_RESOLVING_ENVIRONMENT=1 GOENVTOOLS_WRAPPER_DUMP=$goenvtools_out ""$goenvtools_shell"" -i -l -c ""$goenvtools_direct"" </dev/null >&2 &
            ;;
        *)
            goenvtools_how=""$goenvtools_shell -i -l -c""
            VSCODE_RESOLVING_ENVIRONMENT=1 GOENVTOOLS_WRAPPER_DUMP=$goenvtools_out ""$goenvtools_shell"" -i -l -c ""$goenvtools_posix"" </dev/null >&2 &
            ;;
    esac
    goenvtools_pid=$!
    # The timeout without timeout(1) or setsid(1), which macOS lacks: a watchdog that sleeps, then kills the
    # shell and every process below it (found with ps while they still have it as their parent).
    (
        # Told to stop once the shell is done: end the sleep, and remove the file without making the tool wait.
        trap 'kill ""$goenvtools_sleep"" 2>/dev/null; @RM@ -f ""$goenvtools_out"" & exit 0' TERM
        @SLEEP@ ""$goenvtools_timeout"" &
        goenvtools_sleep=$!
        wait ""$goenvtools_sleep""
        # Fired: from here on the wrapper's TERM must not turn this into a cancelled watchdog (exit 0).
        trap '' TERM
        kill -KILL $(@PS@ -A -o pid= -o ppid= | ""$goenvtools_awk"" -v root=""$goenvtools_pid"" '
            { parent[$1] = $2 }
            END { for (p in parent) { q = p; while (q != root && q > 1 && (q in parent)) q = parent[q]; if (q == root) print p } }') ""$goenvtools_pid""
        # Also when the wrapper itself was stopped meanwhile: the captured environment does not stay behind.
        @RM@ -f ""$goenvtools_out""
        exit 124
    ) </dev/null >/dev/null 2>&1 &
    goenvtools_dog=$!
    wait ""$goenvtools_pid"" 2>/dev/null
    goenvtools_status=$?
    goenvtools_pid=
    if [ ""$goenvtools_status"" = 0 ]; then
        # Complete: the dump ran to its end (it is the shell's last command and its exit status).
        . ""$goenvtools_out""
    fi
    kill ""$goenvtools_dog"" 2>/dev/null
    wait ""$goenvtools_dog"" 2>/dev/null
    goenvtools_fired=$?
    goenvtools_dog=
    if [ ""$goenvtools_fired"" != 0 ]; then
        @RM@ -f ""$goenvtools_out""
    fi
    if [ ""$goenvtools_done"" != 1 ]; then
        if [ ""$goenvtools_fired"" = 124 ]; then
            goenvtools_why=""did not finish within $goenvtools_timeout s (it and the processes it started were stopped)""
        elif [ ""$goenvtools_status"" -gt 128 ]; then
            goenvtools_why=""was ended by signal $((goenvtools_status - 128))""
        elif [ ""$goenvtools_status"" != 0 ]; then
            goenvtools_why=""exited with code $goenvtools_status before it printed its environment""
        else
            goenvtools_why=""ended before it printed its environment""
        fi
    fi
else
    goenvtools_how=$goenvtools_shell
    goenvtools_why=""was not started: no temporary file could be made in ${TMPDIR:-/tmp}""
fi
if [ -n ""$goenvtools_why"" ]; then
    printf '%s\n' ""goenvtools wrapper: $goenvtools_how $goenvtools_why; starting $goenvtools_target with the environment it inherited"" >&2
fi
exec ""$goenvtools_target"" ""$@""
";
    }
}
