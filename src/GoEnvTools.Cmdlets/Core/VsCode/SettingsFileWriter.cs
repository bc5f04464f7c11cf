using System;
using System.IO;
using System.Reflection;

namespace GoEnvTools
{
    /// <summary>The settings file changed on disk between reading it and writing it (VS Code saved it meanwhile).</summary>
    [Serializable]
    public sealed class SettingsChangedOnDiskException : IOException
    {
        public SettingsChangedOnDiskException(string path)
            : base($"'{path}' changed on disk while it was being edited (VS Code or another program saved it); nothing was written. Run the command again.")
        {
            Path = path;
        }

        public string Path { get; }
    }

    public sealed class SettingsWriteOptions
    {
        /// <summary>Keep a copy of the file as it was (&lt;file&gt;.goenvtools.bak, or timestamped when that exists).</summary>
        public bool Backup { get; set; } = true;

        public Func<DateTime> Clock { get; set; } = () => DateTime.Now;

        /// <summary>A test seam: runs after the temporary file is written, before the target is compared and replaced.</summary>
        public Action<string>? BeforeCommit { get; set; }
    }

    /// <summary>
    /// Writes a settings file safely: the bytes go to a temporary file beside the real file (the target of a symbolic
    /// link, so the link stays a link), which takes the real file's mode and is renamed over it; the file is read
    /// again just before the rename, and a change since it was read stops the write.
    /// </summary>
    public static class SettingsFileWriter
    {
        private static readonly MethodInfo? s_resolveLinkTarget = typeof(FileSystemInfo).GetMethod("ResolveLinkTarget", new[] { typeof(bool) });
        private static readonly MethodInfo? s_getUnixFileMode = typeof(File).GetMethod("GetUnixFileMode", new[] { typeof(string) });
        private static readonly MethodInfo? s_setUnixFileMode = FindSetUnixFileMode();

        /// <summary>
        /// Replaces the file at path (original: the bytes it was read with, null when it did not exist) by updated.
        /// Returns the backup's path, or null when none was made.
        /// </summary>
        /// <exception cref="SettingsChangedOnDiskException">The file is no longer what was read.</exception>
        public static string? Write(string path, byte[]? original, byte[] updated, SettingsWriteOptions? options = null)
        {
            options ??= new SettingsWriteOptions();
            string real = ResolveFinalTarget(path);
            string directory = System.IO.Path.GetDirectoryName(real) ?? throw new ArgumentException($"'{path}' names no file.", nameof(path));
            Directory.CreateDirectory(directory);

            string temp = AtomicFile.WriteTemporarySibling(real, updated, ownerOnly: false);
            try
            {
                if (original is not null)
                {
                    CopyMode(real, temp);
                }

                options.BeforeCommit?.Invoke(temp);

                if (original is null)
                {
                    if (File.Exists(real))
                    {
                        throw new SettingsChangedOnDiskException(path);
                    }

                    // Never replaces: fails when another program created the file meanwhile.
                    try
                    {
                        File.Move(temp, real);
                    }
                    catch (IOException) when (File.Exists(real))
                    {
                        throw new SettingsChangedOnDiskException(path);
                    }

                    return null;
                }

                if (!File.Exists(real) || !SameBytes(File.ReadAllBytes(real), original))
                {
                    throw new SettingsChangedOnDiskException(path);
                }

                string? backup = null;
                if (options.Backup)
                {
                    backup = BackupPath(path, options.Clock());
                    File.WriteAllBytes(backup, original);
                    CopyMode(real, backup);
                }

                if (IsLink(real))
                {
                    // No way to find the link's target here (.NET Framework): write through the link in place, so it stays a link.
                    File.WriteAllBytes(real, updated);
                }
                else
                {
                    File.Replace(temp, real, destinationBackupFileName: null, ignoreMetadataErrors: true);
                }

                return backup;
            }
            finally
            {
                AtomicFile.DeleteIfPresent(temp);
            }
        }

        /// <summary>&lt;file&gt;.goenvtools.bak beside the path the user named; a timestamped name when that exists.</summary>
        public static string BackupPath(string path, DateTime now)
        {
            string plain = path + ".goenvtools.bak";
            if (!File.Exists(plain))
            {
                return plain;
            }

            string stamped = path + ".goenvtools." + now.ToString("yyyyMMdd-HHmmss", System.Globalization.CultureInfo.InvariantCulture) + ".bak";
            for (int i = 2; File.Exists(stamped); i++)
            {
                stamped = path + ".goenvtools." + now.ToString("yyyyMMdd-HHmmss", System.Globalization.CultureInfo.InvariantCulture) + "-" + i + ".bak";
            }

            return stamped;
        }

        /// <summary>The file a chain of symbolic links ends at (the path itself when it is no link).</summary>
        public static string ResolveFinalTarget(string path)
        {
            string full = System.IO.Path.GetFullPath(path);
            var info = new FileInfo(full);
            FileAttributes attributes = info.Attributes;
            if ((int)attributes == -1 || (attributes & FileAttributes.ReparsePoint) == 0 || s_resolveLinkTarget is null)
            {
                return full;
            }

            var target = (FileSystemInfo?)s_resolveLinkTarget.Invoke(info, new object[] { true });
            return target?.FullName ?? full;
        }

        private static bool IsLink(string path)
        {
            FileAttributes attributes = new FileInfo(path).Attributes;
            return (int)attributes != -1 && (attributes & FileAttributes.ReparsePoint) != 0;
        }

        private static void CopyMode(string from, string to)
        {
            if (s_getUnixFileMode is null || s_setUnixFileMode is null || SettingsHost.CurrentPlatform == SettingsPlatform.Windows)
            {
                return;
            }

            object mode = s_getUnixFileMode.Invoke(null, new object[] { from })!;
            s_setUnixFileMode.Invoke(null, new[] { to, mode });
        }

        private static MethodInfo? FindSetUnixFileMode()
        {
            foreach (MethodInfo method in typeof(File).GetMethods(BindingFlags.Public | BindingFlags.Static))
            {
                ParameterInfo[] parameters = method.GetParameters();
                if (method.Name == "SetUnixFileMode" && parameters.Length == 2 && parameters[0].ParameterType == typeof(string))
                {
                    return method;
                }
            }

            return null;
        }

        /// <summary>Whether two byte arrays hold the same bytes.</summary>
        public static bool SameBytes(byte[] a, byte[] b)
        {
            if (a.Length != b.Length)
            {
                return false;
            }

            for (int i = 0; i < a.Length; i++)
            {
                if (a[i] != b[i])
                {
                    return false;
                }
            }

            return true;
        }
    }
}
