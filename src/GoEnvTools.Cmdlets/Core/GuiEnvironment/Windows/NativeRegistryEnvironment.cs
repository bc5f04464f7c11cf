using System;
using System.Collections.Generic;
using System.ComponentModel;
using System.Runtime.InteropServices;
using System.Text;

namespace GoEnvTools
{
    /// <summary>The real registry through advapi32, and the broadcast through user32. Compiles everywhere; runs on Windows (and Wine).</summary>
    public sealed class NativeRegistryEnvironment : IRegistryEnvironment
    {
        private const string UserKey = "Environment";
        private const string MachineKey = @"SYSTEM\CurrentControlSet\Control\Session Manager\Environment";
        private static readonly UIntPtr s_currentUser = new UIntPtr(0x80000001u);
        private static readonly UIntPtr s_localMachine = new UIntPtr(0x80000002u);

        private const int KeyQueryValue = 0x0001;
        private const int KeySetValue = 0x0002;
        private const int KeyRead = 0x20019;
        private const int ErrorSuccess = 0;
        private const int ErrorFileNotFound = 2;
        private const int ErrorMoreData = 234;
        private const int ErrorNoMoreItems = 259;
        private const int RegSz = 1;
        private const int RegExpandSz = 2;
        private const int HwndBroadcast = 0xffff;
        private const int WmSettingChange = 0x001A;
        private const int SmtoAbortIfHung = 0x0002;

        /// <summary>How long SendMessageTimeout waits for one window before it gives up on it.</summary>
        public const int BroadcastTimeoutMilliseconds = 5000;

        public IReadOnlyList<RegistryEnvironmentValue> List(RegistryEnvironmentHive hive)
        {
            var list = new List<RegistryEnvironmentValue>();
            UIntPtr key = Open(hive == RegistryEnvironmentHive.User ? s_currentUser : s_localMachine, hive == RegistryEnvironmentHive.User ? UserKey : MachineKey, KeyRead, optional: true);
            if (key == UIntPtr.Zero)
            {
                return list;
            }

            try
            {
                for (int index = 0; ; index++)
                {
                    var name = new StringBuilder(16384);
                    int nameLength = name.Capacity;
                    int status = RegEnumValueW(key, index, name, ref nameLength, IntPtr.Zero, out int kind, null, IntPtr.Zero);
                    if (status == ErrorNoMoreItems)
                    {
                        break;
                    }

                    if (status != ErrorSuccess && status != ErrorMoreData)
                    {
                        throw Failure("RegEnumValueW", status);
                    }

                    if ((kind == RegSz || kind == RegExpandSz) && Query(key, name.ToString()) is RegistryEnvironmentValue value)
                    {
                        list.Add(value);
                    }
                }
            }
            finally
            {
                RegCloseKey(key);
            }

            return list;
        }

        public RegistryEnvironmentValue? Get(string name)
        {
            UIntPtr key = Open(s_currentUser, UserKey, KeyQueryValue, optional: true);
            if (key == UIntPtr.Zero)
            {
                return null;
            }

            try
            {
                return Query(key, name);
            }
            finally
            {
                RegCloseKey(key);
            }
        }

        public void Set(string name, string value, bool expand)
        {
            UIntPtr key = Open(s_currentUser, UserKey, KeySetValue, optional: false);
            try
            {
                byte[] data = Encoding.Unicode.GetBytes(value + "\0");
                int status = RegSetValueExW(key, name, 0, expand ? RegExpandSz : RegSz, data, data.Length);
                if (status != ErrorSuccess)
                {
                    throw Failure("RegSetValueExW", status);
                }
            }
            finally
            {
                RegCloseKey(key);
            }
        }

        public void Delete(string name)
        {
            UIntPtr key = Open(s_currentUser, UserKey, KeySetValue, optional: true);
            if (key == UIntPtr.Zero)
            {
                return;
            }

            try
            {
                int status = RegDeleteValueW(key, name);
                if (status != ErrorSuccess && status != ErrorFileNotFound)
                {
                    throw Failure("RegDeleteValueW", status);
                }
            }
            finally
            {
                RegCloseKey(key);
            }
        }

        public string? BroadcastEnvironmentChange()
        {
            IntPtr sent = SendMessageTimeoutW(new IntPtr(HwndBroadcast), WmSettingChange, UIntPtr.Zero, "Environment", SmtoAbortIfHung, BroadcastTimeoutMilliseconds, out _);
            if (sent != IntPtr.Zero)
            {
                return null;
            }

            int error = Marshal.GetLastWin32Error();
            return error == 0 ? "SendMessageTimeout returned 0" : $"SendMessageTimeout: {new Win32Exception(error).Message} (error {error})";
        }

        private static RegistryEnvironmentValue? Query(UIntPtr key, string name)
        {
            int size = 0;
            int status = RegQueryValueExW(key, name, IntPtr.Zero, out int kind, null, ref size);
            if (status == ErrorFileNotFound)
            {
                return null;
            }

            if (status != ErrorSuccess && status != ErrorMoreData)
            {
                throw Failure("RegQueryValueExW", status);
            }

            if (kind != RegSz && kind != RegExpandSz)
            {
                return null;
            }

            var data = new byte[size];
            status = RegQueryValueExW(key, name, IntPtr.Zero, out kind, data, ref size);
            if (status != ErrorSuccess)
            {
                throw Failure("RegQueryValueExW", status);
            }

            string text = Encoding.Unicode.GetString(data, 0, size);
            int nul = text.IndexOf('\0');
            return new RegistryEnvironmentValue(name, nul >= 0 ? text.Substring(0, nul) : text, kind == RegExpandSz);
        }

        private static UIntPtr Open(UIntPtr root, string subKey, int access, bool optional)
        {
            int status = RegOpenKeyExW(root, subKey, 0, access, out UIntPtr key);
            if (status == ErrorSuccess)
            {
                return key;
            }

            if (optional && status == ErrorFileNotFound)
            {
                return UIntPtr.Zero;
            }

            throw Failure($"RegOpenKeyExW({subKey})", status);
        }

        private static System.IO.IOException Failure(string call, int status) =>
            new System.IO.IOException($"{call} failed: {new Win32Exception(status).Message} (error {status}).");

        [DllImport("advapi32.dll", CharSet = CharSet.Unicode)]
        private static extern int RegOpenKeyExW(UIntPtr key, string subKey, int options, int desired, out UIntPtr result);

        [DllImport("advapi32.dll", CharSet = CharSet.Unicode)]
        private static extern int RegQueryValueExW(UIntPtr key, string name, IntPtr reserved, out int kind, byte[]? data, ref int size);

        [DllImport("advapi32.dll", CharSet = CharSet.Unicode)]
        private static extern int RegSetValueExW(UIntPtr key, string name, int reserved, int kind, byte[] data, int size);

        [DllImport("advapi32.dll", CharSet = CharSet.Unicode)]
        private static extern int RegDeleteValueW(UIntPtr key, string name);

        [DllImport("advapi32.dll", CharSet = CharSet.Unicode)]
        private static extern int RegEnumValueW(UIntPtr key, int index, StringBuilder name, ref int nameLength, IntPtr reserved, out int kind, byte[]? data, IntPtr dataLength);

        [DllImport("advapi32.dll")]
        private static extern int RegCloseKey(UIntPtr key);

        [DllImport("user32.dll", CharSet = CharSet.Unicode, SetLastError = true)]
        private static extern IntPtr SendMessageTimeoutW(IntPtr window, int message, UIntPtr wParam, string lParam, int flags, int timeout, out UIntPtr result);
    }
}
