using System;
using System.Collections;
using System.IO;
using System.Management.Automation;
using System.Runtime.InteropServices;
using System.Threading;

namespace GoEnvTools.Commands
{
    /// <summary>
    /// What Set-GoEnvConfig and Remove-GoEnvConfig share: the go of the user's login shell (or -GoBinary) run with
    /// that shell's environment, the warnings about environments that override the go env file, and error mapping.
    /// </summary>
    internal sealed class GoEnvConfigCmdletSupport
    {
        private readonly PSCmdlet _cmdlet;
        private readonly CancellationToken _cancellation;
        private IDictionary? _environment;
        private GoEnvSnapshot? _gui;
        private bool _guiRead;

        public GoEnvConfigCmdletSupport(PSCmdlet cmdlet, CancellationToken cancellation)
        {
            _cmdlet = cmdlet;
            _cancellation = cancellation;
        }

        public GoEnvConfigEditor CreateEditor(string? goBinary)
        {
            bool windows = RuntimeInformation.IsOSPlatform(OSPlatform.Windows);
            IChildProcessRunner runner = ChildProcessRunners.Create(_cancellation);
            _environment = LoginEnvironment(windows);
            string go;
            try
            {
                go = goBinary is not null
                    ? _cmdlet.GetUnresolvedProviderPathFromPSPath(goBinary)
                    : new GoEnvReader(runner, ChildProcessRunners.IsExecutableFile, windows).FindGo(_environment);
            }
            catch (GoNotInstalledException ex)
            {
                _cmdlet.ThrowTerminatingError(new ErrorRecord(
                    new ItemNotFoundException(ex.Message + " Or name the go to use with -GoBinary.", ex), ErrorIds.NotInstalled, ErrorCategory.ObjectNotFound, ex.SearchedPath));
                throw;
            }

            if (!ChildProcessRunners.IsExecutableFile(go))
            {
                _cmdlet.ThrowTerminatingError(new ErrorRecord(
                    new ItemNotFoundException($"'{go}' is not an executable file. Give the path of a go binary with -GoBinary."), ErrorIds.NotInstalled, ErrorCategory.ObjectNotFound, go));
            }

            _cmdlet.WriteVerbose($"Using {go}.");
            return new GoEnvConfigEditor(runner, go, _environment, null);
        }

        public void Run(string name, Func<GoEnvConfigPlan> plan, GoEnvConfigEditor editor, bool passThru)
        {
            try
            {
                GoEnvConfigPlan planned = plan();
                GoEnvConfigChange change = planned.Change;
                if (planned.WritesAnything)
                {
                    if (!_cmdlet.ShouldProcess(planned.Description, planned.Description + "?", _cmdlet.MyInvocation.MyCommand.Name))
                    {
                        return;
                    }

                    change = editor.Apply(planned);
                    if (change.GoMessage is not null)
                    {
                        _cmdlet.WriteWarning($"go: {change.GoMessage}");
                    }

                    _cmdlet.WriteVerbose($"{planned.Description}: done.");
                }
                else
                {
                    editor.Apply(planned);
                    _cmdlet.WriteVerbose($"NoChange: '{change.GoEnvFile}' already says so for {name}.");
                }

                WarnAboutOverrides(name, change.GoEnvFile);
                if (passThru)
                {
                    _cmdlet.WriteObject(change);
                }
            }
            catch (GoEnvConfigException ex)
            {
                _cmdlet.WriteError(new ErrorRecord(ex, ErrorIds.GoEnvConfigRefused, ErrorCategory.InvalidOperation, name));
            }
            catch (GuiEnvironmentFileException ex)
            {
                _cmdlet.WriteError(new ErrorRecord(ex, ErrorIds.GoEnvConfigRefused, ErrorCategory.InvalidData, ex.Path));
            }
            catch (Exception ex) when (ex is IOException || ex is UnauthorizedAccessException || ex is ChildProcessStartException)
            {
                _cmdlet.WriteError(new ErrorRecord(ex, ErrorIds.GoCommandFailed, ErrorCategory.WriteError, name));
            }
        }

        // The process environment wins over the go env file: say where the name is set in one.
        private void WarnAboutOverrides(string name, string goEnvFile)
        {
            if (_environment?[name] is string shellValue)
            {
                _cmdlet.WriteWarning($"{name} is also set in your login shell's environment ('{shellValue}'), which wins over '{goEnvFile}' for go started from that shell.");
            }

            try
            {
                foreach ((int id, ProcessReadOutcome outcome, GoplsEnvironment? gopls) in new ProcessInspector(ProcessProviders.Current).ReadGopls())
                {
                    if (outcome == ProcessReadOutcome.Found && gopls?.GetVariable(name) is string value)
                    {
                        _cmdlet.WriteWarning($"The running gopls {id} has {name}='{value}' in its environment, which wins over '{goEnvFile}'. Change it where gopls gets it (go.toolsEnvVars: Set-VsCodeGoToolsEnv -Remove {name}), then restart gopls.");
                    }
                }
            }
            catch (Exception ex) when (ex is PlatformNotSupportedException || ex is IOException || ex is UnauthorizedAccessException)
            {
                _cmdlet.WriteVerbose("Cannot list gopls processes here: " + ex.Message);
            }

            if (!_guiRead)
            {
                _guiRead = true;
                try
                {
                    _gui = GuiEnvironmentStores.ForCurrentUser(ChildProcessRunners.Create(_cancellation), Environment.GetEnvironmentVariables()).Snapshot(DateTime.Now);
                }
                catch (Exception ex) when (ex is PlatformNotSupportedException || ex is IOException || ex is UnauthorizedAccessException || ex is InvalidOperationException || ex is GuiEnvironmentFileException || ex is ChildProcessStartException)
                {
                    _cmdlet.WriteVerbose("Cannot read the GUI environment: " + ex.Message);
                }
            }

            if (_gui?.Variables?[name] is string guiValue)
            {
                _cmdlet.WriteWarning($"{name} is set in the GUI environment ('{guiValue}', {_gui.Source}); apps started from the desktop, VS Code and gopls among them, get it, and it wins over '{goEnvFile}'. Remove-GuiEnvironmentVariable {name} undoes a value this module set there.");
            }
        }

        private IDictionary LoginEnvironment(bool windows)
        {
            if (windows)
            {
                return Environment.GetEnvironmentVariables();
            }

            try
            {
                GoEnvSnapshot shell = new ShellEnvironmentResolver(ShellEnvironmentHost.ForCurrentSystem(_cancellation)).Resolve(new ShellEnvironmentOptions());
                _cmdlet.WriteVerbose($"Read the environment of {shell.Source}.");
                return shell.Variables!;
            }
            catch (Exception ex) when (ex is ShellNotFoundException || ex is ChildProcessStartException || ex is ShellEnvironmentTimeoutException || ex is ShellEnvironmentNotCapturedException || ex is PlatformNotSupportedException)
            {
                _cmdlet.WriteWarning($"Cannot read your login shell's environment ({ex.Message}); go runs with this session's environment instead.");
                return Environment.GetEnvironmentVariables();
            }
        }
    }
}
