using System;
using System.Collections.Generic;
using System.Collections.Specialized;
using System.IO;
using System.Text.RegularExpressions;

namespace GoEnvTools
{
    /// <summary>Reads the Go settings of a settings file as VS Code and vscode-go read them, and finds what is wrong.</summary>
    public static class GoSettingsReader
    {
        // Folders named after one Go version: Homebrew's Cellar (/Cellar/go/1.22.0), /usr/local/go1.22,
        // ~/sdk/go1.21.3, Debian's /usr/lib/go-1.19, C:\Go1.21. They disappear or go stale on the next upgrade.
        private static readonly Regex s_versionPinned = new Regex(
            @"([/\\]Cellar[/\\]go(@[0-9.]+)?[/\\][0-9]|(^|[/\\])go-?1\.[0-9]+(\.[0-9]+)?(rc[0-9]+|beta[0-9]+)?($|[/\\:;]))",
            RegexOptions.CultureInvariant | RegexOptions.IgnoreCase);

        /// <summary>VS Code's own words when it refuses to write a file with errors.</summary>
        public static string VsCodeRefusal(SettingsScope scope) => scope switch
        {
            SettingsScope.Workspace => "Unable to write into workspace settings. Please open the workspace settings to correct errors/warnings in it and try again.",
            SettingsScope.Remote => "Unable to write into remote user settings. Please open the remote user settings to correct errors/warnings in it and try again.",
            _ => "Unable to write into user settings. Please open the user settings to correct errors/warnings in it and try again.",
        };

        /// <summary>Where the settings object sits: the root, or the "settings" object of a *.code-workspace file.</summary>
        public static string[] SettingsPrefix(VsCodeSettingsFile file) => file.IsWorkspaceFile ? new[] { "settings" } : new string[0];

        public static bool IsVersionPinned(string value) => s_versionPinned.IsMatch(value);

        public static VsCodeGoSettings Read(VsCodeSettingsFile file, SettingsHost host)
        {
            var result = new VsCodeGoSettings(file);
            var problems = new List<SettingsProblem>();
            byte[]? bytes = null;
            try
            {
                if (File.Exists(file.Path))
                {
                    bytes = File.ReadAllBytes(file.Path);
                }
            }
            catch (Exception ex) when (ex is IOException || ex is UnauthorizedAccessException)
            {
                problems.Add(new SettingsProblem(file.Path, null, null, null, "cannot be read: " + ex.Message));
            }

            if (bytes is not null)
            {
                try
                {
                    Fill(result, JsoncDocument.Parse(bytes), host, problems);
                }
                catch (JsoncException ex)
                {
                    problems.Add(new SettingsProblem(file.Path, null, ex.Line, ex.Column, $"{ex.Code}: {ex.Detail}. VS Code: {VsCodeRefusal(file.Scope)}"));
                }
            }

            result.Problems = problems.ToArray();
            return result;
        }

        private static void Fill(VsCodeGoSettings result, JsoncDocument doc, SettingsHost host, List<SettingsProblem> problems)
        {
            VsCodeSettingsFile file = result.SettingsFile;
            string[] prefix = SettingsPrefix(file);
            JsoncNode? settings = prefix.Length == 0 ? doc.Root : doc.Find(prefix);
            if (settings is null)
            {
                return;
            }

            if (settings.Kind != JsoncNodeKind.Object)
            {
                Add(problems, doc, file, prefix.Length == 0 ? null : "settings", settings, "is not an object of settings; VS Code ignores it");
                return;
            }

            result.ToolsEnvVars = ReadMap(doc, file, settings.GetProperty("go.toolsEnvVars")?.Value, "go.toolsEnvVars", problems, checkPins: true);
            result.AlternateTools = ReadMap(doc, file, settings.GetProperty("go.alternateTools")?.Value, "go.alternateTools", problems, checkPins: true);
            result.GoRoot = ReadString(doc, file, settings.GetProperty("go.goroot")?.Value, "go.goroot", problems);
            result.GoPath = ReadString(doc, file, settings.GetProperty("go.gopath")?.Value, "go.gopath", problems);

            JsoncNode? gopls = settings.GetProperty("gopls")?.Value;
            if (gopls is not null && gopls.Kind == JsoncNodeKind.Object)
            {
                result.GoplsBuildEnv = ReadMap(doc, file, gopls.GetProperty("build.env")?.Value, "gopls.build.env", problems, checkPins: true);
            }

            string terminalKey = "terminal.integrated.env." + host.TerminalOsKey;
            result.TerminalEnv = ReadMap(doc, file, settings.GetProperty(terminalKey)?.Value, terminalKey, problems, checkPins: false);

            if (result.GoRoot is string goroot)
            {
                CheckGoRoot(doc, file, settings.GetProperty("go.goroot")!.Value, goroot, host, problems);
            }

            if (result.GoPath is string gopath && IsVersionPinned(gopath))
            {
                Add(problems, doc, file, "go.gopath", settings.GetProperty("go.gopath")!.Value, PinnedMessage(gopath));
            }
        }

        private static void CheckGoRoot(JsoncDocument doc, VsCodeSettingsFile file, JsoncNode node, string goroot, SettingsHost host, List<SettingsProblem> problems)
        {
            if (IsVersionPinned(goroot))
            {
                Add(problems, doc, file, "go.goroot", node, PinnedMessage(goroot));
            }

            if (goroot.Length == 0 || goroot.IndexOf("${", StringComparison.Ordinal) >= 0)
            {
                return;
            }

            string path = goroot == "~" || goroot.StartsWith("~/", StringComparison.Ordinal) || goroot.StartsWith("~\\", StringComparison.Ordinal)
                ? Path.Combine(host.Home, goroot.Length > 2 ? goroot.Substring(2) : string.Empty)
                : goroot;
            string exe = host.Platform == SettingsPlatform.Windows ? "go.exe" : "go";
            if (File.Exists(path))
            {
                Add(problems, doc, file, "go.goroot", node,
                    $"'{goroot}' is a file; go.goroot must be a GOROOT folder (vscode-go ignores it). Put a wrapper in go.alternateTools (Set-VsCodeGoToolsEnv -AlternateTool @{{gopls = '...'}}) instead");
            }
            else if (!Directory.Exists(path))
            {
                Add(problems, doc, file, "go.goroot", node, $"'{goroot}' does not exist; vscode-go ignores it");
            }
            else if (!File.Exists(Path.Combine(path, "bin", exe)) || !Directory.Exists(Path.Combine(path, "src")))
            {
                Add(problems, doc, file, "go.goroot", node,
                    $"'{goroot}' is not a GOROOT (it has no bin{Path.DirectorySeparatorChar}{exe} and src folder); `go env GOROOT` prints the right one");
            }
        }

        private const string PinnedPhrase = "' names one Go version's folder and breaks on the next upgrade";

        /// <summary>Whether a problem is a version-pinned path (as opposed to a wrong type or a missing folder).</summary>
        public static bool IsPinnedProblem(SettingsProblem problem) => problem.Message.IndexOf(PinnedPhrase, StringComparison.Ordinal) >= 0;

        private static string PinnedMessage(string value) =>
            $"'{value}' names one Go version's folder and breaks on the next upgrade; use a path that does not change (a symbolic link such as /opt/homebrew/bin or /usr/local/go, or ${{env:PATH}})";

        private static string? ReadString(JsoncDocument doc, VsCodeSettingsFile file, JsoncNode? node, string key, List<SettingsProblem> problems)
        {
            if (node is null || node.Kind == JsoncNodeKind.Null)
            {
                return null;
            }

            if (node.Kind != JsoncNodeKind.String)
            {
                Add(problems, doc, file, key, node, $"is {Describe(node)}, not a string; vscode-go ignores it");
                return null;
            }

            return node.Value;
        }

        private static OrderedDictionary? ReadMap(JsoncDocument doc, VsCodeSettingsFile file, JsoncNode? node, string key, List<SettingsProblem> problems, bool checkPins)
        {
            if (node is null || node.Kind == JsoncNodeKind.Null)
            {
                return null;
            }

            if (node.Kind != JsoncNodeKind.Object)
            {
                Add(problems, doc, file, key, node, $"is {Describe(node)}, not an object of NAME: \"value\" pairs; vscode-go ignores it");
                return null;
            }

            var map = new OrderedDictionary(StringComparer.Ordinal);
            foreach (JsoncProperty property in node.Properties)
            {
                // The last of duplicate keys wins, in the place of the first, as JSON.parse does.
                JsoncNode value = property.Value;
                object? plain;
                if (value.Kind == JsoncNodeKind.String)
                {
                    plain = value.Value;
                    if (checkPins && value.Value is string text && IsVersionPinned(text))
                    {
                        Add(problems, doc, file, key + "." + property.Key, value, PinnedMessage(text));
                    }
                }
                else
                {
                    plain = value.Kind == JsoncNodeKind.Null ? null : doc.Text.Substring(value.Offset, value.Length);
                    Add(problems, doc, file, key + "." + property.Key, value, $"is {Describe(value)}, not a string");
                }

                map[property.Key] = plain;
            }

            return map;
        }

        private static void Add(List<SettingsProblem> problems, JsoncDocument doc, VsCodeSettingsFile file, string? key, JsoncNode node, string message)
        {
            var (line, column) = doc.GetPosition(node.Offset);
            problems.Add(new SettingsProblem(file.Path, key, line, column, message));
        }

        private static string Describe(JsoncNode node) => node.Kind switch
        {
            JsoncNodeKind.Object => "an object",
            JsoncNodeKind.Array => "an array",
            JsoncNodeKind.Number => "a number",
            JsoncNodeKind.Boolean => "a boolean",
            JsoncNodeKind.String => "a string",
            _ => "null",
        };
    }
}
