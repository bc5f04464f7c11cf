using System;
using System.Text;

namespace GoEnvTools
{
    /// <summary>Checks that bytes are UTF-8 (as VS Code writes settings) and counts UTF-8 lengths of text.</summary>
    internal static class Utf8Input
    {
        internal static readonly Encoding s_strict = new UTF8Encoding(false, true);

        /// <summary>
        /// Like <see cref="FindProblem"/>, and gives the decoded text (byte order mark included) when there is none:
        /// the runtime's vectorized NUL search and strict decoder do the work, and the byte-by-byte walk only runs
        /// to find where a problem is.
        /// </summary>
        internal static (JsoncErrorCode Code, string Detail, int Index)? QuickCheck(byte[] bytes, out string? text)
        {
            text = null;
            if (!(bytes.Length >= 2 && (bytes[0] == 0xFF || bytes[0] == 0xFE)) && Array.IndexOf(bytes, (byte)0) < 0)
            {
                try
                {
                    text = s_strict.GetString(bytes);
                    return null;
                }
                catch (DecoderFallbackException)
                {
                }
            }

            var problem = FindProblem(bytes);
            if (problem is null)
            {
                text = s_strict.GetString(bytes);
            }

            return problem;
        }

        /// <summary>
        /// Null when the bytes are UTF-8 without NUL bytes; otherwise the reason and the byte index where it shows.
        /// </summary>
        internal static (JsoncErrorCode Code, string Detail, int Index)? FindProblem(byte[] bytes)
        {
            if (bytes.Length >= 2 && ((bytes[0] == 0xFF && bytes[1] == 0xFE) || (bytes[0] == 0xFE && bytes[1] == 0xFF)))
            {
                return (JsoncErrorCode.NotUtf8,
                    "the file starts with a UTF-16 byte order mark (Windows PowerShell 5.1 writes UTF-16 by default); VS Code settings are UTF-8: save it as UTF-8",
                    0);
            }

            int i = 0;
            while (i < bytes.Length)
            {
                byte b = bytes[i];
                if (b == 0)
                {
                    return (JsoncErrorCode.NotUtf8,
                        "the file holds NUL bytes, as UTF-16 text does; VS Code settings are UTF-8: save it as UTF-8", i);
                }

                if (b < 0x80)
                {
                    i++;
                    continue;
                }

                int need;
                int min;
                if (b >= 0xC2 && b <= 0xDF)
                {
                    need = 1;
                    min = 0x80;
                }
                else if (b >= 0xE0 && b <= 0xEF)
                {
                    need = 2;
                    min = 0x800;
                }
                else if (b >= 0xF0 && b <= 0xF4)
                {
                    need = 3;
                    min = 0x10000;
                }
                else
                {
                    return (JsoncErrorCode.InvalidUtf8, $"byte 0x{b:X2} cannot start a UTF-8 sequence", i);
                }

                if (i + need >= bytes.Length)
                {
                    return (JsoncErrorCode.InvalidUtf8, "the file ends inside a UTF-8 sequence", i);
                }

                int code = b & (0x3F >> need);
                for (int k = 1; k <= need; k++)
                {
                    byte c = bytes[i + k];
                    if ((c & 0xC0) != 0x80)
                    {
                        return (JsoncErrorCode.InvalidUtf8, $"byte 0x{b:X2} starts a UTF-8 sequence that byte 0x{c:X2} does not continue", i);
                    }

                    code = (code << 6) | (c & 0x3F);
                }

                if (code < min || code > 0x10FFFF || (code >= 0xD800 && code <= 0xDFFF))
                {
                    return (JsoncErrorCode.InvalidUtf8, "an overlong, surrogate or out-of-range UTF-8 sequence", i);
                }

                i += need + 1;
            }

            return null;
        }

        /// <summary>The number of UTF-8 bytes that text[start..end) takes (text known to come from valid UTF-8).</summary>
        internal static unsafe long ByteCount(string text, int start, int end)
        {
            if (end <= start)
            {
                return 0;
            }

            // Splices never split a surrogate pair, so the strict encoder counts exactly (and vectorized).
            fixed (char* chars = text)
            {
                return s_strict.GetByteCount(chars + start, end - start);
            }
        }
    }
}
