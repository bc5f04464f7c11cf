using System;
using System.Collections;
using System.Collections.Generic;
using System.IO;
using System.Management.Automation;
using System.Text;

namespace GoEnvTools.Commands
{
    /// <summary>Sets go.toolsEnvVars (and go.alternateTools, terminal.integrated.env) in one VS Code settings file, key by key.</summary>
    [Cmdlet(VerbsCommon.Set, "VsCodeGoToolsEnv", SupportsShouldProcess = true)]
    [OutputType(typeof(SettingsChange))]
    public sealed class SetVsCodeGoToolsEnvCommand : PSCmdlet
    {
        private const string ToolsEnvVars = "go.toolsEnvVars";
        private readonly List<SettingsOperation> _operations = new List<SettingsOperation>();
        private SettingsHost _host = SettingsHost.Current;
        private VsCodeSettingsFile? _target;

        [Parameter(Position = 0)]
        public Hashtable? Variable { get; set; }

        [Parameter]
        public string[]? Remove { get; set; }

        [Parameter]
        public string[]? PrependPath { get; set; }

        [Parameter]
        public SwitchParameter Terminal { get; set; }

        [Parameter]
        public Hashtable? AlternateTool { get; set; }

        [Parameter(ValueFromPipeline = true)]
        public PSObject? InputObject { get; set; }

        [Parameter]
        [Alias("LiteralPath")]
        public string? Path { get; set; }

        [Parameter]
        [ArgumentCompleter(typeof(Completers.EditorCompleter))]
        public Editor? Editor { get; set; }

        [Parameter]
        [ArgumentCompleter(typeof(Completers.SettingsScopeCompleter))]
        public SettingsScope Scope { get; set; } = SettingsScope.User;

        [Parameter]
        public string? ProfileName { get; set; }

        [Parameter]
        public SwitchParameter NoBackup { get; set; }

        [Parameter]
        public SwitchParameter IncludeSecret { get; set; }

        [Parameter]
        public SwitchParameter PassThru { get; set; }

        private string TerminalKey => "terminal.integrated.env." + _host.TerminalOsKey;

        protected override void BeginProcessing()
        {
            _host = SettingsHost.Current;
            _target = VsCodeCmdletSupport.ChooseSettingsFile(this, _host, Path, Editor, Scope, ProfileName);

            if (Variable is not null)
            {
                foreach (DictionaryEntry entry in Variable)
                {
                    string name = entry.Key?.ToString() ?? string.Empty;
                    string value = entry.Value is null ? string.Empty : LanguagePrimitives.ConvertTo<string>(entry.Value);
                    if (name.Length == 0 || !AllowValue(name, value, entry))
                    {
                        continue;
                    }

                    _operations.Add(SettingsOperation.Set(value, ToolsEnvVars, name));
                    if (Terminal)
                    {
                        _operations.Add(SettingsOperation.Set(value, TerminalKey, name));
                    }
                }
            }

            foreach (string name in Remove ?? new string[0])
            {
                _operations.Add(SettingsOperation.Remove(ToolsEnvVars, name));
                if (Terminal)
                {
                    _operations.Add(SettingsOperation.Remove(TerminalKey, name));
                }
            }

            if (PrependPath is { Length: > 0 })
            {
                _operations.Add(SettingsOperation.PrependPath(PrependPath, ToolsEnvVars, "PATH"));
                if (Terminal)
                {
                    _operations.Add(SettingsOperation.PrependPath(PrependPath, TerminalKey, "PATH"));
                }
            }

            if (AlternateTool is not null)
            {
                foreach (DictionaryEntry entry in AlternateTool)
                {
                    string tool = entry.Key?.ToString() ?? string.Empty;
                    string value = entry.Value is null ? string.Empty : LanguagePrimitives.ConvertTo<string>(entry.Value);
                    if (tool.Length > 0 && AllowValue(tool, value, entry))
                    {
                        _operations.Add(SettingsOperation.Set(value, "go.alternateTools", tool));
                    }
                }
            }
        }

        protected override void ProcessRecord()
        {
            if (InputObject is null)
            {
                return;
            }

            GoEnvDifference? row = ToDifference(InputObject);
            if (row is null)
            {
                WriteError(new ErrorRecord(
                    new ArgumentException("Set-VsCodeGoToolsEnv takes GoEnvDifference rows (from Compare-GoEnvSnapshot) from the pipeline."),
                    ErrorIds.SettingsInputNotSupported,
                    ErrorCategory.InvalidArgument,
                    InputObject));
                return;
            }

            if (DifferenceOperations.From(row, new[] { ToolsEnvVars }, out string? reason) is not SettingsOperation operation)
            {
                WriteVerbose($"Skipped {row.Name}: {reason}.");
                return;
            }

            if (operation.Value is string value && !AllowValue(row.Name, value, InputObject))
            {
                return;
            }

            _operations.Add(operation);
            if (Terminal)
            {
                string[] terminalPath = { TerminalKey, operation.KeyPath[operation.KeyPath.Length - 1] };
                _operations.Add(operation.PrependEntries is string[] entries
                    ? SettingsOperation.PrependPath(entries, terminalPath)
                    : SettingsOperation.Set(operation.Value!, terminalPath));
            }
        }

        protected override void EndProcessing()
        {
            VsCodeSettingsFile target = _target!;
            string path = target.Path;
            if (_operations.Count == 0)
            {
                WriteVerbose($"Nothing to set in '{path}'.");
                return;
            }

            byte[]? original = null;
            try
            {
                if (File.Exists(path))
                {
                    original = File.ReadAllBytes(path);
                }
            }
            catch (Exception ex) when (ex is IOException || ex is UnauthorizedAccessException)
            {
                ThrowTerminatingError(new ErrorRecord(ex, ErrorIds.SettingsReadFailed, ErrorCategory.ReadError, path));
                return;
            }

            PreparedSettingsEdit edit;
            try
            {
                edit = SettingsEditPlan.Prepare(original, GoSettingsReader.SettingsPrefix(target), _operations, _host.PathSeparator,
                    new JsoncFormatting { DefaultLineBreak = _host.Platform == SettingsPlatform.Windows ? "\r\n" : "\n" });
            }
            catch (JsoncException ex)
            {
                ThrowTerminatingError(new ErrorRecord(
                    new InvalidDataException(
                        $"Cannot edit '{path}': line {ex.Line}, column {ex.Column}: {ex.Code}: {ex.Detail}. The file was left as it is. VS Code: {GoSettingsReader.VsCodeRefusal(target.Scope)}", ex),
                    ErrorIds.SettingsFileInvalid,
                    ErrorCategory.InvalidData,
                    path));
                return;
            }

            List<SettingsChange> changes = edit.Changes;
            bool changed = edit.WritesFile;
            string? backup = null;
            if (changed)
            {
                string action = $"Set {string.Join(", ", edit.ChangedKeys)}";
                string description = $"{action} in \"{path}\"{(original is null ? " (a new file)" : string.Empty)}:\n{edit.Diff}";
                if (!ShouldProcess(description, description + "\nWrite these lines?", "Set-VsCodeGoToolsEnv"))
                {
                    return;
                }

                try
                {
                    backup = SettingsFileWriter.Write(path, original, edit.Updated, new SettingsWriteOptions { Backup = !NoBackup });
                }
                catch (SettingsChangedOnDiskException ex)
                {
                    ThrowTerminatingError(new ErrorRecord(ex, ErrorIds.SettingsChangedOnDisk, ErrorCategory.ResourceUnavailable, path));
                    return;
                }
                catch (Exception ex) when (ex is IOException || ex is UnauthorizedAccessException)
                {
                    ThrowTerminatingError(new ErrorRecord(ex, ErrorIds.SettingsWriteFailed, ErrorCategory.WriteError, path));
                    return;
                }

                WriteVerbose($"Wrote '{path}'{(backup is null ? string.Empty : "; the old file is in '" + backup + "'")}. vscode-go restarts gopls when go.toolsEnvVars changes.");
            }
            else
            {
                WriteVerbose($"NoChange: '{path}' already says so.");
            }

            if (PassThru)
            {
                foreach (SettingsChange change in changes)
                {
                    change.Path = path;
                    if (!changed)
                    {
                        change.Status = "NoChange";
                    }

                    change.BackupPath = change.Status == "Changed" ? backup : null;
                    WriteObject(change);
                }
            }
        }

        private bool AllowValue(string name, string value, object target)
        {
            if (IncludeSecret)
            {
                return true;
            }

            bool redacted = SecretRedactor.IsRedacted(value);
            if (!redacted && !SecretDetector.IsSecret(name, value))
            {
                return true;
            }

            WriteError(new ErrorRecord(
                new InvalidOperationException(redacted
                    ? $"The value of {name} is a redacted secret ({value}); writing it would break {name}. Set the real value with -IncludeSecret, or leave {name} out."
                    : $"{name} holds a secret; settings files are often shared or synced, so it is not written. Use -IncludeSecret to write it anyway."),
                ErrorIds.SettingsSecretRefused,
                ErrorCategory.SecurityError,
                target));
            return false;
        }

        private static GoEnvDifference? ToDifference(PSObject input)
        {
            if (input.BaseObject is GoEnvDifference difference)
            {
                return difference;
            }

            string? name = input.Properties["Name"]?.Value?.ToString();
            string? kind = input.Properties["ChangeKind"]?.Value?.ToString();
            if (name is null || kind is null || !Enum.TryParse(kind, out ChangeKind changeKind))
            {
                return null;
            }

            return new GoEnvDifference
            {
                Name = name,
                ChangeKind = changeKind,
                ReferenceValue = input.Properties["ReferenceValue"]?.Value?.ToString(),
                DifferenceValue = input.Properties["DifferenceValue"]?.Value?.ToString(),
                PathEntriesRemoved = Strings(input.Properties["PathEntriesRemoved"]?.Value),
            };
        }

        private static string[] Strings(object? value)
        {
            var list = new List<string>();
            if (value is PSObject ps)
            {
                value = ps.BaseObject;
            }

            if (value is string one)
            {
                list.Add(one);
            }
            else if (value is IEnumerable many)
            {
                foreach (object? item in many)
                {
                    if (item is not null)
                    {
                        list.Add(item.ToString()!);
                    }
                }
            }

            return list.ToArray();
        }
    }
}
