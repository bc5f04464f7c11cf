using System;

namespace GoEnvTools
{
    /// <summary>How one variable differs between two snapshots; SideIndicator shows it as Compare-Object does.</summary>
    public enum ChangeKind
    {
        /// <summary>Only the difference snapshot has it (<c>=&gt;</c>).</summary>
        Added,
        /// <summary>Only the reference snapshot has it (<c>&lt;=</c>).</summary>
        Removed,
        /// <summary>Both have it, with other values (<c>&lt;&gt;</c>).</summary>
        Changed,
        /// <summary>Both have it with the same value (<c>==</c>).</summary>
        Equal,
        /// <summary>Both have it, but the values cannot be compared, such as secrets redacted under different keys (<c>??</c>).</summary>
        Unknown,
    }

    /// <summary>One variable of a comparison of two snapshots.</summary>
    public sealed class GoEnvDifference
    {
        public string Name { get; set; } = string.Empty;
        public ChangeKind ChangeKind { get; set; }
        public string SideIndicator => Indicator(ChangeKind);
        public string? ReferenceValue { get; set; }
        public string? DifferenceValue { get; set; }

        /// <summary>For list variables (PATH and the like): entries only the difference has, in its order.</summary>
        public string[] PathEntriesAdded { get; set; } = Array.Empty<string>();

        /// <summary>Entries only the reference has, in its order.</summary>
        public string[] PathEntriesRemoved { get; set; } = Array.Empty<string>();

        /// <summary>Entries both have, whose place among the others changed.</summary>
        public string[] PathEntriesMoved { get; set; } = Array.Empty<string>();

        /// <summary>Entries the difference holds more than once, and more often than the reference.</summary>
        public string[] PathEntriesDuplicated { get; set; } = Array.Empty<string>();

        /// <summary>For PATH: the go each side's PATH finds on this machine; null when none, or when the snapshot is from another platform.</summary>
        public string? ReferenceGo { get; set; }
        public string? DifferenceGo { get; set; }

        public static string Indicator(ChangeKind kind) => kind switch
        {
            ChangeKind.Added => "=>",
            ChangeKind.Removed => "<=",
            ChangeKind.Changed => "<>",
            ChangeKind.Equal => "==",
            _ => "??",
        };

        public override string ToString() => SideIndicator + " " + Name;
    }
}
