using System;
using System.Collections.ObjectModel;
using System.Linq;
using System.Management.Automation;
using System.Management.Automation.Runspaces;
using GoEnvTools.Commands;
using Xunit;

namespace GoEnvTools.Tests.Commands
{
    /// <summary>The cmdlet as PowerShell runs it: imported from the built assembly into a fresh runspace.</summary>
    public sealed class GetProcessEnvironmentCommandTests : IDisposable
    {
        // Larger than any pid_max Linux allows (2^22), so no process can have it.
        private const int MissingId = 2_000_000_000;

        private readonly PowerShell _powerShell;

        public GetProcessEnvironmentCommandTests()
        {
            InitialSessionState state = InitialSessionState.CreateDefault2();
            state.ImportPSModule(new[] { typeof(GetProcessEnvironmentCommand).Assembly.Location });
            _powerShell = PowerShell.Create(state);
        }

        public void Dispose() => _powerShell.Dispose();

        private static void SkipUnlessLinux() =>
            Skip.IfNot(OperatingSystem.IsLinux(), "Only Linux has a process provider in this version.");

        [SkippableFact]
        public void MissingId_WritesANonTerminatingObjectNotFoundError()
        {
            SkipUnlessLinux();

            Collection<PSObject> output = _powerShell.AddCommand("Get-ProcessEnvironment").AddParameter("Id", MissingId).Invoke();

            Assert.Empty(output);
            ErrorRecord error = Assert.Single(_powerShell.Streams.Error);
            Assert.StartsWith("ProcessNotFound", error.FullyQualifiedErrorId, StringComparison.Ordinal);
            Assert.Equal(ErrorCategory.ObjectNotFound, error.CategoryInfo.Category);
            Assert.Equal(MissingId, error.TargetObject);
            Assert.Contains(MissingId.ToString(System.Globalization.CultureInfo.InvariantCulture), error.Exception.Message, StringComparison.Ordinal);
        }

        [SkippableFact]
        public void OwnPid_GivesOneProcessEnvironmentThatIsOk()
        {
            SkipUnlessLinux();

            Collection<PSObject> output = _powerShell.AddScript("Get-ProcessEnvironment -Id $PID").Invoke();

            Assert.Empty(_powerShell.Streams.Error);
            PSObject item = Assert.Single(output);
            ProcessEnvironment process = Assert.IsType<ProcessEnvironment>(item.BaseObject);
            Assert.Equal(Environment.ProcessId, process.ProcessId);
            Assert.Equal(EnvironmentStatus.Ok, process.EnvironmentStatus);
            Assert.NotNull(process.Environment);
            Assert.Contains("GoEnvTools.ProcessEnvironment", item.TypeNames);
        }

        [SkippableFact]
        public void MissingAndPresentIds_ErrorForOneAndOutputForTheOther()
        {
            SkipUnlessLinux();

            Collection<PSObject> output = _powerShell
                .AddScript($"[pscustomobject]@{{ ProcessId = {MissingId} }}, [pscustomobject]@{{ ProcessId = $PID }} | Get-ProcessEnvironment")
                .Invoke();

            Assert.Equal(PSInvocationState.Completed, _powerShell.InvocationStateInfo.State);
            Assert.Equal(new[] { Environment.ProcessId }, output.Select(o => ((ProcessEnvironment)o.BaseObject).ProcessId));
            ErrorRecord error = Assert.Single(_powerShell.Streams.Error);
            Assert.Equal(MissingId, error.TargetObject);
        }
    }
}
