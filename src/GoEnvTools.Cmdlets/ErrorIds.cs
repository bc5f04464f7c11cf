namespace GoEnvTools
{
    /// <summary>The FullyQualifiedErrorId prefixes of the module's errors; scripts may rely on them.</summary>
    internal static class ErrorIds
    {
        public const string ProcessNotFound = "ProcessNotFound";
        public const string NoProcessFoundForGivenName = "NoProcessFoundForGivenName";
        public const string PlatformNotSupported = "PlatformNotSupported";
        public const string ProcessTableUnreadable = "ProcessTableUnreadable";
        public const string ShellNotFound = "ShellNotFound";
        public const string ShellStartFailed = "ShellStartFailed";
        public const string ShellEnvironmentTimeout = "ShellEnvironmentTimeout";
        public const string ShellEnvironmentNotCaptured = "ShellEnvironmentNotCaptured";
        public const string NotInstalled = "NotInstalled";
        public const string GoCommandFailed = "GoCommandFailed";
        public const string EnvironmentUnavailable = "EnvironmentUnavailable";
        public const string SnapshotInputNotSupported = "SnapshotInputNotSupported";
        public const string SnapshotNotReadable = "SnapshotNotReadable";
        public const string SnapshotFileInvalid = "SnapshotFileInvalid";
        public const string SnapshotFileNotFound = "SnapshotFileNotFound";
        public const string SnapshotFileExists = "SnapshotFileExists";
        public const string SnapshotFileReadOnly = "SnapshotFileReadOnly";
        public const string SnapshotFileExtensionUnknown = "SnapshotFileExtensionUnknown";
        public const string SnapshotWriteFailed = "SnapshotWriteFailed";
        public const string SnapshotReadFailed = "SnapshotReadFailed";
        public const string SnapshotAlreadyExported = "SnapshotAlreadyExported";
        public const string RedactionKeyUnavailable = "RedactionKeyUnavailable";
        public const string SettingsWorkspacePathMissing = "SettingsWorkspacePathMissing";
        public const string SettingsFileInvalid = "SettingsFileInvalid";
        public const string SettingsReadFailed = "SettingsReadFailed";
        public const string SettingsWriteFailed = "SettingsWriteFailed";
        public const string SettingsChangedOnDisk = "SettingsChangedOnDisk";
        public const string SettingsEditorNotChosen = "SettingsEditorNotChosen";
        public const string SettingsProfileNameMissing = "SettingsProfileNameMissing";
        public const string SettingsProfileNotFound = "SettingsProfileNotFound";
        public const string SettingsSecretRefused = "SettingsSecretRefused";
        public const string SettingsNothingToDo = "SettingsNothingToDo";
        public const string SettingsInputNotSupported = "SettingsInputNotSupported";
        public const string GuiEnvironmentValueInvalid = "GuiEnvironmentValueInvalid";
        public const string GuiEnvironmentFileInvalid = "GuiEnvironmentFileInvalid";
        public const string GuiEnvironmentWriteFailed = "GuiEnvironmentWriteFailed";
        public const string GuiEnvironmentPartiallyChanged = "GuiEnvironmentPartiallyChanged";
        public const string GuiEnvironmentSecretRefused = "GuiEnvironmentSecretRefused";
        public const string GoEnvConfigRefused = "GoEnvConfigRefused";
        public const string GoEnvConfigSecretRefused = "GoEnvConfigSecretRefused";
        public const string DiagnosisPathNotFound = "DiagnosisPathNotFound";
        public const string ReportWriteFailed = "ReportWriteFailed";
        public const string RepairInputNotSupported = "RepairInputNotSupported";
        public const string RepairFailed = "RepairFailed";
        public const string WrapperNotSupportedOnWindows = "WrapperNotSupportedOnWindows";
        public const string WrapperTargetNotFound = "WrapperTargetNotFound";
        public const string WrapperTargetInvalid = "WrapperTargetInvalid";
        public const string WrapperPathTaken = "WrapperPathTaken";
        public const string WrapperWriteFailed = "WrapperWriteFailed";
        public const string WrapperSettingNotChanged = "WrapperSettingNotChanged";
        public const string WrapperNotOwned = "WrapperNotOwned";
        public const string WrapperRemoveFailed = "WrapperRemoveFailed";
    }
}
