using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using GoEnvTools.Windows;

namespace GoEnvTools.Tests.Support
{
    /// <summary>
    /// A process's address space made of the regions of a memory image (Fixtures/windows/*.img). A read inside a
    /// region succeeds; one that runs past the end of a region fails with ERROR_PARTIAL_COPY, as ReadProcessMemory
    /// does at the end of committed memory; one outside every region fails with ERROR_NOACCESS.
    /// </summary>
    internal sealed class FakeProcessMemory : IProcessMemory
    {
        public const int ErrorNoAccess = 998;

        private readonly List<(ulong Address, byte[] Bytes)> _regions = new List<(ulong, byte[])>();

        /// <summary>The next reads fail with this error, as many times as <see cref="FailuresLeft"/> says.</summary>
        public int FailWith { get; set; } = PebReader.ErrorPartialCopy;

        public int FailuresLeft { get; set; }

        public int Reads { get; private set; }

        public static FakeProcessMemory Load(string fixture)
        {
            var memory = new FakeProcessMemory();
            using var reader = new StringReader(System.Text.Encoding.ASCII.GetString(FixtureFiles.Read(fixture)));
            List<byte>? current = null;
            ulong address = 0;
            for (string? line = reader.ReadLine(); line is not null; line = reader.ReadLine())
            {
                if (line.Length == 0 || line[0] == '#')
                {
                    continue;
                }

                if (line[0] == '@')
                {
                    if (current is not null)
                    {
                        memory._regions.Add((address, current.ToArray()));
                    }

                    string[] parts = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
                    address = ulong.Parse(parts[1], NumberStyles.HexNumber, CultureInfo.InvariantCulture);
                    current = new List<byte>(int.Parse(parts[2], CultureInfo.InvariantCulture));
                    continue;
                }

                foreach (string hex in line.Split(' ', StringSplitOptions.RemoveEmptyEntries))
                {
                    current!.Add(byte.Parse(hex, NumberStyles.HexNumber, CultureInfo.InvariantCulture));
                }
            }

            if (current is not null)
            {
                memory._regions.Add((address, current.ToArray()));
            }

            return memory;
        }

        public ulong RegionStart(int index) => _regions[index].Address;

        /// <summary>Overwrites bytes inside a region (to corrupt a pointer, say).</summary>
        public void Poke(ulong address, params byte[] bytes)
        {
            foreach ((ulong start, byte[] data) in _regions)
            {
                if (address >= start && address + (ulong)bytes.Length <= start + (ulong)data.Length)
                {
                    Array.Copy(bytes, 0, data, (int)(address - start), bytes.Length);
                    return;
                }
            }

            throw new ArgumentOutOfRangeException(nameof(address));
        }

        public int Read(ulong address, byte[] buffer, int count)
        {
            Reads++;
            if (FailuresLeft > 0)
            {
                FailuresLeft--;
                return FailWith;
            }

            foreach ((ulong start, byte[] data) in _regions)
            {
                if (address >= start && address < start + (ulong)data.Length)
                {
                    int offset = (int)(address - start);
                    if (offset + count > data.Length)
                    {
                        return PebReader.ErrorPartialCopy;
                    }

                    Array.Copy(data, offset, buffer, 0, count);
                    return 0;
                }
            }

            return ErrorNoAccess;
        }
    }
}
