using System;
using System.Runtime.InteropServices;

namespace GoEnvTools.Windows
{
    /// <summary>Another process's memory through ReadProcessMemory on a handle opened with PROCESS_VM_READ.</summary>
    internal sealed unsafe class WindowsProcessMemory : IProcessMemory
    {
        private readonly IntPtr _process;

        public WindowsProcessMemory(IntPtr process)
        {
            _process = process;
        }

        public int Read(ulong address, byte[] buffer, int count)
        {
            if (IntPtr.Size == 4 && address > uint.MaxValue)
            {
                return PebReader.ErrorPartialCopy;
            }

            fixed (byte* target = buffer)
            {
                if (WindowsNative.ReadProcessMemory(_process, new IntPtr(unchecked((long)address)), target, new UIntPtr((uint)count), out UIntPtr read))
                {
                    return read.ToUInt64() == (ulong)count ? 0 : PebReader.ErrorPartialCopy;
                }

                int error = Marshal.GetLastWin32Error();
                return error == 0 ? PebReader.ErrorPartialCopy : error;
            }
        }
    }
}
