using System.Management.Automation;

namespace GoEnvTools.Commands
{
    /// <summary>
    /// Installs the resolver for the module's Dependencies folder when PowerShell imports the module, and removes it
    /// on Remove-Module.
    /// </summary>
    public sealed class ModuleInitializer : IModuleAssemblyInitializer, IModuleAssemblyCleanup
    {
        public void OnImport() => ModuleDependencies.Install();

        public void OnRemove(PSModuleInfo psModuleInfo) => ModuleDependencies.Uninstall();
    }
}
