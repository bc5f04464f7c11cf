using System.Collections.Generic;
using System.Text;

namespace GoEnvTools.Windows
{
    /// <summary>
    /// Splits a Windows command line into arguments by the rules of shell32's CommandLineToArgvW, as Microsoft
    /// documents them: the program name ends at the first space or tab, or, when it begins with a quote, at the next
    /// quote, with no backslash escapes; later arguments are separated by spaces and tabs, quotes group, 2n
    /// backslashes before a quote give n backslashes and a grouping quote, 2n+1 give n backslashes and a literal
    /// quote, other backslashes are literal, and inside a quoted part two quotes give one literal quote and end it.
    /// </summary>
    public static class WindowsCommandLine
    {
        public static string[] Split(string? commandLine)
        {
            var args = new List<string>();
            if (string.IsNullOrEmpty(commandLine))
            {
                return args.ToArray();
            }

            string s = commandLine!;
            int i = 0;

            // The program name.
            var current = new StringBuilder();
            if (s[0] == '"')
            {
                i = 1;
                while (i < s.Length && s[i] != '"')
                {
                    current.Append(s[i++]);
                }

                if (i < s.Length)
                {
                    i++;
                }
            }
            else
            {
                while (i < s.Length && !IsBlank(s[i]))
                {
                    current.Append(s[i++]);
                }
            }

            args.Add(current.ToString());

            while (true)
            {
                while (i < s.Length && IsBlank(s[i]))
                {
                    i++;
                }

                if (i >= s.Length)
                {
                    break;
                }

                current.Clear();
                bool quoted = false;
                while (i < s.Length && (quoted || !IsBlank(s[i])))
                {
                    char c = s[i];
                    if (c == '\\')
                    {
                        int run = 0;
                        while (i < s.Length && s[i] == '\\')
                        {
                            run++;
                            i++;
                        }

                        if (i < s.Length && s[i] == '"')
                        {
                            current.Append('\\', run / 2);
                            if (run % 2 == 1)
                            {
                                current.Append('"');
                                i++;
                            }
                        }
                        else
                        {
                            current.Append('\\', run);
                        }
                    }
                    else if (c == '"')
                    {
                        if (quoted && i + 1 < s.Length && s[i + 1] == '"')
                        {
                            current.Append('"');
                            quoted = false;
                            i += 2;
                        }
                        else
                        {
                            quoted = !quoted;
                            i++;
                        }
                    }
                    else
                    {
                        current.Append(c);
                        i++;
                    }
                }

                args.Add(current.ToString());
            }

            return args.ToArray();
        }

        private static bool IsBlank(char c) => c == ' ' || c == '\t';
    }
}
