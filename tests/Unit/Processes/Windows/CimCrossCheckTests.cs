using System.Linq;
using GoEnvTools.Tests.Support;
using GoEnvTools.Windows;
using Xunit;

namespace GoEnvTools.Tests.Processes.Windows
{
    /// <summary>
    /// The PEB read of a process against Win32_Process instances recorded from CIM (CIM itself does not run here),
    /// and the inspector asking for the comparison only when told to.
    /// </summary>
    public sealed class CimCrossCheckTests
    {
        private const string GoplsPath = @"C:\Users\Gopher\go\bin\gopls.exe";

        private static ProcessInfo FromPeb(string? path, params string[] commandLine) =>
            new ProcessInfo { ProcessId = 9412, Name = "gopls.exe", ExecutablePath = path, CommandLine = commandLine };

        [Fact]
        public void SameProcess_Agrees_PathCaseIgnored()
        {
            ProcessInfo cim = CimProcessMapperTests.Map("cim-gopls.json")!;

            Assert.Null(CimCrossCheck.Compare(FromPeb(GoplsPath, GoplsPath, "-mode=stdio"), cim));
            Assert.Null(CimCrossCheck.Compare(FromPeb(GoplsPath.ToUpperInvariant(), GoplsPath, "-mode=stdio"), cim));
        }

        [Fact]
        public void DifferentCommandLine_IsReportedWithBothValues()
        {
            ProcessInfo cim = CimProcessMapperTests.Map("cim-gopls.json")!;

            string? warning = CimCrossCheck.Compare(FromPeb(GoplsPath, GoplsPath, "serve", "-rpc.trace"), cim);

            Assert.NotNull(warning);
            Assert.Contains("CommandLine", warning);
            Assert.Contains("\"-rpc.trace\"", warning);
            Assert.Contains("\"-mode=stdio\"", warning);
            Assert.DoesNotContain("ExecutablePath", warning);
        }

        [Fact]
        public void ArgumentsDifferingOnlyInCase_AreADisagreement()
        {
            ProcessInfo cim = CimProcessMapperTests.Map("cim-gopls.json")!;

            Assert.NotNull(CimCrossCheck.Compare(FromPeb(GoplsPath, GoplsPath, "-MODE=STDIO"), cim));
        }

        [Fact]
        public void DifferentExecutablePath_IsReported()
        {
            ProcessInfo cim = CimProcessMapperTests.Map("cim-gopls.json")!;

            string? warning = CimCrossCheck.Compare(FromPeb(@"D:\tools\gopls.exe", GoplsPath, "-mode=stdio"), cim);

            Assert.NotNull(warning);
            Assert.Contains(@"ExecutablePath is ""D:\tools\gopls.exe"" in the process but """ + GoplsPath + @""" in Win32_Process.", warning);
            Assert.DoesNotContain("CommandLine", warning);
        }

        [Fact]
        public void FieldsCimLeavesEmpty_AreNotCompared()
        {
            ProcessInfo cim = CimProcessMapperTests.Map("cim-system.json")!;
            Assert.Null(cim.ExecutablePath);
            Assert.Empty(cim.CommandLine);

            Assert.Null(CimCrossCheck.Compare(FromPeb(@"C:\Windows\System32\ntoskrnl.exe", "System"), cim));
        }

        [Fact]
        public void ProcessCimDoesNotList_SaysNothingWasCompared()
        {
            string? warning = CimCrossCheck.Compare(FromPeb(GoplsPath, GoplsPath), fromCim: null);

            Assert.NotNull(warning);
            Assert.Contains("nothing was compared", warning);
        }

        [Fact]
        public void Inspector_CrossChecksOnlyWhenAsked_AndKeepsTheWarning()
        {
            var provider = new FakeProcessProvider { EnvironmentIgnoresCase = true, CurrentUserId = null, CurrentUserName = @"DESKTOP-GO\Gopher" };
            provider.Add(9412, 8112, "gopls.exe", GoplsPath, new[] { GoplsPath, "serve" }, null, "GOPATH=C:\\Users\\Gopher\\go");
            ProcessInfo cim = CimProcessMapperTests.Map("cim-gopls.json")!;
            provider.SecondSource = (pid, info) => CimCrossCheck.Compare(info, cim);
            var inspector = new ProcessInspector(provider);

            Assert.Equal(ProcessReadOutcome.Found, inspector.TryRead(9412, out ProcessEnvironment? plain));
            Assert.Null(plain!.CrossCheckWarning);
            Assert.Empty(provider.CrossChecked);

            inspector.CrossCheck = true;
            Assert.Equal(ProcessReadOutcome.Found, inspector.TryRead(9412, out ProcessEnvironment? checkedRead));
            Assert.Equal(new[] { 9412 }, provider.CrossChecked.ToArray());
            Assert.Contains("CommandLine", checkedRead!.CrossCheckWarning);
            Assert.Equal(@"C:\Users\Gopher\go", checkedRead.GetVariable("gopath"));
        }
    }
}
