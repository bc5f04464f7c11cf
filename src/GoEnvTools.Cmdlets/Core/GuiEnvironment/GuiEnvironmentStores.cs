using System;
using System.Collections;
using System.Runtime.InteropServices;

namespace GoEnvTools
{
    /// <summary>The store of the running OS, with the production runner and paths.</summary>
    public static class GuiEnvironmentStores
    {
        public static IGuiEnvironmentStore ForCurrentUser(IChildProcessRunner runner, IDictionary environment)
        {
            if (RuntimeInformation.IsOSPlatform(OSPlatform.Windows))
            {
                return RegistryEnvironmentStore.CreateNative();
            }

            string home = environment["HOME"] as string ?? throw new InvalidOperationException("HOME is not set: the store of the GUI environment lives under it.");
            if (RuntimeInformation.IsOSPlatform(OSPlatform.OSX))
            {
                return new LaunchdStore(home, runner, environment);
            }

            string? systemctl = PathLookup.Find("systemctl", new[] { "/usr/bin", "/bin" }, false, ChildProcessRunners.IsExecutableFile);
            return new EnvironmentDStore(EnvironmentDStore.ConfigHome(environment), runner, environment, systemctl,
                EnvironmentDStore.FindGenerator(ChildProcessRunners.IsExecutableFile));
        }
    }
}
