using System.Collections.Generic;
using System.Linq;
using GoEnvTools.Tests.Support;
using GoEnvTools.Windows;
using Xunit;

namespace GoEnvTools.Tests.Processes.Windows
{
    public sealed class PebReaderTests
    {
        private static readonly List<int> s_pauses = new List<int>();

        private static PebReadResult Read(FakeProcessMemory memory, PebLayout layout, int attempts = 5)
        {
            s_pauses.Clear();
            return PebReader.Read(memory, memory.RegionStart(0), layout, attempts, s_pauses.Add);
        }

        public static TheoryData<string, PebLayout> Images() => new TheoryData<string, PebLayout>
        {
            { "peb-x64.img", PebLayout.X64 },
            { "peb-x86.img", PebLayout.X86 },
            { "peb-x86-no-size.img", PebLayout.X86 },
        };

        [Theory]
        [MemberData(nameof(Images))]
        public void Image_GivesCommandLineDirectoryImageAndEnvironment(string image, PebLayout layout)
        {
            PebReadResult result = Read(FakeProcessMemory.Load("windows/" + image), layout);

            Assert.Equal(0, result.Error);
            PebContents contents = result.Contents!;
            Assert.Equal(WindowsFixtureGenerator.CommandLine, contents.CommandLine);
            Assert.Equal(@"C:\Users\Gopher\src\hello", contents.CurrentDirectory);
            Assert.Equal(WindowsFixtureGenerator.ImagePath, contents.ImagePath);
            List<EnvironmentEntry> entries = WindowsEnvironmentBlock.Parse(contents.Environment, contents.Environment.Length);
            Assert.Equal(WindowsFixtureGenerator.PebEnvironment.Select(e => e.Name + "=" + e.Value), entries.Select(e => e.ToString()));
            Assert.Empty(s_pauses);
        }

        [Fact]
        public void EnvironmentSize_IsTheRecordedSize()
        {
            int blockSize = WindowsFixtureGenerator.PebEnvironmentBlock().Length;

            Assert.Equal((ulong)blockSize, Read(FakeProcessMemory.Load("windows/peb-x64.img"), PebLayout.X64).Contents!.EnvironmentSize);
            Assert.Equal((ulong)blockSize, Read(FakeProcessMemory.Load("windows/peb-x86.img"), PebLayout.X86).Contents!.EnvironmentSize);
        }

        [Fact]
        public void NoRecordedSize_ReadsToTheBlockEnd_AcrossTheEndOfItsAllocation()
        {
            PebContents contents = Read(FakeProcessMemory.Load("windows/peb-x86-no-size.img"), PebLayout.X86).Contents!;

            Assert.Equal(0UL, contents.EnvironmentSize);
            Assert.Equal(WindowsFixtureGenerator.PebEnvironmentBlock(), contents.Environment);
        }

        [Fact]
        public void WrongLayout_DoesNotReadTheImage()
        {
            // An x86 PEB read as x64 takes the wrong pointer: the walk must fail, not return garbage as an environment.
            PebReadResult result = Read(FakeProcessMemory.Load("windows/peb-x86.img"), PebLayout.X64);

            Assert.Null(result.Contents);
            Assert.NotEqual(0, result.Error);
        }

        [Fact]
        public void PartialCopy_IsRetried_AndThenSucceeds()
        {
            FakeProcessMemory memory = FakeProcessMemory.Load("windows/peb-x64.img");
            memory.FailuresLeft = 2;

            PebReadResult result = Read(memory, PebLayout.X64);

            Assert.Equal(0, result.Error);
            Assert.NotNull(result.Contents);
            Assert.Equal(new[] { 1, 2 }, s_pauses);
        }

        [Fact]
        public void PartialCopy_ThatLasts_GivesUpAfterTheAttempts()
        {
            FakeProcessMemory memory = FakeProcessMemory.Load("windows/peb-x64.img");
            memory.FailuresLeft = 100;

            PebReadResult result = Read(memory, PebLayout.X64, attempts: 3);

            Assert.Null(result.Contents);
            Assert.Equal(PebReader.ErrorPartialCopy, result.Error);
            Assert.Equal(3, memory.Reads);
            Assert.Equal(new[] { 1, 2 }, s_pauses);

            EnvironmentRead read = WindowsProcessProvider.ToEnvironmentRead(4242, result, EnvironmentStatus.AccessDenied);
            Assert.Equal(EnvironmentStatus.AccessDenied, read.Status);
            Assert.Null(read.Entries);
            Assert.Contains("4242", read.Error);
            Assert.Contains("ERROR_PARTIAL_COPY", read.Error);
        }

        [Fact]
        public void AccessDenied_IsNotRetried()
        {
            FakeProcessMemory memory = FakeProcessMemory.Load("windows/peb-x64.img");
            memory.FailWith = PebReader.ErrorAccessDenied;
            memory.FailuresLeft = 1;

            PebReadResult result = Read(memory, PebLayout.X64);

            Assert.Equal(PebReader.ErrorAccessDenied, result.Error);
            Assert.Equal("PEB", result.FailedAt);
            Assert.Empty(s_pauses);
            EnvironmentRead read = WindowsProcessProvider.ToEnvironmentRead(7, result, EnvironmentStatus.AccessDenied);
            Assert.Equal(EnvironmentStatus.AccessDenied, read.Status);
            Assert.Contains("denied", read.Error);
        }

        [Fact]
        public void NullProcessParameters_IsAProcessStillStarting()
        {
            FakeProcessMemory memory = FakeProcessMemory.Load("windows/peb-x64.img");
            memory.Poke(memory.RegionStart(0) + 0x20, 0, 0, 0, 0, 0, 0, 0, 0);

            PebReadResult result = Read(memory, PebLayout.X64, attempts: 2);

            Assert.Equal(PebReader.ErrorPartialCopy, result.Error);
            Assert.Equal("PEB.ProcessParameters", result.FailedAt);
            Assert.Single(s_pauses);
        }

        [Fact]
        public void ExitedAndNotSupported_KeepTheirStatus()
        {
            var failed = new PebReadResult(null, 87, "OpenProcess");

            Assert.Equal(EnvironmentStatus.Exited, WindowsProcessProvider.ToEnvironmentRead(1, failed, EnvironmentStatus.Exited).Status);
            EnvironmentRead notSupported = WindowsProcessProvider.ToEnvironmentRead(1, failed, EnvironmentStatus.NotSupported);
            Assert.Equal(EnvironmentStatus.NotSupported, notSupported.Status);
            Assert.Contains("64-bit", notSupported.Error);
        }

        [Fact]
        public void Success_ParsesTheBlock()
        {
            PebReadResult result = Read(FakeProcessMemory.Load("windows/peb-x64.img"), PebLayout.X64);

            EnvironmentRead read = WindowsProcessProvider.ToEnvironmentRead(1, result, null);

            Assert.Equal(EnvironmentStatus.Ok, read.Status);
            Assert.Equal("=C:", read.Entries![0].Name);
            Assert.Equal(8, read.Entries.Count);
        }

        [Fact]
        public void Layouts_MatchThePublishedOffsets()
        {
            // winternl.h: PEB.ProcessParameters; phnt ntrtl.h: EnvironmentSize after 32 RTL_DRIVE_LETTER_CURDIR (24 or 16 bytes).
            Assert.Equal(0x20, PebLayout.X64.ProcessParametersOffset);
            Assert.Equal(0x10, PebLayout.X86.ProcessParametersOffset);
            Assert.Equal(0xF0 + (32 * 24), PebLayout.X64.EnvironmentSizeOffset);
            Assert.Equal(0x90 + (32 * 16), PebLayout.X86.EnvironmentSizeOffset);
        }
    }
}
