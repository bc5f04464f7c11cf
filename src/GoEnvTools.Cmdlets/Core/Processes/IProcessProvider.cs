using System.Collections.Generic;

namespace GoEnvTools
{
    /// <summary>
    /// The process table of one operating system. Every method answers for the moment it is called:
    /// a process may be gone by the next call, which callers treat as a normal outcome.
    /// </summary>
    public interface IProcessProvider
    {
        /// <summary>True where environment variable names compare case-insensitively (Windows).</summary>
        bool EnvironmentIgnoresCase { get; }

        /// <summary>The real user id of the calling process, or null where the OS has none (Windows).</summary>
        int? CurrentUserId { get; }

        /// <summary>The user name of the calling process.</summary>
        string? CurrentUserName { get; }

        /// <summary>Every process id in the table, in no particular order.</summary>
        IReadOnlyList<int> GetProcessIds();

        /// <summary>The short name of a process (as the process table lists it), or null when it is gone.</summary>
        string? GetProcessName(int processId);

        /// <summary>Everything but the environment, or null when there is no such process.</summary>
        ProcessInfo? GetProcess(int processId);

        /// <summary>The environment the process holds, with a status that never hides a failure.</summary>
        EnvironmentRead GetEnvironment(int processId);

        /// <summary>The start time as a stable token, used to tell a process from a later one that reused its id.</summary>
        long? GetStartToken(int processId);

        /// <summary>Whether the file exists, is not a directory, and may be executed.</summary>
        bool IsExecutableFile(string path);
    }
}
