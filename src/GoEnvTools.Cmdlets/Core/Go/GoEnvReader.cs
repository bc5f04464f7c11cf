using System;
using System.Collections;
using System.Collections.Specialized;
using System.Globalization;
using System.Text;

namespace GoEnvTools
{
    /// <summary>What go env -json says under one environment, in one folder.</summary>
    public sealed class GoEnvResult
    {
        /// <summary>The go that the environment's PATH finds, which is the one that ran.</summary>
        public string GoBinary { get; set; } = string.Empty;

        /// <summary>For example go1.19.8: GOVERSION from go env, else the third word of go version.</summary>
        public string? GoVersion { get; set; }

        public string WorkingDirectory { get; set; } = string.Empty;

        /// <summary>Every variable of go env -json, in go's order.</summary>
        public OrderedDictionary Values { get; set; } = new OrderedDictionary(StringComparer.Ordinal);

        /// <summary>Where the environment came from, for example "shell /bin/zsh -i -l -c" or "current process".</summary>
        public string? Source { get; set; }

        public override string ToString() => $"{GoBinary} ({GoVersion})";
    }

    /// <summary>Runs go env -json with exactly a given environment, through the child-process seam.</summary>
    public sealed class GoEnvReader
    {
        /// <summary>go env is quick, but a GOTOOLCHAIN switch may first download a toolchain.</summary>
        public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(120);

        private readonly IChildProcessRunner _runner;
        private readonly Func<string, bool> _isExecutableFile;
        private readonly bool _windows;

        public GoEnvReader(IChildProcessRunner runner, Func<string, bool> isExecutableFile, bool windows)
        {
            _runner = runner ?? throw new ArgumentNullException(nameof(runner));
            _isExecutableFile = isExecutableFile ?? throw new ArgumentNullException(nameof(isExecutableFile));
            _windows = windows;
        }

        public TimeSpan Timeout { get; set; } = DefaultTimeout;

        /// <summary>The go the environment's PATH resolves to, as Go's exec.LookPath finds it; throws when there is none.</summary>
        public string FindGo(IDictionary environment)
        {
            string? path = Lookup(environment, "PATH");
            string? found = PathLookup.Find("go", PathLookup.Split(path, _windows), _windows, _isExecutableFile, Lookup(environment, "PATHEXT"));
            return found ?? throw new GoNotInstalledException(path ?? string.Empty);
        }

        public GoEnvResult Read(IDictionary environment, string workingDirectory, string? source = null)
        {
            if (environment is null)
            {
                throw new ArgumentNullException(nameof(environment));
            }

            string go = FindGo(environment);
            string json = RunGo(go, environment, workingDirectory, "env", "-json");
            OrderedDictionary values;
            try
            {
                values = YamlDocuments.Parse(json);
            }
            catch (YamlDocumentException ex)
            {
                throw new GoCommandFailedException(go, "env -json", null, $"its output is not a JSON object ({ex.Message}): {Shorten(json)}");
            }

            string? version = values["GOVERSION"] as string;
            if (string.IsNullOrEmpty(version))
            {
                version = ParseVersion(RunGo(go, environment, workingDirectory, "version"));
            }

            return new GoEnvResult
            {
                GoBinary = go,
                GoVersion = version,
                WorkingDirectory = workingDirectory,
                Values = values,
                Source = source,
            };
        }

        /// <summary>"go version go1.19.8 linux/amd64" gives go1.19.8; anything else gives the trimmed text.</summary>
        public static string? ParseVersion(string output)
        {
            string[] words = output.Trim().Split(new[] { ' ', '\t', '\n', '\r' }, StringSplitOptions.RemoveEmptyEntries);
            if (words.Length >= 3 && words[0] == "go" && words[1] == "version")
            {
                return words[2];
            }

            return words.Length == 0 ? null : output.Trim();
        }

        private string RunGo(string go, IDictionary environment, string workingDirectory, params string[] arguments)
        {
            var request = new ChildProcessRequest(go, arguments, environment) { WorkingDirectory = workingDirectory, Timeout = Timeout };
            ChildProcessResult result = _runner.Run(request);
            string commandLine = string.Join(" ", arguments);
            string stderr = Encoding.UTF8.GetString(result.StandardError).Trim();
            if (result.TimedOut)
            {
                throw new GoCommandFailedException(go, commandLine, null, $"it did not finish within {Timeout.TotalSeconds.ToString(CultureInfo.InvariantCulture)} s and was stopped. {stderr}".Trim());
            }

            if (result.ExitCode != 0)
            {
                throw new GoCommandFailedException(go, commandLine, result.ExitCode, stderr.Length == 0 ? "it wrote nothing to standard error." : stderr);
            }

            return Encoding.UTF8.GetString(result.StandardOutput);
        }

        private string? Lookup(IDictionary environment, string name)
        {
            if (!_windows)
            {
                return environment[name] as string;
            }

            foreach (DictionaryEntry entry in environment)
            {
                if (string.Equals(entry.Key as string, name, StringComparison.OrdinalIgnoreCase))
                {
                    return entry.Value as string;
                }
            }

            return null;
        }

        private static string Shorten(string text) => text.Length <= 200 ? text : text.Substring(0, 200) + "...";
    }

    /// <summary>No go on the environment's PATH.</summary>
    public sealed class GoNotInstalledException : Exception
    {
        public GoNotInstalledException(string path)
            : base($"No go was found on the PATH of this environment ({(path.Length == 0 ? "PATH is empty or unset" : path)}). " +
                   "Install Go (https://go.dev/dl/) or put the folder that holds go on this PATH; for gopls, see about_GoEnvTools.")
        {
            SearchedPath = path;
        }

        public string SearchedPath { get; }
    }

    /// <summary>go ran and failed, or printed something that is not go env's JSON.</summary>
    public sealed class GoCommandFailedException : Exception
    {
        public GoCommandFailedException(string go, string arguments, int? exitCode, string detail)
            : base($"'{go} {arguments}' failed" + (exitCode is int code ? $" with exit code {code}" : string.Empty) + ": " + detail)
        {
            GoBinary = go;
            ExitCode = exitCode;
        }

        public string GoBinary { get; }

        public int? ExitCode { get; }
    }
}
