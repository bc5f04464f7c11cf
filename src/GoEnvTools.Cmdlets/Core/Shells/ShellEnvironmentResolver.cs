using System;
using System.Collections;
using System.Collections.Generic;
using System.Collections.Specialized;
using System.Text;

namespace GoEnvTools
{
    /// <summary>What to resolve: Get-ShellEnvironment's parameters as plain values.</summary>
    public sealed class ShellEnvironmentOptions
    {
        /// <summary>A shell name (searched on PATH) or an absolute path; null means $SHELL, the passwd entry, then sh.</summary>
        public string? Shell { get; set; }

        public TimeSpan Timeout { get; set; } = ShellEnvironmentResolver.VsCodeTimeout;

        public bool Login { get; set; } = true;

        public bool Interactive { get; set; } = true;

        /// <summary>The folder the shell starts in (for direnv-style start-up files); null keeps the caller's.</summary>
        public string? WorkingDirectory { get; set; }
    }

    /// <summary>The side effects the resolver needs, so tests can replace each one.</summary>
    public sealed class ShellEnvironmentHost
    {
        public ShellEnvironmentHost(IChildProcessRunner runner, Func<IDictionary> currentEnvironment, Func<string?> passwdShell, Func<string, bool> isExecutableFile)
        {
            Runner = runner;
            CurrentEnvironment = currentEnvironment;
            PasswdShell = passwdShell;
            IsExecutableFile = isExecutableFile;
        }

        /// <summary>This machine: the real runner, the process environment, the user database.</summary>
        public static ShellEnvironmentHost ForCurrentSystem(System.Threading.CancellationToken cancellation) =>
            new ShellEnvironmentHost(
                ChildProcessRunners.Create(cancellation),
                System.Environment.GetEnvironmentVariables,
                // Linux and macOS (where struct passwd places pw_shell differently); null on Windows.
                PosixPasswd.CurrentUserLoginShell,
                ChildProcessRunners.IsExecutableFile);

        public IChildProcessRunner Runner { get; }

        public Func<IDictionary> CurrentEnvironment { get; }

        /// <summary>The login shell of the user database (getpwuid_r's pw_shell), or null.</summary>
        public Func<string?> PasswdShell { get; }

        public Func<string, bool> IsExecutableFile { get; }

        public Func<string> NewMarker { get; set; } = ShellInvocation.NewMarker;

        public Func<DateTime> Clock { get; set; } = () => DateTime.Now;

        /// <summary>The program that prints the environment; null picks the one of the running OS.</summary>
        public EnvironmentDumper? Dumper { get; set; }

        /// <summary>Writes a file holding exactly the marker and returns its path; the resolver deletes it after the run.</summary>
        public Func<string, string> WriteMarkerFile { get; set; } = marker =>
        {
            string path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "goenvtools-marker-" + marker);
            System.IO.File.WriteAllText(path, marker);
            return path;
        };
    }

    /// <summary>Runs the user's shell the way VS Code does at start-up and captures the environment it exports.</summary>
    public sealed class ShellEnvironmentResolver
    {
        /// <summary>VS Code's default (application.shellEnvironmentResolutionTimeout).</summary>
        public static readonly TimeSpan VsCodeTimeout = TimeSpan.FromSeconds(10);

        /// <summary>Past this, VS Code's start-up visibly waits and on a slower day it may give up.</summary>
        public static readonly TimeSpan SlowThreshold = TimeSpan.FromSeconds(3);

        /// <summary>Set in the child so start-up files can skip slow work; removed from the result, as VS Code does.</summary>
        public const string ResolvingVariable = "VSCODE_RESOLVING_ENVIRONMENT";

        /// <summary>VS Code removes it from the resolved environment (microsoft/vscode#22593).</summary>
        public const string DroppedVariable = "XDG_RUNTIME_DIR";

        private readonly ShellEnvironmentHost _host;

        public ShellEnvironmentResolver(ShellEnvironmentHost host)
        {
            _host = host ?? throw new ArgumentNullException(nameof(host));
        }

        /// <summary>
        /// The shell VS Code would start: the given one, else $SHELL, else the passwd entry, else sh; /bin/false
        /// becomes /bin/bash as in VS Code. A bare name is searched on <paramref name="environment"/>'s PATH.
        /// </summary>
        public string ChooseShell(string? requested, IDictionary environment)
        {
            string? shell = requested;
            if (string.IsNullOrEmpty(shell))
            {
                shell = environment["SHELL"] as string;
            }

            if (string.IsNullOrEmpty(shell))
            {
                shell = _host.PasswdShell();
            }

            if (string.IsNullOrEmpty(shell))
            {
                shell = "sh";
            }

            if (string.Equals(shell, "/bin/false", StringComparison.Ordinal))
            {
                shell = "/bin/bash";
            }

            if (shell!.IndexOf('/') >= 0)
            {
                return shell;
            }

            string? path = environment["PATH"] as string;
            return PathLookup.Find(shell, PathLookup.Split(path, windows: false), windows: false, _host.IsExecutableFile)
                ?? throw new ShellNotFoundException(shell, path ?? string.Empty);
        }

        public GoEnvSnapshot Resolve(ShellEnvironmentOptions options)
        {
            if (options is null)
            {
                throw new ArgumentNullException(nameof(options));
            }

            IDictionary current = _host.CurrentEnvironment();
            var environment = new OrderedDictionary(StringComparer.Ordinal);
            foreach (DictionaryEntry entry in current)
            {
                environment[entry.Key] = entry.Value;
            }

            environment[ResolvingVariable] = "1";
            string shell = ChooseShell(options.Shell, environment);
            ShellFamily family = ShellInvocation.FamilyOf(shell);
            string[] shellOptions = ShellInvocation.Options(family, options.Login, options.Interactive);
            string marker = _host.NewMarker();
            string? markerFile = null;
            ChildProcessResult result;
            DateTime started;
            try
            {
                EnvironmentDumper dumper = _host.Dumper ?? EnvironmentDumper.ForCurrentPlatform(
                    name => PathLookup.Find(name, PathLookup.Split(environment["PATH"] as string, windows: false), windows: false, _host.IsExecutableFile),
                    markerFile = _host.WriteMarkerFile(marker));
                var arguments = new List<string>(shellOptions) { ShellInvocation.Command(family, marker, dumper) };
                var request = new ChildProcessRequest(shell, arguments, environment)
                {
                    WorkingDirectory = options.WorkingDirectory,
                    Timeout = options.Timeout,
                };
                started = _host.Clock();
                result = _host.Runner.Run(request);
            }
            finally
            {
                if (markerFile is not null)
                {
                    System.IO.File.Delete(markerFile);
                }
            }

            string source = $"shell {shell} {string.Join(" ", shellOptions)}";
            string standardError = Encoding.UTF8.GetString(result.StandardError);

            if (result.TimedOut)
            {
                throw new ShellEnvironmentTimeoutException(shell, shellOptions, options.Timeout, standardError, ShellInvocation.TraceHint(shell, family, shellOptions));
            }

            IReadOnlyList<EnvironmentEntry>? entries = MarkedEnvironment.Extract(result.StandardOutput, marker);
            if (entries is null || entries.Count == 0)
            {
                throw new ShellEnvironmentNotCapturedException(shell, shellOptions, result.ExitCode, result.Signal, standardError, markersFound: entries is not null);
            }

            OrderedDictionary variables = EnvironmentBlock.ToDictionary(entries, ignoreCase: false);
            variables.Remove(ResolvingVariable);
            variables.Remove(DroppedVariable);
            return new GoEnvSnapshot
            {
                Source = source,
                CapturedAt = started,
                Platform = SnapshotPlatform.Current,
                EnvironmentStatus = EnvironmentStatus.Ok,
                Variables = variables,
                Shell = shell,
                Arguments = shellOptions,
                ElapsedMilliseconds = (long)result.Elapsed.TotalMilliseconds,
                ExitCode = result.ExitCode ?? (result.Signal is int s ? 128 + s : (int?)null),
                StandardError = standardError,
                WorkingDirectory = options.WorkingDirectory,
            };
        }
    }

    /// <summary>The shell named (or found in $SHELL) is not on PATH.</summary>
    public sealed class ShellNotFoundException : Exception
    {
        public ShellNotFoundException(string shell, string path)
            : base($"Cannot find the shell '{shell}' on PATH ({(path.Length == 0 ? "PATH is empty" : path)}). Give its full path, for example -Shell /bin/{shell}.")
        {
            Shell = shell;
        }

        public string Shell { get; }
    }

    /// <summary>The shell did not finish in time; it and everything it started were killed.</summary>
    public sealed class ShellEnvironmentTimeoutException : TimeoutException
    {
        public ShellEnvironmentTimeoutException(string shell, string[] options, TimeSpan timeout, string standardError, string traceHint)
            : base(
                $"{shell} {string.Join(" ", options)} did not finish within {timeout.TotalSeconds:0.###} s; it and every process it started were stopped. " +
                "VS Code would show \"Unable to resolve your shell environment in a reasonable time\" and start without the variables your start-up files set. " +
                $"To find the slow file, run: {traceHint}. Start-up files can test VSCODE_RESOLVING_ENVIRONMENT=1 to skip slow work." +
                (string.IsNullOrWhiteSpace(standardError) ? string.Empty : " Standard error: " + standardError.Trim()))
        {
            Shell = shell;
            StandardError = standardError;
        }

        public string Shell { get; }

        public string StandardError { get; }
    }

    /// <summary>The shell ended without printing the environment between the markers.</summary>
    public sealed class ShellEnvironmentNotCapturedException : Exception
    {
        public ShellEnvironmentNotCapturedException(string shell, string[] options, int? exitCode, int? signal, string standardError, bool markersFound)
            : base(
                $"{shell} {string.Join(" ", options)} " +
                (signal is int s ? $"was ended by signal {s}" : $"exited with code {(exitCode?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "unknown")}") +
                (markersFound ? " and printed the markers with no environment between them" : " before it printed the environment") +
                ", so VS Code would get none of your start-up files' variables. " +
                (string.IsNullOrWhiteSpace(standardError) ? "It wrote nothing to standard error." : "Standard error: " + standardError.Trim()))
        {
            Shell = shell;
            ExitCode = exitCode;
            StandardError = standardError;
        }

        public string Shell { get; }

        public int? ExitCode { get; }

        public string StandardError { get; }
    }
}
