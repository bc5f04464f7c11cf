using System;
using System.Runtime.InteropServices;
using System.Text;

namespace GoEnvTools.Windows
{
    /// <summary>The kernel32, ntdll and advapi32 calls the Windows provider makes. Called only on Windows.</summary>
    internal static unsafe class WindowsNative
    {
        public const int ERROR_ACCESS_DENIED = 5;
        public const int ERROR_INVALID_PARAMETER = 87;
        public const int ERROR_INSUFFICIENT_BUFFER = 122;
        public const int ERROR_NO_MORE_FILES = 18;

        public const uint PROCESS_VM_READ = 0x0010;
        public const uint PROCESS_QUERY_LIMITED_INFORMATION = 0x1000;
        public const uint TOKEN_QUERY = 0x0008;
        public const uint TH32CS_SNAPPROCESS = 0x00000002;
        public const uint STILL_ACTIVE = 259;

        public const int ProcessBasicInformation = 0;
        public const int ProcessWow64Information = 26;
        public const int TokenUser = 1;

        public static readonly IntPtr InvalidHandle = new IntPtr(-1);

        /// <summary>PROCESSENTRY32W (tlhelp32.h).</summary>
        [StructLayout(LayoutKind.Sequential, CharSet = CharSet.Unicode)]
        public struct ProcessEntry32
        {
            public uint dwSize;
            public uint cntUsage;
            public uint th32ProcessID;
            public UIntPtr th32DefaultHeapID;
            public uint th32ModuleID;
            public uint cntThreads;
            public uint th32ParentProcessID;
            public int pcPriClassBase;
            public uint dwFlags;
            public fixed char szExeFile[260];
        }

        /// <summary>PROCESS_BASIC_INFORMATION (winternl.h), for the caller's own pointer size.</summary>
        [StructLayout(LayoutKind.Sequential)]
        public struct ProcessBasicInfo
        {
            public IntPtr ExitStatus;
            public IntPtr PebBaseAddress;
            public IntPtr AffinityMask;
            public IntPtr BasePriority;
            public IntPtr UniqueProcessId;
            public IntPtr InheritedFromUniqueProcessId;
        }

        [DllImport("kernel32.dll", SetLastError = true)]
        public static extern IntPtr CreateToolhelp32Snapshot(uint flags, uint processId);

        [DllImport("kernel32.dll", SetLastError = true)]
        public static extern bool Process32FirstW(IntPtr snapshot, ref ProcessEntry32 entry);

        [DllImport("kernel32.dll", SetLastError = true)]
        public static extern bool Process32NextW(IntPtr snapshot, ref ProcessEntry32 entry);

        [DllImport("kernel32.dll", SetLastError = true)]
        public static extern bool CloseHandle(IntPtr handle);

        [DllImport("kernel32.dll", SetLastError = true)]
        public static extern IntPtr OpenProcess(uint access, bool inherit, uint processId);

        [DllImport("kernel32.dll", SetLastError = true)]
        public static extern bool GetProcessTimes(IntPtr process, out long creation, out long exit, out long kernel, out long user);

        [DllImport("kernel32.dll", SetLastError = true)]
        public static extern bool GetExitCodeProcess(IntPtr process, out uint exitCode);

        [DllImport("kernel32.dll", SetLastError = true, CharSet = CharSet.Unicode)]
        public static extern bool QueryFullProcessImageNameW(IntPtr process, uint flags, char* name, ref uint size);

        [DllImport("kernel32.dll", SetLastError = true)]
        public static extern bool ReadProcessMemory(IntPtr process, IntPtr address, byte* buffer, UIntPtr size, out UIntPtr read);

        [DllImport("kernel32.dll")]
        public static extern IntPtr GetCurrentProcess();

        [DllImport("ntdll.dll")]
        public static extern int NtQueryInformationProcess(IntPtr process, int infoClass, void* info, uint size, out uint returned);

        [DllImport("advapi32.dll", SetLastError = true)]
        public static extern bool OpenProcessToken(IntPtr process, uint access, out IntPtr token);

        [DllImport("advapi32.dll", SetLastError = true)]
        public static extern bool GetTokenInformation(IntPtr token, int infoClass, byte* info, uint size, out uint returned);

        [DllImport("advapi32.dll", SetLastError = true, CharSet = CharSet.Unicode)]
        public static extern bool LookupAccountSidW(string? system, IntPtr sid, char* name, ref uint nameSize, char* domain, ref uint domainSize, out int use);

        public static string EntryName(ref ProcessEntry32 entry)
        {
            fixed (char* name = entry.szExeFile)
            {
                int length = 0;
                while (length < 260 && name[length] != '\0')
                {
                    length++;
                }

                return new string(name, 0, length);
            }
        }

        public static string? ImagePath(IntPtr process)
        {
            uint size = 32768;
            char* buffer = stackalloc char[(int)size];
            return QueryFullProcessImageNameW(process, 0, buffer, ref size) ? new string(buffer, 0, (int)size) : null;
        }

        /// <summary>"DOMAIN\user" of the process's token, or null where the token may not be opened.</summary>
        public static string? OwnerOf(IntPtr process)
        {
            if (!OpenProcessToken(process, TOKEN_QUERY, out IntPtr token))
            {
                return null;
            }

            try
            {
                byte* info = stackalloc byte[256];
                if (!GetTokenInformation(token, TokenUser, info, 256, out _))
                {
                    return null;
                }

                // TOKEN_USER starts with SID_AND_ATTRIBUTES, whose first field is the SID pointer.
                IntPtr sid = *(IntPtr*)info;
                uint nameSize = 256, domainSize = 256;
                char* name = stackalloc char[256];
                char* domain = stackalloc char[256];
                if (!LookupAccountSidW(null, sid, name, ref nameSize, domain, ref domainSize, out _))
                {
                    return null;
                }

                var text = new StringBuilder();
                if (domainSize > 0)
                {
                    text.Append(domain, (int)domainSize).Append('\\');
                }

                return text.Append(name, (int)nameSize).ToString();
            }
            finally
            {
                CloseHandle(token);
            }
        }
    }
}
