using System;
using System.Collections.Generic;
using System.IO;
using System.Text;

namespace GoEnvTools
{
    /// <summary>What Install-GoWrapper or Uninstall-GoWrapper did (or, with -WhatIf, would do).</summary>
    public sealed class WrapperChange
    {
        /// <summary>gopls or go.</summary>
        public string Tool { get; set; } = string.Empty;

        public string WrapperPath { get; set; } = string.Empty;

        /// <summary>The wrapper's folder, so a WrapperChange piped to Uninstall-GoWrapper names the same file.</summary>
        public string Destination => System.IO.Path.GetDirectoryName(WrapperPath) ?? string.Empty;

        /// <summary>The real program the wrapper starts.</summary>
        public string TargetPath { get; set; } = string.Empty;

        /// <summary>Changed, or NoChange (everything already was so).</summary>
        public string Status { get; set; } = "NoChange";

        /// <summary>Installed, Updated or Removed; None when nothing changed.</summary>
        public string Action { get; set; } = "None";

        /// <summary>The shell the wrapper runs when $SHELL is unset (always, when it was named with -Shell).</summary>
        public string? Shell { get; set; }

        public int? TimeoutSeconds { get; set; }

        /// <summary>The settings file whose go.alternateTools entry changed (the first, when several were restored).</summary>
        public string? SettingsPath { get; set; }

        /// <summary>One row per settings file changed: go.alternateTools.&lt;tool&gt;, its old and new value.</summary>
        public SettingsChange[] Settings { get; set; } = new SettingsChange[0];

        public override string ToString() => $"{Status} {WrapperPath}";
    }

    public enum WrapperFileKind
    {
        /// <summary>No file at the path.</summary>
        Missing,

        /// <summary>A file the module wrote (its header says so).</summary>
        Ours,

        /// <summary>Something else: never changed or removed without -Force.</summary>
        Foreign,
    }

    /// <summary>What sits at a wrapper's path.</summary>
    public sealed class WrapperFileState
    {
        public WrapperFileState(WrapperFileKind kind, WrapperHeader? header, string? text)
        {
            Kind = kind;
            Header = header;
            Text = text;
        }

        public WrapperFileKind Kind { get; }

        public WrapperHeader? Header { get; }

        /// <summary>The file's text when the module wrote it.</summary>
        public string? Text { get; }
    }

    /// <summary>The decisions of an install, made before anything is written.</summary>
    public sealed class WrapperInstallPlan
    {
        internal WrapperInstallPlan(string content, bool writesWrapper, bool setsSetting, string action)
        {
            Content = content;
            WritesWrapper = writesWrapper;
            SetsSetting = setsSetting;
            Action = action;
        }

        public string Content { get; }

        public bool WritesWrapper { get; }

        /// <summary>True when go.alternateTools.&lt;tool&gt; must change to the wrapper's path.</summary>
        public bool SetsSetting { get; }

        /// <summary>Installed, Updated or None.</summary>
        public string Action { get; }
    }

    /// <summary>Finds, writes and removes wrappers, and plans the go.alternateTools edits that go with them.</summary>
    public static class WrapperInstaller
    {
        public const string AlternateToolsKey = "go.alternateTools";

        /// <summary>rwxr-xr-x: vscode-go starts the wrapper directly.</summary>
        public const uint ExecutableMode = 0x1ED;

        /// <summary>${XDG_DATA_HOME:-~/.local/share}/goenvtools/bin: not on PATH, so nothing but the setting finds it.</summary>
        public static string DefaultDestination(SettingsHost host)
        {
            string? data = host.GetEnvironmentVariable("XDG_DATA_HOME");
            if (string.IsNullOrEmpty(data) || !Path.IsPathRooted(data))
            {
                data = Path.Combine(host.Home, ".local", "share");
            }

            return Path.Combine(data!, "goenvtools", "bin");
        }

        public static WrapperFileState Inspect(string path)
        {
            if (!File.Exists(path))
            {
                return new WrapperFileState(Directory.Exists(path) ? WrapperFileKind.Foreign : WrapperFileKind.Missing, null, null);
            }

            WrapperHeader? header = WrapperScript.ReadHeaderOfFile(path);
            return header is null
                ? new WrapperFileState(WrapperFileKind.Foreign, null, null)
                : new WrapperFileState(WrapperFileKind.Ours, header, File.ReadAllText(path, Encoding.UTF8));
        }

        /// <summary>
        /// The real tool named with -TargetPath, checked: an absolute path of an executable file that is neither the
        /// wrapper itself nor any file the module wrote (which would start itself for ever).
        /// </summary>
        public static string CheckTarget(string path, string wrapperPath, Func<string, bool> isExecutableFile)
        {
            if (!Path.IsPathRooted(path))
            {
                throw new WrapperException($"-TargetPath '{path}' is not an absolute path.");
            }

            string full = Path.GetFullPath(path);
            if (!isExecutableFile(full))
            {
                throw new WrapperException($"-TargetPath '{full}' is not an executable file. Give the real program, for example the output of 'command -v gopls' in your terminal.");
            }

            if (SamePath(full, wrapperPath))
            {
                throw new WrapperException($"-TargetPath '{full}' is the wrapper's own path: the wrapper would start itself. Give the real program.");
            }

            if (WrapperScript.ReadHeaderOfFile(full) is WrapperHeader header)
            {
                throw new WrapperException(
                    $"-TargetPath '{full}' is a wrapper GoEnvTools wrote (it starts '{header.TargetPath}'); a wrapper must start the real program, never a wrapper. Give -TargetPath '{header.TargetPath}'.");
            }

            return full;
        }

        /// <summary>
        /// The first <paramref name="tool"/> on the PATH entries that is a real program: wrappers the module wrote (and
        /// the wrapper's own path) are passed over and listed in <paramref name="skipped"/>. Null when there is none.
        /// </summary>
        public static string? FindTarget(string tool, IEnumerable<string> pathEntries, string wrapperPath, Func<string, bool> isExecutableFile, List<string> skipped)
        {
            foreach (string entry in pathEntries)
            {
                if (entry.Length == 0 || !Path.IsPathRooted(entry))
                {
                    continue;
                }

                string candidate = Path.Combine(entry, tool);
                if (!isExecutableFile(candidate))
                {
                    continue;
                }

                if (SamePath(candidate, wrapperPath) || WrapperScript.ReadHeaderOfFile(candidate) is not null)
                {
                    skipped.Add(candidate);
                    continue;
                }

                return candidate;
            }

            return null;
        }

        /// <summary>
        /// What an install writes. The records of settings already changed by an earlier install are kept; when the
        /// setting is to point at the wrapper and does not yet, its current value is recorded (replacing an older
        /// record of the same file) so Uninstall-GoWrapper can put it back.
        /// </summary>
        public static WrapperInstallPlan PlanInstall(WrapperSpec spec, WrapperFileState existing, string? settingsPath, string? currentSetting)
        {
            if (existing.Header is WrapperHeader header)
            {
                foreach (WrapperSettingRecord record in header.Settings)
                {
                    spec.Settings.Add(record);
                }
            }

            bool setsSetting = settingsPath is not null && !string.Equals(currentSetting, spec.WrapperPath, StringComparison.Ordinal);
            if (setsSetting)
            {
                spec.Settings.RemoveAll(r => SamePath(r.SettingsPath, settingsPath!));
                spec.Settings.Add(new WrapperSettingRecord(settingsPath!, currentSetting));
            }

            string content = WrapperScript.Generate(spec);
            bool writes = existing.Kind != WrapperFileKind.Ours || !string.Equals(existing.Text, content, StringComparison.Ordinal);
            string action = existing.Kind == WrapperFileKind.Ours
                ? (writes || setsSetting ? "Updated" : "None")
                : "Installed";
            return new WrapperInstallPlan(content, writes, setsSetting, action);
        }

        /// <summary>Writes the wrapper whole or not at all, mode 0755, creating its folder (mode 0755 too).</summary>
        public static void Write(string path, string content)
        {
            string? directory = Path.GetDirectoryName(Path.GetFullPath(path));
            if (directory is not null && !Directory.Exists(directory))
            {
                Directory.CreateDirectory(directory);
                AtomicFile.SetMode(directory, ExecutableMode);
            }

            AtomicFile.Write(path, content, overwrite: true, mode: ExecutableMode);
        }

        /// <summary>
        /// The wrapper's folder when no one but its owner can write to it (or it does not exist yet and
        /// <see cref="Write"/> will make it so); otherwise null, and the wrapper uses mktemp at each start.
        /// </summary>
        public static string? PrivateFolderFor(string wrapperPath)
        {
            string? directory = Path.GetDirectoryName(Path.GetFullPath(wrapperPath));
            if (directory is null)
            {
                return null;
            }

            if (!Directory.Exists(directory))
            {
                return directory;
            }

            // Group or others may write (022): someone else could plant a file under the name the wrapper uses.
            return AtomicFile.TryGetMode(directory) is uint mode && (mode & 0x12) == 0 ? directory : null;
        }

        /// <summary>The string value of go.alternateTools.&lt;tool&gt;, or null when it is not set.</summary>
        public static string? CurrentSetting(byte[]? bytes, VsCodeSettingsFile file, string tool)
        {
            if (bytes is null)
            {
                return null;
            }

            var path = new List<string>(GoSettingsReader.SettingsPrefix(file)) { AlternateToolsKey, tool };
            JsoncNode? node = JsoncDocument.Parse(bytes).Find(path);
            if (node is null)
            {
                return null;
            }

            if (node.Kind != JsoncNodeKind.String)
            {
                throw new WrapperException($"{AlternateToolsKey}.{tool} in '{file.Path}' is not a string; fix it in VS Code first, then run the command again. Nothing was changed.");
            }

            return node.Value;
        }

        /// <summary>The edit that sets go.alternateTools.&lt;tool&gt; to <paramref name="value"/>, or removes it when null.</summary>
        public static PreparedSettingsEdit PrepareSetting(byte[]? original, VsCodeSettingsFile file, string tool, string? value) =>
            SettingsEditPlan.Prepare(
                original,
                GoSettingsReader.SettingsPrefix(file),
                new[] { value is null ? SettingsOperation.Remove(AlternateToolsKey, tool) : SettingsOperation.Set(value, AlternateToolsKey, tool) },
                ':',
                new JsoncFormatting { DefaultLineBreak = "\n" });

        /// <summary>The bytes of a file, or null when it does not exist.</summary>
        public static byte[]? ReadIfPresent(string path) => File.Exists(path) ? File.ReadAllBytes(path) : null;

        private static bool SamePath(string a, string b) =>
            string.Equals(Path.GetFullPath(a).TrimEnd('/'), Path.GetFullPath(b).TrimEnd('/'), StringComparison.Ordinal);
    }
}
