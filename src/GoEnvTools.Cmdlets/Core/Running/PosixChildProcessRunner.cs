using System;
using System.Collections;
using System.Collections.Generic;
using System.ComponentModel;
using System.Diagnostics;
using System.IO;
using System.Runtime.InteropServices;
using System.Text;
using System.Threading;

namespace GoEnvTools
{
    /// <summary>
    /// Starts children with posix_spawn in a session of their own (POSIX_SPAWN_SETSID), standard input on /dev/null
    /// and both outputs on pipes, and ends the whole session with SIGKILL when the timeout passes. .NET's Process
    /// class can do neither setsid nor a group kill, and a profile that starts helpers must not leave them behind.
    /// </summary>
    /// <remarks>
    /// Like Node's 'close' event, which VS Code waits for, a run is over when the child has exited and both pipes are
    /// closed: a helper that keeps the shell's output open holds VS Code up too, until its timeout.
    /// </remarks>
    public sealed class PosixChildProcessRunner : IChildProcessRunner
    {
        // The longest a wait blocks before it looks at the deadline and the cancellation token again.
        private const int SliceMilliseconds = 100;

        private readonly CancellationToken _cancellation;

        public PosixChildProcessRunner(CancellationToken cancellation = default)
        {
            _cancellation = cancellation;
        }

        public ChildProcessResult Run(ChildProcessRequest request)
        {
            if (request is null)
            {
                throw new ArgumentNullException(nameof(request));
            }

            Stopwatch watch = Stopwatch.StartNew();
            int[] stdout = new int[2];
            int[] stderr = new int[2];
            CheckPipe(request.FileName, PosixNative.CreatePipe(stdout));
            int pid;
            try
            {
                CheckPipe(request.FileName, PosixNative.CreatePipe(stderr));
                try
                {
                    pid = Spawn(request, stdout[1], stderr[1]);
                }
                finally
                {
                    // The parent's write ends must go, or the pipes would never report end of file.
                    PosixNative.Close(stdout[1]);
                    PosixNative.Close(stderr[1]);
                }
            }
            catch
            {
                PosixNative.Close(stdout[0]);
                if (stderr[0] != 0)
                {
                    PosixNative.Close(stderr[0]);
                }

                throw;
            }

            long deadline = request.Timeout is TimeSpan t ? (long)t.TotalMilliseconds : long.MaxValue;
            var output = new MemoryStream();
            var error = new MemoryStream();
            bool timedOut;
            int? exitCode = null;
            int? signal = null;
            try
            {
                timedOut = !DrainPipes(stdout[0], stderr[0], output, error, watch, deadline) ||
                           !WaitForExit(pid, watch, deadline, out exitCode, out signal);
            }
            catch
            {
                // Cancelled (Ctrl+C): nothing of the child's may outlive the cmdlet.
                KillGroup(pid);
                throw;
            }
            finally
            {
                PosixNative.Close(stdout[0]);
                PosixNative.Close(stderr[0]);
            }

            if (timedOut)
            {
                KillGroup(pid);
                exitCode = null;
                signal = PosixNative.SIGKILL;
            }

            watch.Stop();
            return new ChildProcessResult(pid, exitCode, signal, timedOut, output.ToArray(), error.ToArray(), watch.Elapsed);
        }

        private static void CheckPipe(string fileName, int errno)
        {
            if (errno != 0)
            {
                throw new ChildProcessStartException(fileName, errno, $"Cannot create a pipe to run {fileName}: {new Win32Exception(errno).Message}.");
            }
        }

        private static int Spawn(ChildProcessRequest request, int stdoutWrite, int stderrWrite)
        {
            IntPtr actions = Marshal.AllocHGlobal(PosixNative.OpaqueSize);
            IntPtr attributes = Marshal.AllocHGlobal(PosixNative.OpaqueSize);
            IntPtr signals = Marshal.AllocHGlobal(PosixNative.SigSetSize);
            IntPtr noSignals = Marshal.AllocHGlobal(PosixNative.SigSetSize);
            var strings = new List<IntPtr>();
            IntPtr argv = IntPtr.Zero;
            IntPtr envp = IntPtr.Zero;
            bool actionsReady = false;
            bool attributesReady = false;
            try
            {
                actionsReady = PosixNative.FileActionsInit(actions) == 0;
                attributesReady = PosixNative.AttrInit(attributes) == 0;
                if (!actionsReady || !attributesReady)
                {
                    throw new ChildProcessStartException(request.FileName, 0, $"Cannot prepare to start {request.FileName}: posix_spawn attributes could not be initialised.");
                }

                // Standard input is /dev/null, as with Node's stdio 'ignore': a profile that reads it gets end of file.
                PosixNative.FileActionsAddOpen(actions, 0, PosixNative.Utf8z("/dev/null"), PosixNative.O_RDONLY, 0);
                PosixNative.FileActionsAddDup2(actions, stdoutWrite, 1);
                PosixNative.FileActionsAddDup2(actions, stderrWrite, 2);
                if (request.WorkingDirectory is not null)
                {
                    AddChdir(actions, request);
                }

                PosixNative.SigFillSet(signals);
                PosixNative.SigEmptySet(noSignals);
                PosixNative.AttrSetSigDefault(attributes, signals);
                PosixNative.AttrSetSigMask(attributes, noSignals);
                PosixNative.AttrSetFlags(attributes, (short)(PosixNative.SpawnSetSid | PosixNative.SpawnSignalFlags));

                var args = new List<string> { request.FileName };
                args.AddRange(request.Arguments);
                argv = ToNullTerminatedArray(args, strings);
                var env = new List<string>();
                foreach (DictionaryEntry entry in request.Environment)
                {
                    env.Add(entry.Key + "=" + entry.Value);
                }

                envp = ToNullTerminatedArray(env, strings);
                int rc = PosixNative.Spawn(out int pid, PosixNative.Utf8z(request.FileName), actions, attributes, argv, envp);
                if (rc != 0)
                {
                    string where = request.WorkingDirectory is null ? string.Empty : $" in {request.WorkingDirectory}";
                    throw new ChildProcessStartException(request.FileName, rc, $"Cannot start {request.FileName}{where}: {new Win32Exception(rc).Message}.");
                }

                return pid;
            }
            finally
            {
                if (actionsReady)
                {
                    PosixNative.FileActionsDestroy(actions);
                }

                if (attributesReady)
                {
                    PosixNative.AttrDestroy(attributes);
                }

                foreach (IntPtr p in strings)
                {
                    Marshal.FreeHGlobal(p);
                }

                Marshal.FreeHGlobal(argv);
                Marshal.FreeHGlobal(envp);
                Marshal.FreeHGlobal(noSignals);
                Marshal.FreeHGlobal(signals);
                Marshal.FreeHGlobal(attributes);
                Marshal.FreeHGlobal(actions);
            }
        }

        private static void AddChdir(IntPtr actions, ChildProcessRequest request)
        {
            int rc;
            try
            {
                rc = PosixNative.FileActionsAddChdir(actions, PosixNative.Utf8z(request.WorkingDirectory!));
            }
            catch (EntryPointNotFoundException)
            {
                throw new ChildProcessStartException(request.FileName, 0,
                    $"Cannot start {request.FileName} in {request.WorkingDirectory}: this C library has no posix_spawn_file_actions_addchdir_np (glibc 2.29 or later, macOS 10.15 or later).");
            }

            if (rc != 0)
            {
                throw new ChildProcessStartException(request.FileName, rc, $"Cannot start {request.FileName} in {request.WorkingDirectory}: {new Win32Exception(rc).Message}.");
            }
        }

        private static IntPtr ToNullTerminatedArray(List<string> items, List<IntPtr> owned)
        {
            IntPtr array = Marshal.AllocHGlobal(IntPtr.Size * (items.Count + 1));
            for (int i = 0; i < items.Count; i++)
            {
                byte[] bytes = PosixNative.Utf8z(items[i]);
                IntPtr text = Marshal.AllocHGlobal(bytes.Length);
                owned.Add(text);
                Marshal.Copy(bytes, 0, text, bytes.Length);
                Marshal.WriteIntPtr(array, i * IntPtr.Size, text);
            }

            Marshal.WriteIntPtr(array, items.Count * IntPtr.Size, IntPtr.Zero);
            return array;
        }

        private int Remaining(Stopwatch watch, long deadline)
        {
            _cancellation.ThrowIfCancellationRequested();
            long left = deadline - watch.ElapsedMilliseconds;
            return (int)Math.Max(0, Math.Min(left, SliceMilliseconds));
        }

        // Reads both pipes until both report end of file. False when the deadline came first.
        private unsafe bool DrainPipes(int outFd, int errFd, MemoryStream output, MemoryStream error, Stopwatch watch, long deadline)
        {
            var fds = stackalloc PosixNative.PollFd[2];
            fds[0] = new PosixNative.PollFd { Fd = outFd, Events = PosixNative.POLLIN };
            fds[1] = new PosixNative.PollFd { Fd = errFd, Events = PosixNative.POLLIN };
            byte[] buffer = new byte[65536];
            int open = 2;
            while (open > 0)
            {
                if (watch.ElapsedMilliseconds >= deadline)
                {
                    return false;
                }

                int ready = PosixNative.Poll(fds, (UIntPtr)2, Remaining(watch, deadline));
                if (ready < 0)
                {
                    int errno = Marshal.GetLastWin32Error();
                    if (errno == PosixNative.EINTR)
                    {
                        continue;
                    }

                    throw new IOException($"poll failed while reading a child's output: {new Win32Exception(errno).Message}.");
                }

                for (int i = 0; i < 2; i++)
                {
                    // POLLIN, POLLHUP or POLLERR: a read tells which (data, or 0 for end of file).
                    if (fds[i].Fd < 0 || fds[i].Revents == 0)
                    {
                        continue;
                    }

                    long n;
                    fixed (byte* p = buffer)
                    {
                        n = (long)PosixNative.Read(fds[i].Fd, p, (IntPtr)buffer.Length);
                    }

                    if (n > 0)
                    {
                        (i == 0 ? output : error).Write(buffer, 0, (int)n);
                    }
                    else if (n == 0 || Marshal.GetLastWin32Error() != PosixNative.EINTR)
                    {
                        // A negative fd is skipped by poll: this pipe is done.
                        fds[i].Fd = -1;
                        open--;
                    }
                }
            }

            return true;
        }

        // Reaps the child. False when the deadline came first.
        private bool WaitForExit(int pid, Stopwatch watch, long deadline, out int? exitCode, out int? signal)
        {
            exitCode = null;
            signal = null;
            while (true)
            {
                int rc = PosixNative.WaitPid(pid, out int status, PosixNative.WNOHANG);
                if (rc == pid)
                {
                    PosixNative.DecodeWaitStatus(status, out exitCode, out signal);
                    return true;
                }

                if (rc < 0)
                {
                    int errno = Marshal.GetLastWin32Error();
                    if (errno == PosixNative.EINTR)
                    {
                        continue;
                    }

                    // ECHILD: someone else reaped it (a SIGCHLD handler that reaps every child); the status is lost.
                    return true;
                }

                if (watch.ElapsedMilliseconds >= deadline)
                {
                    return false;
                }

                // The child closed its output but has not exited yet: usually a matter of microseconds. Wait a
                // little with poll on no descriptors (a sleep that the deadline bounds).
                unsafe
                {
                    PosixNative.Poll(null, UIntPtr.Zero, Math.Min(Remaining(watch, deadline), 5));
                }
            }
        }

        // Ends the child's session: the shell and everything its profile started, then reaps the shell.
        private static void KillGroup(int pid)
        {
            PosixNative.Kill(-pid, PosixNative.SIGKILL);
            while (PosixNative.WaitPid(pid, out _, 0) < 0 && Marshal.GetLastWin32Error() == PosixNative.EINTR)
            {
            }
        }
    }
}
