using System;
using System.Collections;
using System.Collections.ObjectModel;
using System.IO;
using System.Linq;
using System.Management.Automation;
using System.Management.Automation.Runspaces;
using System.Text;
using GoEnvTools.Commands;
using Xunit;

namespace GoEnvTools.Tests.Commands
{
    /// <summary>
    /// The settings cmdlets as PowerShell runs them: the built module imported into a fresh runspace (with a
    /// <see cref="RecordingHost"/>), and a temporary folder for settings files that is removed afterwards.
    /// </summary>
    internal sealed class SettingsCmdletSession : IDisposable
    {
        private const string TerminatingVariable = "goenvtoolsTestTerminating";
        private readonly Runspace _runspace;

        public SettingsCmdletSession()
        {
            Folder = Path.Combine(Path.GetTempPath(), "goenvtools-hosted-" + Guid.NewGuid().ToString("N"));
            Directory.CreateDirectory(Folder);
            InitialSessionState state = InitialSessionState.CreateDefault2();
            state.ImportPSModule(new[] { typeof(SetVsCodeGoToolsEnvCommand).Assembly.Location });
            _runspace = RunspaceFactory.CreateRunspace(Host, state);
            _runspace.Open();
        }

        public string Folder { get; }

        public RecordingHost Host { get; } = new RecordingHost();

        /// <summary>The errors of the last <see cref="Run"/>, and whether it ended with a terminating error.</summary>
        public Collection<ErrorRecord> Errors { get; private set; } = new Collection<ErrorRecord>();

        public ErrorRecord? Terminating { get; private set; }

        public void Dispose()
        {
            _runspace.Dispose();
            try
            {
                Directory.Delete(Folder, recursive: true);
            }
            catch (IOException)
            {
            }
        }

        public string PathOf(string name) => Path.Combine(Folder, name);

        public string Write(string name, string text)
        {
            string path = PathOf(name);
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            File.WriteAllBytes(path, Encoding.UTF8.GetBytes(text));
            return path;
        }

        /// <summary>
        /// Runs a script with the given variables set; keeps its non-terminating errors, and the terminating error
        /// that stopped it, if any.
        /// </summary>
        public Collection<PSObject> Run(string script, IDictionary? variables = null)
        {
            using PowerShell powerShell = PowerShell.Create();
            powerShell.Runspace = _runspace;
            if (variables is not null)
            {
                foreach (DictionaryEntry entry in variables)
                {
                    _runspace.SessionStateProxy.SetVariable((string)entry.Key, entry.Value);
                }
            }

            // A terminating error ends the script here (as it would end a user's script), and is kept.
            _runspace.SessionStateProxy.SetVariable(TerminatingVariable, null);
            Collection<PSObject> output = powerShell.AddScript("try {\n" + script + "\n} catch { $" + TerminatingVariable + " = $_ }").Invoke();
            Terminating = _runspace.SessionStateProxy.GetVariable(TerminatingVariable) is object caught
                ? (ErrorRecord)(caught is PSObject wrapped ? wrapped.BaseObject : caught)
                : null;
            Errors = new Collection<ErrorRecord>(powerShell.Streams.Error.ToList());
            return output;
        }

        public static T[] Objects<T>(Collection<PSObject> output) => output.Select(o => Assert.IsType<T>(o.BaseObject)).ToArray();

        /// <summary>The files in the folder (recursively), as names relative to it, sorted.</summary>
        public string[] Files() =>
            Directory.GetFiles(Folder, "*", SearchOption.AllDirectories).Select(f => Path.GetRelativePath(Folder, f)).OrderBy(f => f, StringComparer.Ordinal).ToArray();

        /// <summary>The value VS Code reads at a path of keys in a settings file, or null.</summary>
        public static JsoncNode? Read(string file, params string[] path) => JsoncDocument.Parse(File.ReadAllBytes(file)).Find(path);

        public static void AssertError(ErrorRecord? error, string id, ErrorCategory category, object? target)
        {
            Assert.NotNull(error);
            Assert.StartsWith(id + ",", error!.FullyQualifiedErrorId, StringComparison.Ordinal);
            Assert.Equal(category, error.CategoryInfo.Category);
            Assert.Equal(target, error.TargetObject is PSObject wrapped ? wrapped.BaseObject : error.TargetObject);
        }
    }
}
