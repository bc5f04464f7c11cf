namespace GoEnvTools
{
    /// <summary>How a process environment was read, or why it could not be.</summary>
    public enum EnvironmentStatus
    {
        /// <summary>Read completely.</summary>
        Ok,
        /// <summary>Read, but through a path that may lose data (for example <c>ps -E</c>).</summary>
        Lossy,
        /// <summary>The process belongs to someone else and the OS refused the read.</summary>
        AccessDenied,
        /// <summary>The process is gone or is a zombie.</summary>
        Exited,
        /// <summary>The OS withheld the environment (for example code-signing restrictions on macOS).</summary>
        Hidden,
        /// <summary>The process has no user-space environment (a kernel thread).</summary>
        NotSupported,
    }

    /// <summary>Editors whose processes start gopls.</summary>
    public enum Editor
    {
        Code,
        Insiders,
        VSCodium,
        Cursor,
        Other,
        None,
    }
}
