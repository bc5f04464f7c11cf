using System;
using System.Globalization;
using System.IO;
using System.Security.Cryptography;
using System.Text;

namespace GoEnvTools
{
    /// <summary>
    /// The user's redaction key: 32 random bytes in <c>redaction.key</c> (hex, mode 0600) in the module's folder of
    /// the user's configuration, made on first use.
    /// </summary>
    public static class RedactionKeyStore
    {
        public const string FileName = "redaction.key";
        public const string FolderName = "goenvtools";
        private const int KeyLength = 32;

        /// <summary>
        /// <c>%APPDATA%\goenvtools</c> on Windows; <c>$XDG_CONFIG_HOME/goenvtools</c> elsewhere, or
        /// <c>~/.config/goenvtools</c> when XDG_CONFIG_HOME is unset or not absolute (as the XDG spec says).
        /// </summary>
        public static string ResolveFolder(Func<string, string?> getVariable, string platform)
        {
            if (SnapshotPlatform.IgnoresCase(platform))
            {
                string? appData = getVariable("APPDATA");
                if (string.IsNullOrEmpty(appData))
                {
                    appData = Environment.GetFolderPath(Environment.SpecialFolder.ApplicationData);
                }

                return Path.Combine(appData!, FolderName);
            }

            string? xdg = getVariable("XDG_CONFIG_HOME");
            if (!string.IsNullOrEmpty(xdg) && xdg!.StartsWith("/", StringComparison.Ordinal))
            {
                return Path.Combine(xdg, FolderName);
            }

            string? home = getVariable("HOME");
            if (string.IsNullOrEmpty(home))
            {
                home = Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);
            }

            return Path.Combine(home!, ".config", FolderName);
        }

        /// <summary>The key in <paramref name="folder"/>, created when there is none.</summary>
        /// <exception cref="InvalidDataException">The key file exists but holds no key.</exception>
        public static SecretRedactor LoadOrCreate(string folder)
        {
            string path = Path.Combine(folder, FileName);
            if (File.Exists(path))
            {
                return new SecretRedactor(Read(path));
            }

            if (!Directory.Exists(folder))
            {
                Directory.CreateDirectory(folder);
            }

            byte[] key = new byte[KeyLength];
            using (var random = RandomNumberGenerator.Create())
            {
                random.GetBytes(key);
            }

            try
            {
                AtomicFile.Write(path, SecretRedactor.ToHex(key, KeyLength * 2) + "\n", overwrite: false, ownerOnly: true);
            }
            catch (IOException) when (File.Exists(path))
            {
                // Another process made the key first; everyone must use that one.
                return new SecretRedactor(Read(path));
            }

            return new SecretRedactor(key);
        }

        private static byte[] Read(string path)
        {
            string text = File.ReadAllText(path, Encoding.ASCII).Trim();
            if (text.Length != KeyLength * 2)
            {
                throw Damaged(path);
            }

            byte[] key = new byte[KeyLength];
            for (int i = 0; i < KeyLength; i++)
            {
                if (!byte.TryParse(text.Substring(i * 2, 2), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out key[i]))
                {
                    throw Damaged(path);
                }
            }

            return key;
        }

        private static InvalidDataException Damaged(string path) => new InvalidDataException(
            $"The redaction key file '{path}' does not hold a key ({KeyLength * 2} hex digits). Delete it and a new key is made; secrets redacted under the old key then compare as Unknown.");
    }
}
