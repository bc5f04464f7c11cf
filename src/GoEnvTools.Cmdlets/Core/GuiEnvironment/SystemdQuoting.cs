using System;
using System.Collections.Generic;
using System.Text;

namespace GoEnvTools
{
    /// <summary>
    /// The two quotings systemd uses: how an environment.d file must quote a value so the user manager reads it
    /// back exactly, and how systemd prints values (the generator's "..." and show-environment's $'...').
    /// </summary>
    public static class SystemdQuoting
    {
        /// <summary>
        /// A value for an environment.d line, in double quotes (which keep leading and trailing blanks and '#').
        /// Inside them systemd's parser turns \" and \\ into " and \, and keeps newlines; its expansion afterwards
        /// turns $$ into $, which is the only way to stop $NAME or ${NAME} from being expanded.
        /// </summary>
        public static string QuoteForEnvironmentD(string value)
        {
            var sb = new StringBuilder(value.Length + 2);
            sb.Append('"');
            foreach (char c in value)
            {
                switch (c)
                {
                    case '\\': sb.Append("\\\\"); break;
                    case '"': sb.Append("\\\""); break;
                    case '$': sb.Append("$$"); break;
                    default: sb.Append(c); break;
                }
            }

            return sb.Append('"').ToString();
        }

        /// <summary>NAME=VALUE lines as systemd prints them (one variable a line), values unquoted; later names win.</summary>
        public static List<KeyValuePair<string, string>> ParseAssignments(string output)
        {
            var list = new List<KeyValuePair<string, string>>();
            foreach (string line in output.Split('\n'))
            {
                int eq = line.IndexOf('=');
                if (eq <= 0)
                {
                    continue;
                }

                string name = line.Substring(0, eq);
                string value = Unquote(line.Substring(eq + 1).TrimEnd('\r'));
                list.RemoveAll(p => p.Key == name);
                list.Add(new KeyValuePair<string, string>(name, value));
            }

            return list;
        }

        /// <summary>A printed value: bare, "..." with backslash escapes, or $'...' with C escapes.</summary>
        public static string Unquote(string text)
        {
            if (text.Length >= 2 && text[0] == '"' && text[text.Length - 1] == '"')
            {
                return Decode(text.Substring(1, text.Length - 2));
            }

            if (text.Length >= 3 && text[0] == '$' && text[1] == '\'' && text[text.Length - 1] == '\'')
            {
                return Decode(text.Substring(2, text.Length - 3));
            }

            return text;
        }

        // Escapes decode to bytes first: \ooo and \xHH give single bytes of a UTF-8 sequence.
        private static string Decode(string body)
        {
            var bytes = new List<byte>(body.Length);
            for (int i = 0; i < body.Length; i++)
            {
                char c = body[i];
                if (c != '\\' || i + 1 >= body.Length)
                {
                    int length = char.IsHighSurrogate(c) && i + 1 < body.Length ? 2 : 1;
                    bytes.AddRange(Encoding.UTF8.GetBytes(body.Substring(i, length)));
                    i += length - 1;
                    continue;
                }

                char e = body[++i];
                switch (e)
                {
                    case 'n': bytes.Add((byte)'\n'); break;
                    case 't': bytes.Add((byte)'\t'); break;
                    case 'r': bytes.Add((byte)'\r'); break;
                    case 'a': bytes.Add(7); break;
                    case 'b': bytes.Add(8); break;
                    case 'f': bytes.Add(12); break;
                    case 'v': bytes.Add(11); break;
                    case 'x' when i + 2 < body.Length && IsHex(body[i + 1]) && IsHex(body[i + 2]):
                        bytes.Add(Convert.ToByte(body.Substring(i + 1, 2), 16));
                        i += 2;
                        break;
                    case >= '0' and <= '7' when i + 2 < body.Length && IsOctal(body[i + 1]) && IsOctal(body[i + 2]):
                        bytes.Add(Convert.ToByte(body.Substring(i, 3), 8));
                        i += 2;
                        break;
                    default:
                        bytes.AddRange(Encoding.UTF8.GetBytes(e.ToString()));
                        break;
                }
            }

            return Encoding.UTF8.GetString(bytes.ToArray());
        }

        private static bool IsHex(char c) => (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');

        private static bool IsOctal(char c) => c >= '0' && c <= '7';
    }
}
