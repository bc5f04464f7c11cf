using System;
using System.IO;
using System.Text;

namespace GoEnvTools
{
    /// <summary>
    /// The ledger kept in a file of its own (macOS, Windows, and go env), where the store itself has no room for
    /// comments. Written atomically; removed when no entry is left.
    /// </summary>
    public sealed class LedgerFile
    {
        private const string Header = "# GoEnvTools: values its Set cmdlets wrote and what they replaced; the Remove cmdlets put those back.";

        public LedgerFile(string path, bool ignoreCase)
        {
            Path = path;
            IgnoreCase = ignoreCase;
        }

        public string Path { get; }

        public bool IgnoreCase { get; }

        public GuiEnvironmentLedger Load()
        {
            try
            {
                if (!File.Exists(Path))
                {
                    return new GuiEnvironmentLedger(IgnoreCase);
                }

                string text = File.ReadAllText(Path, Encoding.UTF8);
                return LedgerText.Parse(text.Split('\n'), string.Empty, IgnoreCase, Path);
            }
            catch (Exception ex) when (ex is IOException || ex is UnauthorizedAccessException)
            {
                throw new GuiEnvironmentFileException(Path, $"Cannot read '{Path}': {ex.Message}", ex);
            }
        }

        public void Save(GuiEnvironmentLedger ledger)
        {
            if (ledger.Entries.Count == 0)
            {
                AtomicFile.DeleteIfPresent(Path);
                return;
            }

            var sb = new StringBuilder(Header).Append('\n');
            foreach (string line in LedgerText.Format(ledger))
            {
                sb.Append(line).Append('\n');
            }

            Directory.CreateDirectory(System.IO.Path.GetDirectoryName(Path)!);

            // The values may be private (a GOPRIVATE host, a proxy): readable by the owner only.
            AtomicFile.Write(Path, sb.ToString(), overwrite: true, ownerOnly: true);
        }
    }
}
