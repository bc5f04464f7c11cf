using System;
using System.Runtime.InteropServices;

namespace GoEnvTools
{
    /// <summary>
    /// The libc calls that start a child in a session of its own and wait for it. The same symbols exist in glibc,
    /// musl and macOS's libSystem; the few constants that differ are chosen at run time.
    /// </summary>
    internal static class PosixNative
    {
        public const int EINTR = 4;
        public const int ECHILD = 10;
        public const int SIGKILL = 9;
        public const int WNOHANG = 1;
        public const short POLLIN = 0x1;
        public const int O_RDONLY = 0;

        private const short POSIX_SPAWN_SETSIGDEF = 0x04;
        private const short POSIX_SPAWN_SETSIGMASK = 0x08;
        private const int F_SETFD = 2;
        private const int FD_CLOEXEC = 1;
        private const int LinuxOCloexec = 0x80000;

        // posix_spawnattr_t and posix_spawn_file_actions_t are opaque: 336 and 80 bytes on 64-bit glibc, one pointer
        // on macOS; sigset_t is 128 bytes on glibc and 4 on macOS. These sizes cover all of them.
        public const int OpaqueSize = 1024;
        public const int SigSetSize = 256;

        private static bool IsMacOS => RuntimeInformation.IsOSPlatform(OSPlatform.OSX);

        /// <summary>
        /// POSIX_SPAWN_SETSID: glibc 2.26 and later take 0x80, macOS 0x400. The child calls setsid(), so its
        /// process id is also its process group and session id and the whole tree can be killed with one kill(-pid).
        /// </summary>
        public static short SpawnSetSid => IsMacOS ? (short)0x400 : (short)0x80;

        /// <summary>Reset every signal to its default and unblock all in the child, as libuv (and so VS Code) does.</summary>
        public static short SpawnSignalFlags => POSIX_SPAWN_SETSIGDEF | POSIX_SPAWN_SETSIGMASK;

        [StructLayout(LayoutKind.Sequential)]
        public struct PollFd
        {
            public int Fd;
            public short Events;
            public short Revents;
        }

        [DllImport("libc", EntryPoint = "posix_spawn", SetLastError = true)]
        public static extern int Spawn(out int pid, byte[] path, IntPtr fileActions, IntPtr attributes, IntPtr argv, IntPtr envp);

        [DllImport("libc", EntryPoint = "posix_spawn_file_actions_init")]
        public static extern int FileActionsInit(IntPtr fileActions);

        [DllImport("libc", EntryPoint = "posix_spawn_file_actions_destroy")]
        public static extern int FileActionsDestroy(IntPtr fileActions);

        [DllImport("libc", EntryPoint = "posix_spawn_file_actions_addopen")]
        public static extern int FileActionsAddOpen(IntPtr fileActions, int fd, byte[] path, int flags, int mode);

        [DllImport("libc", EntryPoint = "posix_spawn_file_actions_adddup2")]
        public static extern int FileActionsAddDup2(IntPtr fileActions, int fd, int newFd);

        // glibc 2.29 and later, macOS 10.15 and later.
        [DllImport("libc", EntryPoint = "posix_spawn_file_actions_addchdir_np")]
        public static extern int FileActionsAddChdir(IntPtr fileActions, byte[] path);

        [DllImport("libc", EntryPoint = "posix_spawnattr_init")]
        public static extern int AttrInit(IntPtr attributes);

        [DllImport("libc", EntryPoint = "posix_spawnattr_destroy")]
        public static extern int AttrDestroy(IntPtr attributes);

        [DllImport("libc", EntryPoint = "posix_spawnattr_setflags")]
        public static extern int AttrSetFlags(IntPtr attributes, short flags);

        [DllImport("libc", EntryPoint = "posix_spawnattr_setsigmask")]
        public static extern int AttrSetSigMask(IntPtr attributes, IntPtr sigset);

        [DllImport("libc", EntryPoint = "posix_spawnattr_setsigdefault")]
        public static extern int AttrSetSigDefault(IntPtr attributes, IntPtr sigset);

        [DllImport("libc", EntryPoint = "sigemptyset")]
        public static extern int SigEmptySet(IntPtr sigset);

        [DllImport("libc", EntryPoint = "sigfillset")]
        public static extern int SigFillSet(IntPtr sigset);

        [DllImport("libc", EntryPoint = "pipe2", SetLastError = true)]
        private static extern int Pipe2(int[] fds, int flags);

        [DllImport("libc", EntryPoint = "pipe", SetLastError = true)]
        private static extern int Pipe(int[] fds);

        [DllImport("libc", EntryPoint = "fcntl", SetLastError = true)]
        private static extern int Fcntl(int fd, int command, int argument);

        [DllImport("libc", EntryPoint = "read", SetLastError = true)]
        public static extern unsafe IntPtr Read(int fd, byte* buffer, IntPtr count);

        [DllImport("libc", EntryPoint = "close")]
        public static extern int Close(int fd);

        [DllImport("libc", EntryPoint = "poll", SetLastError = true)]
        public static extern unsafe int Poll(PollFd* fds, UIntPtr count, int timeoutMilliseconds);

        [DllImport("libc", EntryPoint = "waitpid", SetLastError = true)]
        public static extern int WaitPid(int pid, out int status, int options);

        [DllImport("libc", EntryPoint = "kill", SetLastError = true)]
        public static extern int Kill(int pid, int signal);

        /// <summary>A path as the NUL-terminated UTF-8 bytes libc takes (netstandard2.0 has no UTF-8 string marshalling).</summary>
        public static byte[] Utf8z(string text)
        {
            byte[] bytes = new byte[System.Text.Encoding.UTF8.GetByteCount(text) + 1];
            System.Text.Encoding.UTF8.GetBytes(text, 0, text.Length, bytes, 0);
            return bytes;
        }

        /// <summary>A pipe whose two ends are closed on exec, so no other child inherits them. Returns 0 or the errno.</summary>
        public static int CreatePipe(int[] fds)
        {
            if (!IsMacOS)
            {
                return Pipe2(fds, LinuxOCloexec) == 0 ? 0 : Marshal.GetLastWin32Error();
            }

            // macOS has no pipe2; the window between pipe and fcntl only matters to a fork in another thread.
            if (Pipe(fds) != 0)
            {
                return Marshal.GetLastWin32Error();
            }

            Fcntl(fds[0], F_SETFD, FD_CLOEXEC);
            Fcntl(fds[1], F_SETFD, FD_CLOEXEC);
            return 0;
        }

        /// <summary>Splits a wait status into an exit code or a signal number.</summary>
        public static void DecodeWaitStatus(int status, out int? exitCode, out int? signal)
        {
            int low = status & 0x7f;
            if (low == 0)
            {
                exitCode = (status >> 8) & 0xff;
                signal = null;
            }
            else
            {
                exitCode = null;
                signal = low == 0x7f ? (int?)null : low;
            }
        }
    }
}
