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
    }
}
