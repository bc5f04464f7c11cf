using System;
using System.Management.Automation;

namespace GoEnvTools.Commands
{
    /// <summary>Small pieces the cmdlets share.</summary>
    internal static class CmdletSupport
    {
        public static ProcessInspector CreateInspector(PSCmdlet cmdlet)
        {
            try
            {
                return new ProcessInspector(ProcessProviders.Current);
            }
            catch (PlatformNotSupportedException ex)
            {
                cmdlet.ThrowTerminatingError(new ErrorRecord(ex, ErrorIds.PlatformNotSupported, ErrorCategory.NotImplemented, null));
                throw;
            }
        }

        public static void WriteProcessNotFound(PSCmdlet cmdlet, int id)
        {
            cmdlet.WriteError(new ErrorRecord(
                new ItemNotFoundException($"Cannot find a process with the process identifier {id}. It may have exited; Get-Process lists what runs."),
                ErrorIds.ProcessNotFound,
                ErrorCategory.ObjectNotFound,
                id));
        }
    }
}
