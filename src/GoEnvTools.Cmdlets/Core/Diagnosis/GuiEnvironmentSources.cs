namespace GoEnvTools
{
    /// <summary>The GUI-environment source of this build.</summary>
    public static class GuiEnvironmentSources
    {
        public static IGuiEnvironmentSource Current { get; } = new UnavailableGuiEnvironmentSource();
    }
}
