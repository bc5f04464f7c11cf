using System.Collections.Generic;

namespace GoEnvTools.MacOS
{
    /// <summary>
    /// The macOS system calls the provider makes, kept behind one seam so that the provider's own logic (the table,
    /// ancestry, status mapping, the fallback to ps) runs in Linux tests over fixtures through a fake. The real
    /// implementation is <see cref="MacOSNative"/>; it runs only on macOS.
    /// </summary>
    public interface IMacOSNative
    {
        /// <summary>getuid().</summary>
        uint GetUid();

        /// <summary><c>sysctlbyname("kern.argmax")</c>: the size of the largest argument area, or -errno.</summary>
        int ArgumentMax();

        /// <summary>
        /// <c>sysctl(CTL_KERN, KERN_PROC, KERN_PROC_ALL)</c>: every kinfo_proc record. Returns 0 with the bytes and
        /// their length, or the errno.
        /// </summary>
        int ReadProcessTable(out byte[] data, out int length);

        /// <summary>
        /// <c>sysctl(CTL_KERN, KERN_PROC, KERN_PROC_PID, pid)</c> into <paramref name="buffer"/> (one record). Returns
        /// 0 with the length (0 when there is no such process), or the errno.
        /// </summary>
        int ReadProcess(int processId, byte[] buffer, out int length);

        /// <summary>
        /// <c>sysctl(CTL_KERN, KERN_PROCARGS2, pid)</c> into <paramref name="buffer"/>. Returns 0 with the length the
        /// kernel reported, or the errno.
        /// </summary>
        int ReadProcessArguments(int processId, byte[] buffer, out int length);

        /// <summary><c>proc_pidpath</c>: the executable's absolute path, or null.</summary>
        string? ExecutablePath(int processId);

        /// <summary><c>proc_pidinfo(PROC_PIDVNODEPATHINFO)</c>: the working directory, or null.</summary>
        string? WorkingDirectory(int processId);

        /// <summary>getpwuid_r's pw_name, or null.</summary>
        string? UserNameOf(uint userId);

        /// <summary>access(X_OK) on an existing file.</summary>
        bool IsExecutableFile(string path);

        /// <summary>Runs /bin/ps with <paramref name="arguments"/> under LC_ALL=C; its output, or null when it failed.</summary>
        string? RunPs(IReadOnlyList<string> arguments);
    }
}
