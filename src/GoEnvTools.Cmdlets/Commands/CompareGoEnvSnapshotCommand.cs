using System;
using System.Collections.Generic;
using System.Management.Automation;

namespace GoEnvTools.Commands
{
    /// <summary>Compares two environments variable by variable, shaped like Compare-Object.</summary>
    [Cmdlet(VerbsData.Compare, "GoEnvSnapshot")]
    [OutputType(typeof(GoEnvDifference))]
    public sealed class CompareGoEnvSnapshotCommand : PSCmdlet
    {
        private GoEnvSnapshot? _reference;
        private ComparisonOptions? _options;

        [Parameter(Mandatory = true, Position = 0)]
        [Alias("Reference")]
        [ValidateNotNull]
        public PSObject? ReferenceSnapshot { get; set; }

        [Parameter(Mandatory = true, Position = 1, ValueFromPipeline = true)]
        [Alias("Difference")]
        [ValidateNotNull]
        public PSObject? DifferenceSnapshot { get; set; }

        [Parameter]
        public SwitchParameter IncludeEqual { get; set; }

        [Parameter]
        [SupportsWildcards]
        [ValidateNotNullOrEmpty]
        public string[]? Name { get; set; }

        [Parameter]
        public SwitchParameter IncludeEditorVariables { get; set; }

        protected override void BeginProcessing()
        {
            _options = new ComparisonOptions
            {
                IncludeEqual = IncludeEqual,
                IncludeEditorVariables = IncludeEditorVariables,
                NameFilter = NameFilter(Name),
            };
        }

        protected override void ProcessRecord()
        {
            if (_reference is null)
            {
                try
                {
                    _reference = Readable(SnapshotInput.ToSnapshot(ReferenceSnapshot, DateTime.Now));
                }
                catch (ArgumentException ex)
                {
                    ThrowTerminatingError(Error(ex, ReferenceSnapshot));
                    return;
                }
            }

            GoEnvSnapshot difference;
            try
            {
                difference = Readable(SnapshotInput.ToSnapshot(DifferenceSnapshot, DateTime.Now));
            }
            catch (ArgumentException ex)
            {
                WriteError(Error(ex, DifferenceSnapshot));
                return;
            }

            foreach (GoEnvDifference row in SnapshotComparer.Compare(_reference, difference, _options!))
            {
                WriteObject(row);
            }
        }

        private static GoEnvSnapshot Readable(GoEnvSnapshot snapshot)
        {
            if (snapshot.Variables is null)
            {
                throw new NotReadableException(
                    $"The environment of '{snapshot.Source}' could not be read (EnvironmentStatus {snapshot.EnvironmentStatus}), so it cannot be compared. Read a process of your own, or run as its owner.");
            }

            return snapshot;
        }

        private static ErrorRecord Error(ArgumentException ex, object? target) => ex is NotReadableException
            ? new ErrorRecord(ex, ErrorIds.SnapshotNotReadable, ErrorCategory.PermissionDenied, target)
            : new ErrorRecord(ex, ErrorIds.SnapshotInputNotSupported, ErrorCategory.InvalidType, target);

        private static Func<string, bool>? NameFilter(string[]? names)
        {
            if (names is null)
            {
                return null;
            }

            var patterns = new List<WildcardPattern>(names.Length);
            foreach (string name in names)
            {
                patterns.Add(new WildcardPattern(name, WildcardOptions.IgnoreCase | WildcardOptions.CultureInvariant));
            }

            return candidate =>
            {
                foreach (WildcardPattern pattern in patterns)
                {
                    if (pattern.IsMatch(candidate))
                    {
                        return true;
                    }
                }

                return false;
            };
        }

        private sealed class NotReadableException : ArgumentException
        {
            public NotReadableException(string message)
                : base(message)
            {
            }
        }
    }
}
