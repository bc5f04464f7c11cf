namespace GoEnvTools
{
    /// <summary>The text formats <see cref="YamlDocuments"/> writes.</summary>
    public enum DocumentFormat
    {
        Yaml,
        Json,
    }
}
