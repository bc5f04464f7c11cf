using System;
using System.IO;
using System.Runtime.InteropServices;
using Xunit;

namespace GoEnvTools.Tests.Snapshots
{
    public sealed class SecretDetectorTests
    {
        [Theory]
        [InlineData("GITHUB_TOKEN")]
        [InlineData("npm_auth_token")]
        [InlineData("AWS_SECRET_ACCESS_KEY")]
        [InlineData("DB_PASSWORD")]
        [InlineData("FTP_PASSWD")]
        [InlineData("OPENAI_API_KEY")]
        [InlineData("SSH_PRIVATE_KEY")]
        [InlineData("GOOGLE_APPLICATION_CREDENTIALS")]
        [InlineData("Credential")]
        public void SecretNames_AreFound_InAnyCase(string name)
        {
            Assert.True(SecretDetector.IsSecretName(name));
            Assert.True(SecretDetector.IsSecret(name, "plain"));
        }

        [Theory]
        [InlineData("PATH")]
        [InlineData("GOPATH")]
        [InlineData("TOKENIZER_HOME_X")]
        public void SecretNames_AreParts_NotWords(string name)
        {
            // TOKEN inside TOKENIZER counts too: a name part is enough, since a missed secret costs more than a redacted path.
            Assert.Equal(name.StartsWith("TOKEN", StringComparison.Ordinal), SecretDetector.IsSecretName(name));
        }

        public static TheoryData<string> TokenValues() => new TheoryData<string>
        {
            "ghp_" + new string('a', 36),
            "github_pat_" + new string('B', 22) + "_" + new string('c', 59),
            "AKIA" + "ABCDEFGHIJKLMNOP",
            "xoxb-" + "1234567890-abcdefghij",
            "xoxp-" + "1234567890-abcdefghij",
            "glpat-" + new string('x', 20),
            "https://user:" + "ghp_" + new string('z', 36) + "@github.com/org/repo",
        };

        [Theory]
        [MemberData(nameof(TokenValues))]
        public void TokenShapedValues_AreSecrets_UnderAnyName(string value)
        {
            Assert.True(SecretDetector.HasTokenShape(value));
            Assert.True(SecretDetector.IsSecret("HARMLESS_NAME", value));
        }

        [Theory]
        [InlineData("/usr/local/go/bin:/usr/bin")]
        [InlineData("ghp_short")]
        [InlineData("MAKIAABCDEFGHIJKLMNOP")] // AKIA inside a word
        [InlineData("xoxb")]
        [InlineData("https://proxy.golang.org,direct")]
        [InlineData("")]
        public void OrdinaryValues_AreNotSecrets(string value)
        {
            Assert.False(SecretDetector.HasTokenShape(value));
            Assert.False(SecretDetector.IsSecret("GOPROXY", value));
        }
    }

    public sealed class SecretRedactorTests
    {
        private static readonly byte[] s_fixedKey = Bytes(0x11, 32);
        private static readonly byte[] s_otherKey = Bytes(0x22, 32);

        private static byte[] Bytes(byte seed, int length)
        {
            var key = new byte[length];
            for (int i = 0; i < length; i++)
            {
                key[i] = (byte)(seed + i);
            }

            return key;
        }

        [Fact]
        public void Redaction_IsStableForOneKey_AndHasTheContractShape()
        {
            var redactor = new SecretRedactor(s_fixedKey);
            string first = redactor.Redact("hunter2");
            string again = new SecretRedactor(s_fixedKey).Redact("hunter2");

            Assert.Equal(first, again);
            Assert.Matches("^redacted:[0-9a-f]{8}:[0-9a-f]{16}$", first);
            Assert.StartsWith("redacted:" + redactor.KeyId + ":", first, StringComparison.Ordinal);
            Assert.DoesNotContain("hunter2", first, StringComparison.Ordinal);
        }

        [Fact]
        public void Redaction_MatchesAnIndependentHmac()
        {
            // The expected value computed here with .NET's HMACSHA256 directly, so a change of algorithm shows.
            using var hmac = new System.Security.Cryptography.HMACSHA256(s_fixedKey);
            string hash = Convert.ToHexString(hmac.ComputeHash(System.Text.Encoding.UTF8.GetBytes("é value"))).ToLowerInvariant().Substring(0, 16);
            string keyId = Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(s_fixedKey)).ToLowerInvariant().Substring(0, 8);

            Assert.Equal($"redacted:{keyId}:{hash}", new SecretRedactor(s_fixedKey).Redact("é value"));
        }

        [Fact]
        public void DifferentValues_AndDifferentKeys_GiveDifferentRedactions()
        {
            var one = new SecretRedactor(s_fixedKey);
            var other = new SecretRedactor(s_otherKey);

            Assert.NotEqual(one.Redact("a"), one.Redact("b"));
            Assert.NotEqual(one.KeyId, other.KeyId);
            Assert.NotEqual(one.Redact("a"), other.Redact("a"));
        }

        [Theory]
        [InlineData("redacted:abcd1234:0123456789abcdef", true)]
        [InlineData("redacted:ABCD1234:0123", true)]
        [InlineData("redacted::0123", false)]
        [InlineData("redacted:abcd:", false)]
        [InlineData("redacted:xyz:0123", false)]
        [InlineData("redacted:ab:cd:ef", false)]
        [InlineData("not redacted", false)]
        public void TryParse_AcceptsOnlyTheRedactedForm(string value, bool expected)
        {
            Assert.Equal(expected, SecretRedactor.IsRedacted(value));
        }

        [Fact]
        public void ShortKeys_AreRefused()
        {
            Assert.Throws<ArgumentException>(() => new SecretRedactor(new byte[8]));
        }
    }

    public sealed class RedactionKeyStoreTests : IDisposable
    {
        private readonly string _root = Path.Combine(Path.GetTempPath(), "goenvtools-key-" + Guid.NewGuid().ToString("N"));

        public void Dispose()
        {
            if (Directory.Exists(_root))
            {
                Directory.Delete(_root, recursive: true);
            }
        }

        [Theory]
        [InlineData("/cfg", null, "/home/me", "/cfg/goenvtools")]
        [InlineData(null, null, "/home/me", "/home/me/.config/goenvtools")]
        [InlineData("relative/cfg", null, "/home/me", "/home/me/.config/goenvtools")]
        [InlineData("", null, "/home/me", "/home/me/.config/goenvtools")]
        public void Folder_FollowsXdgConfigHome_OnLinuxAndMacOS(string? xdg, string? appData, string home, string expected)
        {
            string? Get(string name) => name switch { "XDG_CONFIG_HOME" => xdg, "APPDATA" => appData, "HOME" => home, _ => null };

            Assert.Equal(expected, RedactionKeyStore.ResolveFolder(Get, SnapshotPlatform.Linux).Replace('\\', '/'));
            Assert.Equal(expected, RedactionKeyStore.ResolveFolder(Get, SnapshotPlatform.MacOS).Replace('\\', '/'));
        }

        [Fact]
        public void Folder_IsUnderAppData_OnWindows()
        {
            string folder = RedactionKeyStore.ResolveFolder(n => n == "APPDATA" ? "/appdata" : "/ignored", SnapshotPlatform.Windows);

            Assert.Equal(Path.Combine("/appdata", "goenvtools"), folder);
        }

        [Fact]
        public void TheKey_IsMadeOnce_PrivateToTheOwner_AndReused()
        {
            string folder = Path.Combine(_root, "goenvtools");
            SecretRedactor first = RedactionKeyStore.LoadOrCreate(folder);
            SecretRedactor second = RedactionKeyStore.LoadOrCreate(folder);

            string file = Path.Combine(folder, RedactionKeyStore.FileName);
            Assert.True(File.Exists(file));
            Assert.Equal(first.KeyId, second.KeyId);
            Assert.Equal(first.Redact("x"), second.Redact("x"));
            Assert.Matches("^[0-9a-f]{64}\n$", File.ReadAllText(file));
            Assert.Single(Directory.GetFiles(folder));
            if (!RuntimeInformation.IsOSPlatform(OSPlatform.Windows))
            {
                Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(file));
            }
        }

        [Fact]
        public void TwoFolders_GiveTwoKeys()
        {
            Assert.NotEqual(
                RedactionKeyStore.LoadOrCreate(Path.Combine(_root, "a")).KeyId,
                RedactionKeyStore.LoadOrCreate(Path.Combine(_root, "b")).KeyId);
        }

        [Fact]
        public void ADamagedKeyFile_IsReported_NotReplaced()
        {
            Directory.CreateDirectory(_root);
            string file = Path.Combine(_root, RedactionKeyStore.FileName);
            File.WriteAllText(file, "not a key");

            InvalidDataException error = Assert.Throws<InvalidDataException>(() => RedactionKeyStore.LoadOrCreate(_root));
            Assert.Contains(file, error.Message, StringComparison.Ordinal);
            Assert.Equal("not a key", File.ReadAllText(file));
        }

        [Fact]
        public void AtomicFile_WithoutOverwrite_LeavesAnExistingFile_AndNoTemporaryFile()
        {
            Directory.CreateDirectory(_root);
            string file = Path.Combine(_root, "target.yaml");
            AtomicFile.Write(file, "one", overwrite: false, ownerOnly: false);

            Assert.ThrowsAny<IOException>(() => AtomicFile.Write(file, "two", overwrite: false, ownerOnly: false));
            AtomicFile.Write(Path.Combine(_root, "other.yaml"), "x", overwrite: true, ownerOnly: false);
            AtomicFile.Write(file, "three", overwrite: true, ownerOnly: false);

            Assert.Equal("three", File.ReadAllText(file));
            Assert.Equal(new[] { "other.yaml", "target.yaml" }, Array.ConvertAll(Directory.GetFiles(_root), f => Path.GetFileName(f)!).OrderBy());
        }
    }

    internal static class ArrayOrder
    {
        public static string[] OrderBy(this string[] items)
        {
            var copy = (string[])items.Clone();
            Array.Sort(copy, StringComparer.Ordinal);
            return copy;
        }
    }
}
