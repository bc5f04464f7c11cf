namespace GoEnvTools.Windows
{
    /// <summary>
    /// Offsets in a process's PEB and RTL_USER_PROCESS_PARAMETERS for one pointer size. PEB.ProcessParameters and the
    /// ImagePathName and CommandLine UNICODE_STRINGs are declared in the Windows SDK's winternl.h; CurrentDirectory
    /// (CURDIR), Environment and EnvironmentSize (after the 32 RTL_DRIVE_LETTER_CURDIR records) follow the full
    /// structure layouts published with the Process Hacker native API headers (phnt: ntpebteb.h, ntrtl.h).
    /// </summary>
    public sealed class PebLayout
    {
        private PebLayout(int pointerSize, int processParameters, int currentDirectory, int imagePathName, int commandLine, int environment, int environmentSize)
        {
            PointerSize = pointerSize;
            ProcessParametersOffset = processParameters;
            CurrentDirectoryOffset = currentDirectory;
            ImagePathNameOffset = imagePathName;
            CommandLineOffset = commandLine;
            EnvironmentOffset = environment;
            EnvironmentSizeOffset = environmentSize;
        }

        /// <summary>A 64-bit process: 8-byte pointers, UNICODE_STRING is 16 bytes (Length, MaximumLength, 4 bytes padding, Buffer).</summary>
        public static PebLayout X64 { get; } = new PebLayout(8, 0x20, 0x38, 0x60, 0x70, 0x80, 0x3F0);

        /// <summary>A 32-bit process, also the WOW64 PEB of a 32-bit process on 64-bit Windows: UNICODE_STRING is 8 bytes.</summary>
        public static PebLayout X86 { get; } = new PebLayout(4, 0x10, 0x24, 0x38, 0x40, 0x48, 0x290);

        public int PointerSize { get; }

        /// <summary>PEB.ProcessParameters.</summary>
        public int ProcessParametersOffset { get; }

        /// <summary>RTL_USER_PROCESS_PARAMETERS.CurrentDirectory.DosPath (a UNICODE_STRING).</summary>
        public int CurrentDirectoryOffset { get; }

        public int ImagePathNameOffset { get; }

        public int CommandLineOffset { get; }

        /// <summary>RTL_USER_PROCESS_PARAMETERS.Environment (a pointer).</summary>
        public int EnvironmentOffset { get; }

        /// <summary>RTL_USER_PROCESS_PARAMETERS.EnvironmentSize (a SIZE_T, in bytes; set since Windows Vista).</summary>
        public int EnvironmentSizeOffset { get; }

        /// <summary>The bytes to read from the start of RTL_USER_PROCESS_PARAMETERS to reach every field used.</summary>
        public int ParametersSpan => EnvironmentSizeOffset + PointerSize;

        /// <summary>The size of a UNICODE_STRING: two USHORTs, then the Buffer pointer at its natural alignment.</summary>
        public int UnicodeStringSize => PointerSize * 2;

        public override string ToString() => PointerSize == 8 ? "x64" : "x86";
    }
}
