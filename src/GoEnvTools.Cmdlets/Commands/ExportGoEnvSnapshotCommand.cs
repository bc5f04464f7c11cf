using System;
using System.IO;
using System.Management.Automation;

namespace GoEnvTools.Commands
{
    /// <summary>Writes a snapshot to a YAML or JSON file, with secrets redacted unless -IncludeSecret.</summary>
    [Cmdlet(VerbsData.Export, "GoEnvSnapshot", SupportsShouldProcess = true)]
    [OutputType(typeof(GoEnvSnapshot))]
    public sealed class ExportGoEnvSnapshotCommand : PSCmdlet
    {
        private string? _fullPath;
        private DocumentFormat _format;
        private bool _written;

        [Parameter(Mandatory = true, Position = 0)]
        [Alias("LiteralPath")]
        [ValidateNotNullOrEmpty]
        public string Path { get; set; } = string.Empty;

        [Parameter(Mandatory = true, ValueFromPipeline = true)]
        public PSObject? InputObject { get; set; }

        [Parameter]
        public SwitchParameter IncludeSecret { get; set; }

        [Parameter]
        public SwitchParameter Force { get; set; }

        [Parameter]
        public SwitchParameter NoClobber { get; set; }

        [Parameter]
        public SwitchParameter PassThru { get; set; }

        protected override void BeginProcessing()
        {
            _fullPath = GetUnresolvedProviderPathFromPSPath(Path);
            if (SnapshotDocument.FormatOf(_fullPath) is not DocumentFormat format)
            {
                ThrowTerminatingError(new ErrorRecord(
                    new ArgumentException($"Cannot tell the format of '{_fullPath}' from its extension: name the file *.yaml or *.yml for YAML, or *.json for JSON."),
                    ErrorIds.SnapshotFileExtensionUnknown,
                    ErrorCategory.InvalidArgument,
                    _fullPath));
                return;
            }

            _format = format;
        }

        protected override void ProcessRecord()
        {
            string path = _fullPath!;
            if (_written)
            {
                WriteError(new ErrorRecord(
                    new InvalidOperationException($"'{path}' holds one snapshot and has one already; export each further snapshot to a file of its own."),
                    ErrorIds.SnapshotAlreadyExported,
                    ErrorCategory.LimitsExceeded,
                    InputObject));
                return;
            }

            if (!SnapshotInput.TryConvert(this, InputObject, out GoEnvSnapshot snapshot))
            {
                return;
            }

            _written = true;
            if (!ShouldProcess(path, IncludeSecret ? "Export snapshot, secrets in clear" : "Export snapshot"))
            {
                return;
            }

            if (!CheckTarget(path))
            {
                return;
            }

            GoEnvSnapshot written;
            try
            {
                written = IncludeSecret ? snapshot : SnapshotFactory.Redact(snapshot, LoadKey);
            }
            catch (Exception ex) when (ex is IOException || ex is UnauthorizedAccessException)
            {
                ThrowTerminatingError(new ErrorRecord(ex, ErrorIds.RedactionKeyUnavailable, ErrorCategory.ReadError, RedactionKeyFolder()));
                return;
            }

            string text;
            try
            {
                text = SnapshotDocument.Write(written, _format);
            }
            catch (ArgumentException ex)
            {
                WriteError(new ErrorRecord(ex, ErrorIds.SnapshotWriteFailed, ErrorCategory.InvalidData, InputObject));
                return;
            }

            try
            {
                bool secretsInClear = IncludeSecret && HasSecret(written);
                AtomicFile.Write(path, text, overwrite: !NoClobber, ownerOnly: secretsInClear);
                WriteVerbose($"Wrote {written.Variables?.Count ?? 0} variables of '{written.Source}' to {path}{(secretsInClear ? " (with secrets in clear; mode 0600)" : string.Empty)}.");
            }
            catch (IOException ex) when (NoClobber && File.Exists(path))
            {
                WriteFileExists(path, ex);
                return;
            }
            catch (Exception ex) when (ex is IOException || ex is UnauthorizedAccessException)
            {
                WriteError(new ErrorRecord(ex, ErrorIds.SnapshotWriteFailed, ErrorCategory.WriteError, path));
                return;
            }

            if (PassThru)
            {
                WriteObject(written);
            }
        }

        private bool CheckTarget(string path)
        {
            if (!File.Exists(path))
            {
                return true;
            }

            if (NoClobber)
            {
                WriteFileExists(path, null);
                return false;
            }

            FileAttributes attributes = File.GetAttributes(path);
            if ((attributes & FileAttributes.ReadOnly) == 0)
            {
                return true;
            }

            if (!Force)
            {
                WriteError(new ErrorRecord(
                    new UnauthorizedAccessException($"'{path}' is read-only. Use -Force to replace it."),
                    ErrorIds.SnapshotFileReadOnly,
                    ErrorCategory.PermissionDenied,
                    path));
                return false;
            }

            // Windows refuses to replace a read-only file; elsewhere the flag is the write permission, and the
            // rename replaces the file whatever it says.
            File.SetAttributes(path, attributes & ~FileAttributes.ReadOnly);
            return true;
        }

        private void WriteFileExists(string path, Exception? inner) =>
            WriteError(new ErrorRecord(
                new IOException($"'{path}' exists and -NoClobber is set. Choose another name, or leave out -NoClobber to replace it.", inner),
                ErrorIds.SnapshotFileExists,
                ErrorCategory.ResourceExists,
                path));

        private static bool HasSecret(GoEnvSnapshot snapshot)
        {
            if (snapshot.Variables is null)
            {
                return false;
            }

            foreach (System.Collections.DictionaryEntry entry in snapshot.Variables)
            {
                if (SecretDetector.IsSecret((string)entry.Key, entry.Value as string))
                {
                    return true;
                }
            }

            return false;
        }

        private static string RedactionKeyFolder() => RedactionKeyStore.ResolveFolder(Environment.GetEnvironmentVariable, SnapshotPlatform.Current);

        private SecretRedactor LoadKey()
        {
            string folder = RedactionKeyFolder();
            WriteVerbose($"Redacting secrets with the key in {folder}.");
            return RedactionKeyStore.LoadOrCreate(folder);
        }
    }
}
