using System;
using System.Collections;
using System.Collections.Generic;

namespace GoEnvTools
{
    /// <summary>
    /// Runs one program to its end with exactly the environment, folder and arguments given, standard input closed,
    /// and its output captured as bytes. The seam every cmdlet that starts a program goes through.
    /// </summary>
    public interface IChildProcessRunner
    {
        /// <summary>
        /// Starts the program, waits until it has exited and closed its output (or the timeout ends it and every
        /// process it started) and returns what it wrote. Throws <see cref="ChildProcessStartException"/> when it
        /// cannot be started at all.
        /// </summary>
        ChildProcessResult Run(ChildProcessRequest request);
    }

    /// <summary>What to run and how.</summary>
    public sealed class ChildProcessRequest
    {
        public ChildProcessRequest(string fileName, IReadOnlyList<string> arguments, IDictionary environment)
        {
            FileName = fileName ?? throw new ArgumentNullException(nameof(fileName));
            Arguments = arguments ?? throw new ArgumentNullException(nameof(arguments));
            Environment = environment ?? throw new ArgumentNullException(nameof(environment));
        }

        /// <summary>An absolute path: the runner searches no PATH, so the caller decides which program runs.</summary>
        public string FileName { get; }

        /// <summary>The arguments after argv[0], which is <see cref="FileName"/>.</summary>
        public IReadOnlyList<string> Arguments { get; }

        /// <summary>The whole environment of the child, names to values; nothing of the caller's is added.</summary>
        public IDictionary Environment { get; }

        /// <summary>The folder the child starts in; null keeps the caller's.</summary>
        public string? WorkingDirectory { get; set; }

        /// <summary>How long the child and everything it starts may run; null waits for ever.</summary>
        public TimeSpan? Timeout { get; set; }
    }

    /// <summary>How a child ended and what it wrote.</summary>
    public sealed class ChildProcessResult
    {
        public ChildProcessResult(int processId, int? exitCode, int? signal, bool timedOut, byte[] standardOutput, byte[] standardError, TimeSpan elapsed)
        {
            ProcessId = processId;
            ExitCode = exitCode;
            Signal = signal;
            TimedOut = timedOut;
            StandardOutput = standardOutput;
            StandardError = standardError;
            Elapsed = elapsed;
        }

        public int ProcessId { get; }

        /// <summary>The exit status; null when a signal ended it, when it timed out, or when it could not be learnt.</summary>
        public int? ExitCode { get; }

        /// <summary>The signal that ended it, if one did.</summary>
        public int? Signal { get; }

        /// <summary>True when the timeout ended it: its whole process group was killed.</summary>
        public bool TimedOut { get; }

        public byte[] StandardOutput { get; }

        public byte[] StandardError { get; }

        public TimeSpan Elapsed { get; }
    }

    /// <summary>The program could not be started (missing, not executable, bad folder).</summary>
    public sealed class ChildProcessStartException : Exception
    {
        public ChildProcessStartException(string fileName, int errorNumber, string message)
            : base(message)
        {
            FileName = fileName;
            ErrorNumber = errorNumber;
        }

        public string FileName { get; }

        /// <summary>The errno posix_spawn gave, or 0.</summary>
        public int ErrorNumber { get; }
    }
}
