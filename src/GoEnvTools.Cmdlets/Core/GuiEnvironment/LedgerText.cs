using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text;

namespace GoEnvTools
{
    /// <summary>
    /// The ledger as text, one line per variable: a keyword, the name, the value the module wrote, the state of the
    /// previous value (unset, value, expand) and the previous value, separated by tabs, with backslash escapes so that
    /// every value fits on one line. The same lines serve as comments in the environment.d file and as a state file.
    /// </summary>
    public static class LedgerText
    {
        public const string Keyword = "goenvtools-entry";

        public static IEnumerable<string> Format(GuiEnvironmentLedger ledger)
        {
            foreach (GuiEnvironmentEntry entry in ledger.Entries)
            {
                string state = entry.Previous is null ? "unset" : entry.PreviousExpand ? "expand" : "value";
                yield return string.Join("\t", Keyword, Escape(entry.Name), Escape(entry.Value), state, Escape(entry.Previous ?? string.Empty));
            }
        }

        /// <summary>Reads the ledger lines among <paramref name="lines"/> (after removing <paramref name="prefix"/>); other lines are skipped.</summary>
        public static GuiEnvironmentLedger Parse(IEnumerable<string> lines, string prefix, bool ignoreCase, string path)
        {
            var ledger = new GuiEnvironmentLedger(ignoreCase);
            int number = 0;
            foreach (string raw in lines)
            {
                number++;
                if (!raw.StartsWith(prefix + Keyword + "\t", StringComparison.Ordinal))
                {
                    continue;
                }

                string[] fields = raw.Substring(prefix.Length).Split('\t');
                if (fields.Length != 5 || (fields[3] != "unset" && fields[3] != "value" && fields[3] != "expand"))
                {
                    throw new GuiEnvironmentFileException(path, $"'{path}' line {number}: the record of a previous value is damaged. Restore the file from a backup, or delete it (Remove-GuiEnvironmentVariable then restores nothing).");
                }

                string name = Unescape(fields[1]);
                string? previous = fields[3] == "unset" ? null : Unescape(fields[4]);
                ledger.Add(new GuiEnvironmentEntry(name, Unescape(fields[2]), previous, fields[3] == "expand"));
            }

            return ledger;
        }

        public static string Escape(string text)
        {
            var sb = new StringBuilder(text.Length);
            foreach (char c in text)
            {
                switch (c)
                {
                    case '\\': sb.Append("\\\\"); break;
                    case '\t': sb.Append("\\t"); break;
                    case '\n': sb.Append("\\n"); break;
                    case '\r': sb.Append("\\r"); break;
                    default:
                        if (c < 0x20 || c == 0x7f || c == 0x2028 || c == 0x2029 || c == 0x85)
                        {
                            sb.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
                        }
                        else
                        {
                            sb.Append(c);
                        }

                        break;
                }
            }

            return sb.ToString();
        }

        public static string Unescape(string text)
        {
            var sb = new StringBuilder(text.Length);
            for (int i = 0; i < text.Length; i++)
            {
                char c = text[i];
                if (c != '\\' || i + 1 >= text.Length)
                {
                    sb.Append(c);
                    continue;
                }

                char next = text[++i];
                switch (next)
                {
                    case 't': sb.Append('\t'); break;
                    case 'n': sb.Append('\n'); break;
                    case 'r': sb.Append('\r'); break;
                    case 'u' when i + 4 < text.Length:
                        sb.Append((char)int.Parse(text.Substring(i + 1, 4), NumberStyles.HexNumber, CultureInfo.InvariantCulture));
                        i += 4;
                        break;
                    default: sb.Append(next); break;
                }
            }

            return sb.ToString();
        }
    }
}
