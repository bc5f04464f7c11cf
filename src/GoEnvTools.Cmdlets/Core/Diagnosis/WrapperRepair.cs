using System;
using System.Collections.Generic;
using System.IO;
using System.Text;

namespace GoEnvTools
{
    /// <summary>A wrapper install worked out with Install-GoWrapper's Core, not yet written, so Repair-GoEnvironment can ask first.</summary>
    public sealed class PreparedWrapperRepair
    {
        internal PreparedWrapperRepair(string wrapperPath, string targetPath, string shell, WrapperFileState existing, WrapperInstallPlan plan,
            VsCodeSettingsFile settings, byte[]? original, PreparedSettingsEdit? edit)
        {
            WrapperPath = wrapperPath;
            TargetPath = targetPath;
            Shell = shell;
            Existing = existing;
            Plan = plan;
            Settings = settings;
            Original = original;
            Edit = edit;
        }

        public string WrapperPath { get; }

        /// <summary>The real tool the wrapper starts, found on the login shell's PATH.</summary>
        public string TargetPath { get; }

        public string Shell { get; }

        public VsCodeSettingsFile Settings { get; }

        public bool WritesAnything => Plan.WritesWrapper || SetsSetting;

        /// <summary>A sentence for ShouldProcess: the wrapper written and the lines of the setting that change.</summary>
        public string Description
        {
            get
            {
                var text = new StringBuilder();
                if (Plan.WritesWrapper)
                {
                    text.Append(Existing.Kind == WrapperFileKind.Missing ? "Write" : "Replace")
                        .Append($" the wrapper '{WrapperPath}' (starts '{TargetPath}' with the environment of {Shell})");
                }

                if (SetsSetting)
                {
                    text.Append(text.Length > 0 ? "; set " : "Set ")
                        .Append($"{WrapperInstaller.AlternateToolsKey}.{ToolName} in \"{Settings.Path}\":\n{Edit!.Diff}");
                }

                return text.ToString();
            }
        }

        internal string ToolName => Path.GetFileName(WrapperPath);

        internal WrapperFileState Existing { get; }

        internal WrapperInstallPlan Plan { get; }

        internal byte[]? Original { get; }

        internal PreparedSettingsEdit? Edit { get; }

        private bool SetsSetting => Edit is not null && Edit.WritesFile;
    }

    /// <summary>
    /// The wrapper repair (GOENV009): what Install-GoWrapper -SetAlternateTool does with its defaults, through its Core. The
    /// wrapper goes to the default folder, starts the real tool the login shell's PATH finds, and go.alternateTools.&lt;tool&gt;
    /// of the repair's settings file names it.
    /// </summary>
    public static class WrapperRepair
    {
        /// <summary>Throws <see cref="WrapperException"/> (nothing written) when the wrapper cannot be made as Install-GoWrapper would.</summary>
        public static PreparedWrapperRepair Prepare(RepairAction action, VsCodeSettingsFile settings, SettingsHost host, ShellEnvironmentHost shellHost,
            IEnumerable<string> programFolders)
        {
            string tool = action.Parameters["Tool"] as string ?? "gopls";
            string wrapperPath = Path.Combine(Path.GetFullPath(WrapperInstaller.DefaultDestination(host)), tool);
            var resolver = new ShellEnvironmentResolver(shellHost);
            string shell = resolver.ChooseShell(null, shellHost.CurrentEnvironment());
            string? path;
            try
            {
                path = resolver.Resolve(new ShellEnvironmentOptions { Shell = shell }).Variables?["PATH"] as string;
            }
            catch (Exception ex) when (ex is ShellEnvironmentTimeoutException || ex is ShellEnvironmentNotCapturedException)
            {
                throw new WrapperException($"Cannot read PATH from {shell} to find the real {tool}: {ex.Message} Nothing was changed; run Install-GoWrapper -TargetPath <the real {tool}> -SetAlternateTool yourself.");
            }

            var skipped = new List<string>();
            string target = WrapperInstaller.FindTarget(tool, PathLookup.Split(path, windows: false), wrapperPath, shellHost.IsExecutableFile, skipped)
                ?? throw new WrapperException($"No real {tool} is on the PATH of {shell} ({path}). Nothing was changed; install it, or run Install-GoWrapper -TargetPath <the real {tool}> -SetAlternateTool.");
            WrapperPrograms programs = WrapperPrograms.Find(programFolders, shellHost.IsExecutableFile);

            byte[]? original = WrapperInstaller.ReadIfPresent(settings.Path);
            string? current = WrapperInstaller.CurrentSetting(original, settings, tool);
            WrapperFileState existing = WrapperInstaller.Inspect(wrapperPath);
            if (existing.Kind == WrapperFileKind.Foreign)
            {
                throw new WrapperException($"'{wrapperPath}' exists and GoEnvTools did not write it. Nothing was changed; run Install-GoWrapper with another -Destination (or -Force to replace it) and -SetAlternateTool.");
            }

            var spec = new WrapperSpec(tool, wrapperPath, target, shell)
            {
                Programs = programs,
                PrivateFolder = WrapperInstaller.PrivateFolderFor(wrapperPath),
            };
            WrapperInstallPlan plan = WrapperInstaller.PlanInstall(spec, existing, settings.Path, current);
            PreparedSettingsEdit? edit = plan.SetsSetting ? WrapperInstaller.PrepareSetting(original, settings, tool, wrapperPath) : null;
            return new PreparedWrapperRepair(wrapperPath, target, shell, existing, plan, settings, original, edit);
        }

        /// <summary>Writes the wrapper, then the setting; when the setting fails, says that the wrapper is in place and the setting is not.</summary>
        /// <returns>Where the old settings file was kept, if a copy was made.</returns>
        public static string? Apply(PreparedWrapperRepair prepared, bool backup)
        {
            if (prepared.Plan.WritesWrapper)
            {
                try
                {
                    WrapperInstaller.Write(prepared.WrapperPath, prepared.Plan.Content);
                }
                catch (Exception ex) when (ex is IOException || ex is UnauthorizedAccessException)
                {
                    throw new IOException($"Cannot write the wrapper '{prepared.WrapperPath}': {ex.Message} Nothing was changed: no wrapper and no setting.", ex);
                }
            }

            if (prepared.Edit is not null && prepared.Edit.WritesFile)
            {
                try
                {
                    return SettingsFileWriter.Write(prepared.Settings.Path, prepared.Original, prepared.Edit.Updated, new SettingsWriteOptions { Backup = backup });
                }
                catch (Exception ex) when (ex is IOException || ex is UnauthorizedAccessException)
                {
                    throw new IOException(
                        $"The wrapper '{prepared.WrapperPath}' is in place, but {WrapperInstaller.AlternateToolsKey}.{prepared.ToolName} in '{prepared.Settings.Path}' was not changed: {ex.Message} " +
                        "Run Repair-GoEnvironment again, or remove the wrapper with Uninstall-GoWrapper.", ex);
                }
            }

            return null;
        }
    }
}
