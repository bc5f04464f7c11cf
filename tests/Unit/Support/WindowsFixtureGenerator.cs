using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Text;

namespace GoEnvTools.Tests.Support
{
    /// <summary>
    /// Builds the Windows fixtures under Fixtures/windows: UTF-16LE environment blocks and memory images of a PEB
    /// and its RTL_USER_PROCESS_PARAMETERS. The offsets are written out here on their own, from the published
    /// layouts, so that the reader's table (PebLayout) is checked against them rather than against itself:
    /// PEB.ProcessParameters and the CommandLine and ImagePathName UNICODE_STRINGs as winternl.h (Windows SDK)
    /// declares them; CurrentDirectory, Environment and EnvironmentSize as the full structure is published in the
    /// Process Hacker native API headers (phnt ntpebteb.h and ntrtl.h; EnvironmentSize follows the 32
    /// RTL_DRIVE_LETTER_CURDIR records of CurrentDirectories).
    /// The checked-in files are compared with this output by a test; set GOENVTOOLS_WRITE_FIXTURES=1 to rewrite them.
    /// </summary>
    internal static class WindowsFixtureGenerator
    {
        public const string CommandLine = "\"C:\\Program Files\\Go\\bin\\gopls.exe\" -mode=stdio -rpc.trace \"-logfile=C:\\Users\\Gopher\\AppData\\Local\\Temp\\gopls log.txt\"";
        public const string ImagePath = "C:\\Program Files\\Go\\bin\\gopls.exe";
        public const string CurrentDirectoryDosPath = "C:\\Users\\Gopher\\src\\hello\\";

        /// <summary>The entries of the environment in the PEB images, in order.</summary>
        public static readonly (string Name, string Value)[] PebEnvironment =
        {
            ("=C:", "C:\\Users\\Gopher\\src\\hello"),
            ("=ExitCode", "00000000"),
            ("ALLUSERSPROFILE", "C:\\ProgramData"),
            ("GOPATH", "C:\\Users\\Gopher\\go"),
            ("Path", "C:\\Program Files\\Go\\bin;C:\\Windows\\system32"),
            ("PATHEXT", ".COM;.EXE;.BAT;.CMD"),
            ("USERPROFILE", "C:\\Users\\Gopher"),
            ("VSCODE_PID", "8112"),
        };

        /// <summary>Every fixture: its file name under Fixtures/windows and its bytes.</summary>
        public static IReadOnlyDictionary<string, byte[]> All()
        {
            var files = new SortedDictionary<string, byte[]>(StringComparer.Ordinal)
            {
                // =C: and =ExitCode as cmd.exe keeps them; the same variable as Path and PATH (a merge of two sources).
                ["env-drive-and-duplicates.bin"] = Block(new[] { "=::=::\\", "=C:=C:\\src", "=D:=D:\\data", "=ExitCode=00000001", "Path=C:\\Go\\bin", "PATH=C:\\other", "GOROOT=C:\\Program Files\\Go" }, terminated: true),
                // One stray byte after the final terminator (a size that is not a whole number of UTF-16 units).
                ["env-odd-length.bin"] = Append(Block(new[] { "A=1", "B=2" }, terminated: true), 0x41),
                // A lone high surrogate in a value (Windows stores UTF-16 unvalidated), then a valid pair.
                ["env-unpaired-surrogate.bin"] = Block(new[] { "LONE=a\uD83Db", "PAIR=\uD83D\uDE00", "AFTER=ok" }, terminated: true),
                // The last entry runs to the end of the bytes with no terminator at all.
                ["env-no-final-terminator.bin"] = Utf16("FIRST=1\0SECOND=2\0LAST=3"),
                ["env-empty.bin"] = Utf16("\0\0"),
                ["peb-x64.img"] = Image(X64()),
                ["peb-x86.img"] = Image(X86()),
                ["peb-x86-no-size.img"] = Image(X86(environmentSize: 0)),
            };
            return files;
        }

        public static byte[] Block(IEnumerable<string> entries, bool terminated)
        {
            var text = new StringBuilder();
            foreach (string entry in entries)
            {
                text.Append(entry).Append('\0');
            }

            if (terminated)
            {
                text.Append('\0');
            }

            return Utf16(text.ToString());
        }

        private static byte[] Utf16(string text)
        {
            // Code unit by code unit, so that lone surrogates are written as they are.
            var bytes = new byte[text.Length * 2];
            for (int i = 0; i < text.Length; i++)
            {
                bytes[2 * i] = (byte)text[i];
                bytes[(2 * i) + 1] = (byte)(text[i] >> 8);
            }

            return bytes;
        }

        private static byte[] Append(byte[] data, byte extra)
        {
            var result = new byte[data.Length + 1];
            Array.Copy(data, result, data.Length);
            result[data.Length] = extra;
            return result;
        }

        public static byte[] PebEnvironmentBlock()
        {
            var entries = new List<string>();
            foreach ((string name, string value) in PebEnvironment)
            {
                entries.Add(name + "=" + value);
            }

            return Block(entries, terminated: true);
        }

        /// <summary>A 64-bit process: the PEB, the parameters with their strings after them, the environment in its own allocation.</summary>
        private static List<(ulong Address, byte[] Bytes)> X64()
        {
            const ulong peb = 0x000000D23A5F3000;
            const ulong parameters = 0x0000021C8A440000;
            const ulong environment = 0x0000021C8A450000;
            byte[] block = PebEnvironmentBlock();

            var pebBytes = new byte[0x7C8];
            Put64(pebBytes, 0x10, 0x00007FF6A1B20000); // ImageBaseAddress
            Put64(pebBytes, 0x20, parameters);         // ProcessParameters

            var p = new byte[0x400];
            var strings = new MemoryStream();
            Put32(p, 0x00, 0x7F8);                 // MaximumLength
            Put32(p, 0x04, 0x7F8);                 // Length
            Put32(p, 0x08, 0x1);                   // Flags: RTL_USER_PROC_PARAMS_NORMALIZED
            UnicodeString64(p, 0x38, parameters + 0x400, strings, CurrentDirectoryDosPath);  // CurrentDirectory.DosPath
            UnicodeString64(p, 0x50, parameters + 0x400, strings, "C:\\Program Files\\Go\\bin;C:\\Windows\\system32"); // DllPath
            UnicodeString64(p, 0x60, parameters + 0x400, strings, ImagePath);                // ImagePathName
            UnicodeString64(p, 0x70, parameters + 0x400, strings, CommandLine);              // CommandLine
            Put64(p, 0x80, environment);                                                     // Environment
            UnicodeString64(p, 0xB0, parameters + 0x400, strings, "gopls");                  // WindowTitle
            Put64(p, 0x3F0, (ulong)block.Length);                                            // EnvironmentSize

            return new List<(ulong, byte[])>
            {
                (peb, pebBytes),
                (parameters, Concat(p, strings.ToArray())),
                (environment, block),
            };
        }

        /// <summary>A 32-bit (WOW64) process: 4-byte pointers, 8-byte UNICODE_STRINGs.</summary>
        private static List<(ulong Address, byte[] Bytes)> X86(int? environmentSize = null)
        {
            const ulong peb = 0x00F3E000;
            const ulong parameters = 0x00A10000;
            const ulong environment = 0x00A20000;
            byte[] block = PebEnvironmentBlock();

            var pebBytes = new byte[0x480];
            Put32(pebBytes, 0x08, 0x00400000);     // ImageBaseAddress
            Put32(pebBytes, 0x10, (uint)parameters); // ProcessParameters

            var p = new byte[0x298];
            var strings = new MemoryStream();
            Put32(p, 0x00, 0x5A0);
            Put32(p, 0x04, 0x5A0);
            Put32(p, 0x08, 0x1);
            UnicodeString32(p, 0x24, parameters + 0x298, strings, CurrentDirectoryDosPath);  // CurrentDirectory.DosPath
            UnicodeString32(p, 0x30, parameters + 0x298, strings, "C:\\Windows\\SysWOW64");  // DllPath
            UnicodeString32(p, 0x38, parameters + 0x298, strings, ImagePath);                // ImagePathName
            UnicodeString32(p, 0x40, parameters + 0x298, strings, CommandLine);              // CommandLine
            Put32(p, 0x48, (uint)environment);                                               // Environment
            UnicodeString32(p, 0x70, parameters + 0x298, strings, "gopls");                  // WindowTitle
            Put32(p, 0x290, (uint)(environmentSize ?? block.Length));                        // EnvironmentSize

            return new List<(ulong, byte[])>
            {
                (peb, pebBytes),
                (parameters, Concat(p, strings.ToArray())),
                // The allocation ends right after the block: reading past it fails, as at the end of a region.
                (environment, block),
            };
        }

        private static void UnicodeString64(byte[] p, int offset, ulong stringsBase, MemoryStream strings, string value)
        {
            byte[] bytes = Utf16(value + "\0");
            Put16(p, offset, (ushort)(bytes.Length - 2));      // Length, without the terminator
            Put16(p, offset + 2, (ushort)bytes.Length);        // MaximumLength
            Put64(p, offset + 8, stringsBase + (ulong)strings.Length); // Buffer, after 4 bytes of padding
            strings.Write(bytes, 0, bytes.Length);
        }

        private static void UnicodeString32(byte[] p, int offset, ulong stringsBase, MemoryStream strings, string value)
        {
            byte[] bytes = Utf16(value + "\0");
            Put16(p, offset, (ushort)(bytes.Length - 2));
            Put16(p, offset + 2, (ushort)bytes.Length);
            Put32(p, offset + 4, (uint)(stringsBase + (ulong)strings.Length));
            strings.Write(bytes, 0, bytes.Length);
        }

        private static byte[] Concat(byte[] a, byte[] b)
        {
            var result = new byte[a.Length + b.Length];
            Array.Copy(a, result, a.Length);
            Array.Copy(b, 0, result, a.Length, b.Length);
            return result;
        }

        private static void Put16(byte[] d, int o, ushort v)
        {
            d[o] = (byte)v;
            d[o + 1] = (byte)(v >> 8);
        }

        private static void Put32(byte[] d, int o, uint v)
        {
            for (int i = 0; i < 4; i++)
            {
                d[o + i] = (byte)(v >> (8 * i));
            }
        }

        private static void Put64(byte[] d, int o, ulong v)
        {
            for (int i = 0; i < 8; i++)
            {
                d[o + i] = (byte)(v >> (8 * i));
            }
        }

        /// <summary>
        /// The text form of a memory image: "@ ADDRESS LENGTH" opens a region, hex lines of 16 bytes follow.
        /// Lines starting with '#' are comments.
        /// </summary>
        private static byte[] Image(List<(ulong Address, byte[] Bytes)> regions)
        {
            var text = new StringBuilder();
            text.Append("# A process memory image for the PEB reader tests, made by tests/Unit/Support/WindowsFixtureGenerator.cs.\n");
            foreach ((ulong address, byte[] bytes) in regions)
            {
                text.Append("@ ").Append(address.ToString("X16", CultureInfo.InvariantCulture)).Append(' ')
                    .Append(bytes.Length.ToString(CultureInfo.InvariantCulture)).Append('\n');
                for (int i = 0; i < bytes.Length; i += 16)
                {
                    int n = Math.Min(16, bytes.Length - i);
                    text.Append(BitConverter.ToString(bytes, i, n).Replace("-", " ")).Append('\n');
                }
            }

            return Encoding.ASCII.GetBytes(text.ToString());
        }
    }
}
