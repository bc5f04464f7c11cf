using System;
using System.Text.RegularExpressions;

namespace GoEnvTools
{
    /// <summary>Decides which environment variables hold secrets, by name and by the shape of the value.</summary>
    public static class SecretDetector
    {
        // Parts of a name that mark a secret wherever they stand: GITHUB_TOKEN, NPM_AUTH_TOKEN, AWS_SECRET_ACCESS_KEY.
        private static readonly string[] s_nameParts =
        {
            "TOKEN", "SECRET", "PASSWORD", "PASSWD", "API_KEY", "PRIVATE_KEY", "CREDENTIAL",
        };

        // Token formats that identify themselves by a prefix: GitHub classic and fine-grained tokens, AWS access key
        // ids, Slack tokens (xoxb-, xoxp-, xoxa-, ...), GitLab personal access tokens. A token may sit inside a
        // longer value (a URL with credentials), so the prefix only has to start a word; the characters after it
        // keep ordinary words such as "AKIAN" from counting.
        private static readonly Regex s_tokenShape = new Regex(
            @"(?<![A-Za-z0-9])(ghp_[A-Za-z0-9]{20,}|github_pat_[A-Za-z0-9_]{20,}|AKIA[A-Z0-9]{16}|xox[a-z]-[A-Za-z0-9-]{8,}|glpat-[A-Za-z0-9_-]{16,})",
            RegexOptions.CultureInvariant);

        public static bool IsSecretName(string name)
        {
            foreach (string part in s_nameParts)
            {
                if (name.IndexOf(part, StringComparison.OrdinalIgnoreCase) >= 0)
                {
                    return true;
                }
            }

            return false;
        }

        // Every shape starts with one of these; looking for them first spares the regular expression almost every value.
        private static readonly string[] s_tokenStarts = { "ghp_", "github_pat_", "AKIA", "xox", "glpat-" };

        public static bool HasTokenShape(string? value)
        {
            if (value is null || value.Length < 20)
            {
                return false;
            }

            foreach (string start in s_tokenStarts)
            {
                if (value.IndexOf(start, StringComparison.Ordinal) >= 0)
                {
                    return s_tokenShape.IsMatch(value);
                }
            }

            return false;
        }

        public static bool IsSecret(string name, string? value) => IsSecretName(name) || HasTokenShape(value);
    }
}
