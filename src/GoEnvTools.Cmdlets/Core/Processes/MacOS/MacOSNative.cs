using System;
using System.Collections;
using System.Collections.Generic;
using System.IO;
using System.Runtime.InteropServices;
using System.Text;
using System.Threading;

namespace GoEnvTools.MacOS
{
    /// <summary>
    /// The real macOS calls, into libSystem ("libc" resolves to /usr/lib/libc.dylib, a link to libSystem, which also
    /// exports the libproc functions). Nothing here runs in this project's CI, which has no Mac: the provider logic
    /// above it is tested through a fake <see cref="IMacOSNative"/>.
    /// </summary>
    public sealed class MacOSNative : IMacOSNative
    {
        // <sys/sysctl.h>
        private const int CTL_KERN = 1;
        private const int KERN_PROC = 14;
        private const int KERN_PROC_ALL = 0;
        private const int KERN_PROC_PID = 1;
        private const int KERN_PROCARGS2 = 49;

        // <sys/errno.h> of macOS.
        public const int EPERM = 1;
        public const int ESRCH = 3;
        public const int EIO = 5;
        public const int ENOMEM = 12;
        public const int EACCES = 13;
        public const int EINVAL = 22;

        // <libproc.h>, <sys/proc_info.h>
        private const int PROC_PIDPATHINFO_MAXSIZE = 4096;
        private const int PROC_PIDVNODEPATHINFO = 9;
        private const int ProcVnodePathInfoSize = 2352;
        private const int X_OK = 1;

        [DllImport("libc", EntryPoint = "sysctl", SetLastError = true)]
        private static extern unsafe int Sysctl(int* name, uint nameLength, byte* oldValue, IntPtr* oldLength, IntPtr newValue, IntPtr newLength);

        [DllImport("libc", EntryPoint = "sysctlbyname", SetLastError = true)]
        private static extern unsafe int SysctlByName([MarshalAs(UnmanagedType.LPStr)] string name, byte* oldValue, IntPtr* oldLength, IntPtr newValue, IntPtr newLength);

        [DllImport("libc", EntryPoint = "proc_pidpath", SetLastError = true)]
        private static extern int ProcPidPath(int pid, byte[] buffer, uint bufferSize);

        [DllImport("libc", EntryPoint = "proc_pidinfo", SetLastError = true)]
        private static extern int ProcPidInfo(int pid, int flavor, ulong arg, byte[] buffer, int bufferSize);

        [DllImport("libc", EntryPoint = "getuid")]
        private static extern uint GetUidNative();

        [DllImport("libc", EntryPoint = "access", SetLastError = true)]
        private static extern int Access([MarshalAs(UnmanagedType.LPStr)] string path, int mode);

        public uint GetUid() => GetUidNative();

        public unsafe int ArgumentMax()
        {
            int value = 0;
            IntPtr size = (IntPtr)sizeof(int);
            return SysctlByName("kern.argmax", (byte*)&value, &size, IntPtr.Zero, IntPtr.Zero) == 0
                ? value
                : -Marshal.GetLastWin32Error();
        }

        public unsafe int ReadProcessTable(out byte[] data, out int length)
        {
            int* name = stackalloc int[] { CTL_KERN, KERN_PROC, KERN_PROC_ALL };
            data = Array.Empty<byte>();
            length = 0;

            // The table can grow between asking its size and reading it: leave room, and try again on ENOMEM.
            for (int attempt = 0; attempt < 8; attempt++)
            {
                IntPtr size = IntPtr.Zero;
                if (Sysctl(name, 3, null, &size, IntPtr.Zero, IntPtr.Zero) != 0)
                {
                    return Marshal.GetLastWin32Error();
                }

                long wanted = (long)size + (32L * KinfoProcLayout.Size);
                data = new byte[wanted];
                size = (IntPtr)wanted;
                int rc;
                fixed (byte* p = data)
                {
                    rc = Sysctl(name, 3, p, &size, IntPtr.Zero, IntPtr.Zero);
                }

                if (rc == 0)
                {
                    length = (int)size;
                    return 0;
                }

                int errno = Marshal.GetLastWin32Error();
                if (errno != ENOMEM)
                {
                    return errno;
                }
            }

            return ENOMEM;
        }

        public unsafe int ReadProcess(int processId, byte[] buffer, out int length)
        {
            int* name = stackalloc int[] { CTL_KERN, KERN_PROC, KERN_PROC_PID, processId };
            return Read(name, 4, buffer, out length);
        }

        public unsafe int ReadProcessArguments(int processId, byte[] buffer, out int length)
        {
            int* name = stackalloc int[] { CTL_KERN, KERN_PROCARGS2, processId };
            return Read(name, 3, buffer, out length);
        }

        private static unsafe int Read(int* name, uint nameLength, byte[] buffer, out int length)
        {
            IntPtr size = (IntPtr)buffer.Length;
            int rc;
            fixed (byte* p = buffer)
            {
                rc = Sysctl(name, nameLength, p, &size, IntPtr.Zero, IntPtr.Zero);
            }

            if (rc != 0)
            {
                length = 0;
                return Marshal.GetLastWin32Error();
            }

            length = (int)size;
            return 0;
        }

        public string? ExecutablePath(int processId)
        {
            var buffer = new byte[PROC_PIDPATHINFO_MAXSIZE];
            int n = ProcPidPath(processId, buffer, (uint)buffer.Length);
            return n > 0 ? Encoding.UTF8.GetString(buffer, 0, n) : null;
        }

        public string? WorkingDirectory(int processId)
        {
            var buffer = new byte[ProcVnodePathInfoSize];
            int n = ProcPidInfo(processId, PROC_PIDVNODEPATHINFO, 0, buffer, buffer.Length);
            return n == buffer.Length ? MacOSParsers.ParseWorkingDirectory(buffer, n) : null;
        }

        public string? UserNameOf(uint userId) => PosixPasswd.Field(userId, PosixPasswd.NameOffset);

        public bool IsExecutableFile(string path) => Access(path, X_OK) == 0 && File.Exists(path);

        public string? RunPs(IReadOnlyList<string> arguments)
        {
            // C locale: lstart in the one format the parser reads. A fixed PATH: ps needs nothing else.
            var environment = new Hashtable { ["LC_ALL"] = "C", ["PATH"] = "/usr/bin:/bin:/usr/sbin:/sbin" };
            var request = new ChildProcessRequest("/bin/ps", arguments, environment) { Timeout = TimeSpan.FromSeconds(10) };
            try
            {
                ChildProcessResult result = new PosixChildProcessRunner(CancellationToken.None).Run(request);
                return result.ExitCode == 0 ? Encoding.UTF8.GetString(result.StandardOutput) : null;
            }
            catch (ChildProcessStartException)
            {
                return null;
            }
        }
    }
}
