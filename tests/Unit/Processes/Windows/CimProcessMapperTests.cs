using System;
using System.Collections.Generic;
using System.Text.Json;
using GoEnvTools.Tests.Support;
using GoEnvTools.Windows;
using Xunit;

namespace GoEnvTools.Tests.Processes.Windows
{
    /// <summary>
    /// Win32_Process instances as CIM returns them (UInt32 ids, DMTF datetimes, GetOwner's out parameters); CIM
    /// itself does not run here.
    /// </summary>
    public sealed class CimProcessMapperTests
    {
        internal static ProcessInfo? Map(string fixture)
        {
            using JsonDocument document = JsonDocument.Parse(FixtureFiles.Read("windows/" + fixture));
            return CimProcessMapper.ToProcessInfo(Values(document.RootElement.GetProperty("instance")), Values(document.RootElement.GetProperty("owner")));
        }

        private static Dictionary<string, object?> Values(JsonElement element)
        {
            var values = new Dictionary<string, object?>(StringComparer.OrdinalIgnoreCase);
            foreach (JsonProperty property in element.EnumerateObject())
            {
                values[property.Name] = property.Value.ValueKind switch
                {
                    JsonValueKind.Number => property.Value.GetUInt32(),
                    JsonValueKind.String => property.Value.GetString(),
                    _ => null,
                };
            }

            return values;
        }

        [Fact]
        public void UsersProcess_MapsEveryField()
        {
            ProcessInfo info = Map("cim-gopls.json")!;

            Assert.Equal(9412, info.ProcessId);
            Assert.Equal(8112, info.ParentProcessId);
            Assert.Equal("gopls.exe", info.Name);
            Assert.Equal(@"C:\Users\Gopher\go\bin\gopls.exe", info.ExecutablePath);
            Assert.Equal(new[] { @"C:\Users\Gopher\go\bin\gopls.exe", "-mode=stdio" }, info.CommandLine);
            Assert.Equal(@"DESKTOP-GO\Gopher", info.UserName);
            Assert.Null(info.UserId);
            Assert.Equal(new DateTime(2024, 5, 1, 12, 5, 9, 250, DateTimeKind.Utc), info.StartTime!.Value.ToUniversalTime());
        }

        [Fact]
        public void ElevatedProcess_NegativeOffset_AndSystemOwner()
        {
            ProcessInfo info = Map("cim-elevated.json")!;

            Assert.Equal(@"NT AUTHORITY\SYSTEM", info.UserName);
            Assert.Equal("--type=utility", info.CommandLine[1]);
            Assert.Equal(new DateTime(2024, 5, 1, 15, 0, 0, DateTimeKind.Utc), info.StartTime!.Value.ToUniversalTime());
            Assert.True(EditorDetector.LooksLikeExtensionHost(info));
        }

        [Fact]
        public void SystemProcess_HasNoPathNoCommandLineAndNoOwner()
        {
            ProcessInfo info = Map("cim-system.json")!;

            Assert.Equal(4, info.ProcessId);
            Assert.Null(info.ExecutablePath);
            Assert.Empty(info.CommandLine);
            Assert.Null(info.UserName);
        }

        [Fact]
        public void MissingOwnerAndId()
        {
            var instance = new Dictionary<string, object?> { ["ProcessId"] = 12u, ["Name"] = "x.exe", ["CreationDate"] = new DateTime(2024, 1, 1, 0, 0, 0, DateTimeKind.Utc) };

            ProcessInfo info = CimProcessMapper.ToProcessInfo(instance, null)!;

            Assert.Null(info.UserName);
            Assert.Equal(new DateTime(2024, 1, 1, 0, 0, 0, DateTimeKind.Utc), info.StartTime!.Value.ToUniversalTime());
            Assert.Null(CimProcessMapper.ToProcessInfo(new Dictionary<string, object?> { ["Name"] = "x.exe" }, null));
        }

        [Theory]
        [InlineData("2024050112000")]
        [InlineData("20241301120000.000000+000")]
        [InlineData("20240501120000.000000*060")]
        public void BadDatetimes_AreUnknown(string text)
        {
            Assert.Null(CimProcessMapper.ToDateTime(text));
        }
    }
}
