using System;
using System.Collections.ObjectModel;
using System.IO;
using System.Management.Automation;
using System.Text;

namespace GoEnvTools.Commands
{
    /// <summary>Reads snapshots from the YAML or JSON files Export-GoEnvSnapshot writes.</summary>
    [Cmdlet(VerbsData.Import, "GoEnvSnapshot", DefaultParameterSetName = PathSet)]
    [OutputType(typeof(GoEnvSnapshot))]
    public sealed class ImportGoEnvSnapshotCommand : PSCmdlet
    {
        private const string PathSet = "Path";
        private const string LiteralPathSet = "LiteralPath";

        private static readonly UTF8Encoding s_utf8 = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

        [Parameter(ParameterSetName = PathSet, Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [ValidateNotNullOrEmpty]
        [SupportsWildcards]
        public string[] Path { get; set; } = Array.Empty<string>();

        [Parameter(ParameterSetName = LiteralPathSet, Mandatory = true, ValueFromPipelineByPropertyName = true)]
        [Alias("PSPath", "LP")]
        [ValidateNotNullOrEmpty]
        public string[] LiteralPath { get; set; } = Array.Empty<string>();

        protected override void ProcessRecord()
        {
            if (ParameterSetName == LiteralPathSet)
            {
                foreach (string literal in LiteralPath)
                {
                    Import(GetUnresolvedProviderPathFromPSPath(literal));
                }

                return;
            }

            foreach (string pattern in Path)
            {
                Collection<string> files;
                try
                {
                    files = GetResolvedProviderPathFromPSPath(pattern, out ProviderInfo provider);
                    if (!string.Equals(provider.Name, "FileSystem", StringComparison.OrdinalIgnoreCase))
                    {
                        WriteError(new ErrorRecord(
                            new ArgumentException($"'{pattern}' is not a file-system path; snapshots are files."),
                            ErrorIds.SnapshotFileNotFound,
                            ErrorCategory.InvalidArgument,
                            pattern));
                        continue;
                    }
                }
                catch (ItemNotFoundException ex)
                {
                    WriteError(new ErrorRecord(ex, ErrorIds.SnapshotFileNotFound, ErrorCategory.ObjectNotFound, pattern));
                    continue;
                }

                foreach (string file in files)
                {
                    Import(file);
                }
            }
        }

        private void Import(string path)
        {
            string text;
            try
            {
                text = File.ReadAllText(path, s_utf8);
            }
            catch (Exception ex) when (ex is FileNotFoundException || ex is DirectoryNotFoundException)
            {
                WriteError(new ErrorRecord(
                    new ItemNotFoundException($"Cannot find the snapshot file '{path}'.", ex),
                    ErrorIds.SnapshotFileNotFound,
                    ErrorCategory.ObjectNotFound,
                    path));
                return;
            }
            catch (DecoderFallbackException ex)
            {
                WriteError(new ErrorRecord(
                    new SnapshotFormatException(path, 1, "not a snapshot: the file is not UTF-8 text.", ex),
                    ErrorIds.SnapshotFileInvalid,
                    ErrorCategory.InvalidData,
                    path));
                return;
            }
            catch (Exception ex) when (ex is IOException || ex is UnauthorizedAccessException)
            {
                WriteError(new ErrorRecord(ex, ErrorIds.SnapshotReadFailed, ErrorCategory.ReadError, path));
                return;
            }

            try
            {
                WriteVerbose($"Reading the snapshot {path}.");
                WriteObject(SnapshotDocument.Read(text, path));
            }
            catch (SnapshotFormatException ex)
            {
                WriteError(new ErrorRecord(ex, ErrorIds.SnapshotFileInvalid, ErrorCategory.InvalidData, path));
            }
        }
    }
}
