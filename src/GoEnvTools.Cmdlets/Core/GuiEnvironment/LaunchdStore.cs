using System;
using System.Collections;
using System.Collections.Generic;
using System.IO;
using System.Text;
using System.Xml;

namespace GoEnvTools
{
    /// <summary>
    /// macOS: launchctl setenv / unsetenv for the running login session, and a LaunchAgent with RunAtLoad that runs
    /// launchctl setenv for every variable at each login. launchctl runs through the child-process seam, so tests
    /// check the exact argv without a Mac. The ledger lives in a state file.
    /// </summary>
    public sealed class LaunchdStore : IGuiEnvironmentStore
    {
        public const string Label = "org.goenvtools.environment";
        public const string Launchctl = "/bin/launchctl";

        /// <summary>Names Get-GuiEnvironment asks launchd about besides the ones the module set: launchd cannot list its variables.</summary>
        public static readonly string[] KnownNames =
        {
            "PATH", "GOROOT", "GOPATH", "GOBIN", "GOFLAGS", "GOPROXY", "GOPRIVATE", "GONOPROXY", "GONOSUMDB", "GONOSUMCHECK",
            "GOSUMDB", "GOINSECURE", "GOTOOLCHAIN", "GOENV", "GOWORK", "GOEXPERIMENT", "GO111MODULE", "CGO_ENABLED",
            "CGO_CFLAGS", "CGO_LDFLAGS", "CC", "CXX", "PKG_CONFIG_PATH", "HTTP_PROXY", "HTTPS_PROXY", "NO_PROXY",
        };

        // Each pair after $0 becomes one launchctl setenv: values travel as arguments, never as shell text.
        internal const string Script = "while [ \"$#\" -ge 2 ]; do " + Launchctl + " setenv \"$1\" \"$2\"; shift 2; done";

        private static readonly TimeSpan s_timeout = TimeSpan.FromSeconds(10);
        private readonly IChildProcessRunner _runner;
        private readonly IDictionary _environment;
        private readonly LedgerFile _ledger;

        public LaunchdStore(string home, IChildProcessRunner runner, IDictionary environment)
        {
            Path = System.IO.Path.Combine(home, "Library", "LaunchAgents", Label + ".plist");
            _ledger = new LedgerFile(System.IO.Path.Combine(home, "Library", "Application Support", "GoEnvTools", "launchd-environment.state"), ignoreCase: false);
            _runner = runner;
            _environment = environment;
        }

        public GuiEnvironmentStore Kind => GuiEnvironmentStore.Launchd;

        /// <summary>The LaunchAgent plist.</summary>
        public string Path { get; }

        public string LedgerPath => _ledger.Path;

        public bool IgnoreCase => false;

        public string RestartNeeded =>
            "Quit VS Code fully (Cmd+Q, not just its windows) and start it again from the Dock or Finder; apps started before launchctl setenv keep the old value. The LaunchAgent sets it again at every login.";

        public void Validate(string name, string value)
        {
            if (!GuiEnvironmentNames.IsPortableName(name))
            {
                throw new GuiEnvironmentValueException($"'{name}' cannot be a launchd variable here: names are letters, digits and '_', not starting with a digit.");
            }

            foreach (char c in value)
            {
                if ((c < 0x20 && c != '\t' && c != '\n') || c == 0x7f || c == 0xfffe || c == 0xffff)
                {
                    throw new GuiEnvironmentValueException($"The value of {name} holds the character U+{(int)c:X4}, which a property list cannot hold. Remove it.");
                }
            }
        }

        public GuiEnvironmentLedger LoadLedger() => _ledger.Load();

        public StoredValue? ReadOutside(string name) => GetEnv(name) is string value ? new StoredValue(value, false) : (StoredValue?)null;

        public void Persist(GuiEnvironmentLedger ledger, string name, StoredValue? value, bool restored)
        {
            GuiEnvironmentLedger before = _ledger.Load();
            _ledger.Save(ledger);
            try
            {
                if (ledger.Entries.Count == 0)
                {
                    AtomicFile.DeleteIfPresent(Path);
                    return;
                }

                Directory.CreateDirectory(System.IO.Path.GetDirectoryName(Path)!);
                AtomicFile.Write(Path, RenderPlist(ledger), overwrite: true, ownerOnly: false);
            }
            catch
            {
                // The LaunchAgent was not changed, so the ledger goes back to what it was.
                _ledger.Save(before);
                throw;
            }
        }

        public bool ApplyRuntime(string name, StoredValue? value, out string note)
        {
            string[] arguments = value is StoredValue v ? new[] { "setenv", name, v.Value } : new[] { "unsetenv", name };
            ChildProcessResult result = Run(arguments);
            if (result.ExitCode != 0)
            {
                throw new GuiRuntimeException($"'{Launchctl} {arguments[0]} {name}' failed with exit code {result.ExitCode?.ToString() ?? "none"}: {Encoding.UTF8.GetString(result.StandardError).Trim()}");
            }

            note = value is null ? $"launchd no longer gives {name} to apps started from now on." : $"launchd gives {name} to apps started from now on.";
            return true;
        }

        public GoEnvSnapshot Snapshot(DateTime capturedAt)
        {
            var names = new List<string>(KnownNames);
            foreach (GuiEnvironmentEntry entry in LoadLedger().Entries)
            {
                if (!names.Contains(entry.Name))
                {
                    names.Add(entry.Name);
                }
            }

            var pairs = new List<KeyValuePair<string, string?>>();
            foreach (string name in names)
            {
                if (GetEnv(name) is string value)
                {
                    pairs.Add(new KeyValuePair<string, string?>(name, value));
                }
            }

            // launchd cannot list its variables: only the names asked about are known, so the snapshot is partial.
            return SnapshotFactory.Create($"launchctl getenv of {names.Count} known names", capturedAt, SnapshotPlatform.MacOS, EnvironmentStatus.Lossy, pairs);
        }

        /// <summary>The LaunchAgent: at load (each login) one sh runs launchctl setenv for every pair it is given as arguments.</summary>
        public static string RenderPlist(GuiEnvironmentLedger ledger)
        {
            var settings = new XmlWriterSettings { Indent = true, IndentChars = "\t", Encoding = new UTF8Encoding(false), NewLineChars = "\n" };
            var sb = new StringBuilder();
            using (var stringWriter = new Utf8StringWriter(sb))
            using (XmlWriter xml = XmlWriter.Create(stringWriter, settings))
            {
                xml.WriteStartDocument();
                xml.WriteDocType("plist", "-//Apple//DTD PLIST 1.0//EN", "http://www.apple.com/DTDs/PropertyList-1.0.dtd", null);
                xml.WriteStartElement("plist");
                xml.WriteAttributeString("version", "1.0");
                xml.WriteStartElement("dict");
                xml.WriteElementString("key", "Label");
                xml.WriteElementString("string", Label);
                xml.WriteElementString("key", "ProgramArguments");
                xml.WriteStartElement("array");
                xml.WriteElementString("string", "/bin/sh");
                xml.WriteElementString("string", "-c");
                xml.WriteElementString("string", Script);
                xml.WriteElementString("string", "goenvtools-environment");
                foreach (GuiEnvironmentEntry entry in ledger.Entries)
                {
                    xml.WriteElementString("string", entry.Name);
                    xml.WriteElementString("string", entry.Value);
                }

                xml.WriteEndElement();
                xml.WriteElementString("key", "RunAtLoad");
                xml.WriteStartElement("true");
                xml.WriteEndElement();
                xml.WriteEndElement();
                xml.WriteEndElement();
                xml.WriteEndDocument();
            }

            return sb.Append('\n').ToString();
        }

        private string? GetEnv(string name)
        {
            ChildProcessResult result = Run(new[] { "getenv", name });
            string text = Encoding.UTF8.GetString(result.StandardOutput);
            if (result.ExitCode != 0 || text.Length == 0)
            {
                return null;
            }

            // launchctl getenv ends the value with one newline.
            return text.EndsWith("\n", StringComparison.Ordinal) ? text.Substring(0, text.Length - 1) : text;
        }

        private ChildProcessResult Run(string[] arguments) =>
            _runner.Run(new ChildProcessRequest(Launchctl, arguments, _environment) { Timeout = s_timeout });

        private sealed class Utf8StringWriter : StringWriter
        {
            public Utf8StringWriter(StringBuilder sb)
                : base(sb, System.Globalization.CultureInfo.InvariantCulture)
            {
            }

            public override Encoding Encoding => new UTF8Encoding(false);
        }
    }
}
