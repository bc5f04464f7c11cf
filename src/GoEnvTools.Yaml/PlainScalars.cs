using System;
using System.Collections.Generic;

namespace GoEnvTools.Yaml
{
    /// <summary>Which strings are written without quotes in YAML.</summary>
    internal static class PlainScalars
    {
        // Words that YAML 1.1 or 1.2 readers (PyYAML, Go's yaml.v2/v3, ...) take as booleans or null.
        private static readonly HashSet<string> s_reserved = new HashSet<string>(StringComparer.OrdinalIgnoreCase)
        {
            "y", "n", "yes", "no", "true", "false", "on", "off", "null",
        };

        /// <summary>
        /// True only for strings that every YAML reader takes as that same string when written plain. The test is
        /// deliberately narrow (everything else is double-quoted, which is always exact): printable ASCII, starting
        /// with a letter, '_' or '/' (so never a number, date, time, sign, indicator or '~'), no character that
        /// starts a comment, flow collection or quoted string, no ": " and no ':' or space at the end.
        /// </summary>
        public static bool IsSafe(string value)
        {
            if (value.Length == 0 || s_reserved.Contains(value))
            {
                return false;
            }

            char first = value[0];
            if (!(IsAsciiLetter(first) || first == '_' || first == '/'))
            {
                return false;
            }

            char last = value[value.Length - 1];
            if (last == ' ' || last == ':')
            {
                return false;
            }

            for (int i = 0; i < value.Length; i++)
            {
                char c = value[i];
                if (!IsAsciiLetter(c) && !(c >= '0' && c <= '9') && "_-./:,=+@()%\\ ".IndexOf(c) < 0)
                {
                    return false;
                }

                if (c == ':' && value[i + 1] == ' ')
                {
                    return false;
                }
            }

            return true;
        }

        private static bool IsAsciiLetter(char c) => (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    }
}
