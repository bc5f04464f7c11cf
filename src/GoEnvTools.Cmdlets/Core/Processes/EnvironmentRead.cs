using System.Collections.Generic;

namespace GoEnvTools
{
    /// <summary>The outcome of reading one process's environment.</summary>
    public sealed class EnvironmentRead
    {
        private EnvironmentRead(EnvironmentStatus status, IReadOnlyList<EnvironmentEntry>? entries, string? error)
        {
            Status = status;
            Entries = entries;
            Error = error;
        }

        public EnvironmentStatus Status { get; }

        /// <summary>Null unless Status is Ok or Lossy.</summary>
        public IReadOnlyList<EnvironmentEntry>? Entries { get; }

        public string? Error { get; }

        public static EnvironmentRead Success(IReadOnlyList<EnvironmentEntry> entries, bool lossy = false) =>
            new EnvironmentRead(lossy ? EnvironmentStatus.Lossy : EnvironmentStatus.Ok, entries, null);

        public static EnvironmentRead Failure(EnvironmentStatus status, string error) =>
            new EnvironmentRead(status, null, error);
    }
}
