using System;
using System.IO;
using System.Management.Automation;
using System.Threading;

namespace GoEnvTools.Commands
{
    /// <summary>What the three GUI environment cmdlets share: the store of this OS, and turning Core's failures into error records.</summary>
    internal static class GuiEnvironmentCmdletSupport
    {
        public static GuiEnvironmentEditor CreateEditor(PSCmdlet cmdlet, CancellationToken cancellation)
        {
            try
            {
                return new GuiEnvironmentEditor(GuiEnvironmentStores.ForCurrentUser(ChildProcessRunners.Create(cancellation), Environment.GetEnvironmentVariables()));
            }
            catch (Exception ex) when (ex is PlatformNotSupportedException || ex is InvalidOperationException)
            {
                cmdlet.ThrowTerminatingError(new ErrorRecord(ex, ErrorIds.PlatformNotSupported, ErrorCategory.NotImplemented, null));
                throw;
            }
        }

        /// <summary>Plans, asks, applies and reports one change; errors are written, not thrown, so a pipeline of names goes on.</summary>
        public static void Run(PSCmdlet cmdlet, GuiEnvironmentEditor editor, string name, Func<GuiEnvironmentPlan> plan, bool passThru)
        {
            try
            {
                GuiEnvironmentPlan planned = plan();
                if (planned.NotManagedNote is not null)
                {
                    cmdlet.WriteWarning(planned.NotManagedNote);
                }

                GuiEnvironmentChange change = planned.Change;
                if (planned.WritesAnything)
                {
                    if (!cmdlet.ShouldProcess(planned.Description, planned.Description + "?", cmdlet.MyInvocation.MyCommand.Name))
                    {
                        return;
                    }

                    change = editor.Apply(planned);
                    cmdlet.WriteVerbose(change.RuntimeNote ?? string.Empty);
                    if (!change.SessionUpdated)
                    {
                        cmdlet.WriteWarning(change.RuntimeNote + " " + change.RestartNeeded);
                    }
                }
                else
                {
                    cmdlet.WriteVerbose($"NoChange: {name} in '{change.Path}' already says so.");
                }

                if (passThru)
                {
                    cmdlet.WriteObject(change);
                }
            }
            catch (GuiEnvironmentValueException ex)
            {
                cmdlet.WriteError(new ErrorRecord(ex, ErrorIds.GuiEnvironmentValueInvalid, ErrorCategory.InvalidArgument, name));
            }
            catch (GuiEnvironmentFileException ex)
            {
                cmdlet.WriteError(new ErrorRecord(ex, ErrorIds.GuiEnvironmentFileInvalid, ErrorCategory.InvalidData, ex.Path));
            }
            catch (GuiEnvironmentPartialException ex)
            {
                cmdlet.WriteError(new ErrorRecord(ex, ErrorIds.GuiEnvironmentPartiallyChanged, ErrorCategory.WriteError, ex.Change));
            }
            catch (Exception ex) when (ex is IOException || ex is UnauthorizedAccessException || ex is ChildProcessStartException)
            {
                cmdlet.WriteError(new ErrorRecord(
                    new IOException($"Cannot change {name}: {ex.Message} Nothing was changed unless the message says otherwise; Get-GuiEnvironment shows the state.", ex),
                    ErrorIds.GuiEnvironmentWriteFailed, ErrorCategory.WriteError, name));
            }
        }
    }
}
