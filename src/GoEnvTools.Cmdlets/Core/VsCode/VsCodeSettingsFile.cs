using System.IO;

namespace GoEnvTools
{
    /// <summary>One VS Code settings file: whose it is, where it applies, and whether it is there.</summary>
    public sealed class VsCodeSettingsFile
    {
        public VsCodeSettingsFile(Editor editor, SettingsScope scope, string? profileName, string path)
        {
            Editor = editor;
            Scope = scope;
            ProfileName = profileName;
            Path = path;
            Refresh();
        }

        public Editor Editor { get; }
        public SettingsScope Scope { get; }

        /// <summary>The profile's name as VS Code records it (its folder name when it records none); null outside Profile.</summary>
        public string? ProfileName { get; }

        /// <summary>The profile's folder name under User/profiles; null outside Profile.</summary>
        public string? ProfileId { get; set; }

        public string Path { get; }
        public bool Exists { get; private set; }

        /// <summary>True when Path is a symbolic link (edits go to the file it points to; the link stays).</summary>
        public bool IsSymbolicLink { get; private set; }

        /// <summary>True for a *.code-workspace file, whose settings are its "settings" object.</summary>
        public bool IsWorkspaceFile => Path.EndsWith(".code-workspace", System.StringComparison.OrdinalIgnoreCase);

        public void Refresh()
        {
            FileAttributes attributes = new FileInfo(Path).Attributes;
            IsSymbolicLink = (int)attributes != -1 && (attributes & FileAttributes.ReparsePoint) != 0;
            Exists = File.Exists(Path);
        }

        public override string ToString() => Path;
    }
}
