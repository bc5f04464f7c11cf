using System;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace GoEnvTools
{
    /// <summary>
    /// Replaces secret values by <c>redacted:&lt;key id&gt;:&lt;hash&gt;</c>: an HMAC-SHA256 of the value under a key
    /// of the user's, so two files of one user tell equal secrets from different ones without holding either, and
    /// nobody without the key can test guesses against them.
    /// </summary>
    public sealed class SecretRedactor
    {
        public const string Prefix = "redacted:";

        // 64 bits of the HMAC tell two values apart with certainty in practice and keep lines short.
        private const int HashHexLength = 16;
        private const int KeyIdHexLength = 8;

        private readonly byte[] _key;

        public SecretRedactor(byte[] key)
        {
            if (key is null || key.Length < 16)
            {
                throw new ArgumentException("A redaction key has at least 16 bytes.", nameof(key));
            }

            _key = (byte[])key.Clone();
            using (var sha = SHA256.Create())
            {
                KeyId = ToHex(sha.ComputeHash(_key), KeyIdHexLength);
            }
        }

        /// <summary>A short public name of the key: the start of its SHA-256, in hex.</summary>
        public string KeyId { get; }

        public string Redact(string value)
        {
            using (var hmac = new HMACSHA256(_key))
            {
                byte[] hash = hmac.ComputeHash(Encoding.UTF8.GetBytes(value));
                return Prefix + KeyId + ":" + ToHex(hash, HashHexLength);
            }
        }

        /// <summary>Whether the value is in the redacted form, and its parts.</summary>
        public static bool TryParse(string? value, out string keyId, out string hash)
        {
            keyId = string.Empty;
            hash = string.Empty;
            if (value is null || !value.StartsWith(Prefix, StringComparison.Ordinal))
            {
                return false;
            }

            int colon = value.IndexOf(':', Prefix.Length);
            if (colon <= Prefix.Length || colon == value.Length - 1 || value.IndexOf(':', colon + 1) >= 0)
            {
                return false;
            }

            keyId = value.Substring(Prefix.Length, colon - Prefix.Length);
            hash = value.Substring(colon + 1);
            return IsHex(keyId) && IsHex(hash);
        }

        public static bool IsRedacted(string? value) => TryParse(value, out _, out _);

        private static bool IsHex(string text)
        {
            foreach (char c in text)
            {
                if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F')))
                {
                    return false;
                }
            }

            return true;
        }

        /// <summary>The first <paramref name="length"/> lowercase hex digits of the bytes.</summary>
        internal static string ToHex(byte[] bytes, int length)
        {
            var text = new StringBuilder(length);
            for (int i = 0; text.Length < length; i++)
            {
                text.Append(bytes[i].ToString("x2", CultureInfo.InvariantCulture));
            }

            return text.ToString(0, length);
        }
    }
}
