namespace GoEnvTools
{
    /// <summary>A provider that can read a process a second way and say where the two reads disagree.</summary>
    public interface IProcessCrossCheck
    {
        /// <summary>
        /// What the second source says differently about <paramref name="info"/>, or null when it agrees or when
        /// <paramref name="info"/> already came from that source. Slow: one query per process.
        /// </summary>
        string? CrossCheck(int processId, ProcessInfo info);
    }
}
