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

        /// <summary>
        /// True when the process was read; otherwise says why not: a ProcessNotFound error (when
        /// <paramref name="reportMissing"/>), or a verbose line for a process that exited while it was read.
        /// </summary>
        public static bool ReportOutcome(PSCmdlet cmdlet, ProcessReadOutcome outcome, int id, bool reportMissing)
        {
            switch (outcome)
            {
                case ProcessReadOutcome.Found:
                    return true;
                case ProcessReadOutcome.NotFound when reportMissing:
                    WriteProcessNotFound(cmdlet, id);
                    return false;
                default:
                    cmdlet.WriteVerbose($"Skipped process {id}: it exited while it was read.");
                    return false;
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
