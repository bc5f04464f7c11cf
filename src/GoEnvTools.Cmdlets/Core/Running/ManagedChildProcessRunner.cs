using System;
using System.Collections;
using System.Collections.Generic;
using System.ComponentModel;
using System.Diagnostics;
using System.IO;
using System.Reflection;
using System.Text;
using System.Threading;
using System.Threading.Tasks;

namespace GoEnvTools
{
    /// <summary>
    /// The runner for Windows, where posix_spawn does not exist: .NET's Process with the environment replaced,
    /// standard input closed at once and both outputs read as bytes. On a timeout it ends the process and, where the
    /// runtime can (.NET Core 3 and later), every process it started; Windows has no process group to kill.
    /// </summary>
    public sealed class ManagedChildProcessRunner : IChildProcessRunner
    {
        // Process.Kill(bool entireProcessTree) exists from .NET Core 3.0; this assembly targets netstandard2.0.
        private static readonly MethodInfo? s_killTree = typeof(Process).GetMethod("Kill", new[] { typeof(bool) });

        private readonly CancellationToken _cancellation;

        public ManagedChildProcessRunner(CancellationToken cancellation = default)
        {
            _cancellation = cancellation;
        }

        public ChildProcessResult Run(ChildProcessRequest request)
        {
            if (request is null)
            {
                throw new ArgumentNullException(nameof(request));
            }

            var info = new ProcessStartInfo(request.FileName, JoinArguments(request.Arguments))
            {
                UseShellExecute = false,
                RedirectStandardInput = true,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                CreateNoWindow = true,
            };
            if (request.WorkingDirectory is not null)
            {
                info.WorkingDirectory = request.WorkingDirectory;
            }

            info.Environment.Clear();
            foreach (DictionaryEntry entry in request.Environment)
            {
                info.Environment[(string)entry.Key] = entry.Value as string;
            }

            Stopwatch watch = Stopwatch.StartNew();
            Process process;
            try
            {
                process = Process.Start(info)!;
            }
            catch (Win32Exception ex)
            {
                throw new ChildProcessStartException(request.FileName, ex.NativeErrorCode, $"Cannot start {request.FileName}: {ex.Message}.");
            }

            using (process)
            {
                process.StandardInput.Close();
                var output = new MemoryStream();
                var error = new MemoryStream();
                Task copying = Task.WhenAll(
                    process.StandardOutput.BaseStream.CopyToAsync(output),
                    process.StandardError.BaseStream.CopyToAsync(error));
                int limit = request.Timeout is TimeSpan t ? (int)Math.Min(int.MaxValue, t.TotalMilliseconds) : Timeout.Infinite;
                bool finished;
                try
                {
                    // As with the POSIX runner, the run is over when the process has exited and its outputs are closed.
                    finished = Task.WaitAll(new[] { copying, Task.Run(() => process.WaitForExit()) }, limit, _cancellation);
                }
                catch (OperationCanceledException)
                {
                    End(process);
                    throw;
                }

                if (!finished)
                {
                    End(process);
                    watch.Stop();
                    return new ChildProcessResult(process.Id, null, null, true, output.ToArray(), error.ToArray(), watch.Elapsed);
                }

                watch.Stop();
                return new ChildProcessResult(process.Id, process.ExitCode, null, false, output.ToArray(), error.ToArray(), watch.Elapsed);
            }
        }

        /// <summary>Quotes each argument so that the C runtime's command-line parser gives it back unchanged.</summary>
        public static string JoinArguments(IEnumerable<string> arguments)
        {
            var line = new StringBuilder();
            foreach (string argument in arguments)
            {
                if (line.Length > 0)
                {
                    line.Append(' ');
                }

                if (argument.Length > 0 && argument.IndexOfAny(new[] { ' ', '\t', '\n', '\v', '"' }) < 0)
                {
                    line.Append(argument);
                    continue;
                }

                line.Append('"');
                int backslashes = 0;
                foreach (char c in argument)
                {
                    if (c == '\\')
                    {
                        backslashes++;
                        continue;
                    }

                    // Backslashes are literal unless a quote follows: then each is doubled and the quote escaped.
                    line.Append('\\', c == '"' ? (backslashes * 2) + 1 : backslashes);
                    backslashes = 0;
                    line.Append(c);
                }

                line.Append('\\', backslashes * 2);
                line.Append('"');
            }

            return line.ToString();
        }

        private static void End(Process process)
        {
            try
            {
                if (s_killTree is not null)
                {
                    s_killTree.Invoke(process, new object[] { true });
                }
                else
                {
                    process.Kill();
                }

                process.WaitForExit();
            }
            catch (InvalidOperationException)
            {
                // It exited on its own meanwhile.
            }
            catch (TargetInvocationException ex) when (ex.InnerException is InvalidOperationException)
            {
                // Likewise, reported through reflection.
            }
        }
    }
}
