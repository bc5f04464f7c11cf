using System.Collections.Generic;

namespace GoEnvTools.Windows
{
    /// <summary>
    /// Parses a Windows environment block: UTF-16LE strings <c>NAME=VALUE</c>, each ended by U+0000, the block ended
    /// by an empty string. Names may begin with '=' (the per-drive current directories, <c>=C:=C:\src</c>), so the
    /// name ends at the first '=' after its first character, as GetEnvironmentVariableW looks it up.
    /// </summary>
    public static class WindowsEnvironmentBlock
    {
        /// <summary>
        /// The entries of the first <paramref name="length"/> bytes of <paramref name="data"/>. A trailing odd byte
        /// is ignored; a block without its final terminator keeps its last entry; UTF-16 code units are kept as they
        /// are, unpaired surrogates included, so a value reads exactly as the process would read it.
        /// </summary>
        public static List<EnvironmentEntry> Parse(byte[] data, int length)
        {
            var entries = new List<EnvironmentEntry>();
            int units = length / 2;
            var chars = new char[units];
            for (int i = 0; i < units; i++)
            {
                chars[i] = (char)(data[2 * i] | (data[(2 * i) + 1] << 8));
            }

            int start = 0;
            while (start < units)
            {
                int end = start;
                while (end < units && chars[end] != '\0')
                {
                    end++;
                }

                if (end == start)
                {
                    break;
                }

                int eq = -1;
                for (int i = start + 1; i < end; i++)
                {
                    if (chars[i] == '=')
                    {
                        eq = i;
                        break;
                    }
                }

                entries.Add(eq < 0
                    ? new EnvironmentEntry(new string(chars, start, end - start), null)
                    : new EnvironmentEntry(new string(chars, start, eq - start), new string(chars, eq + 1, end - eq - 1)));
                start = end + 1;
            }

            return entries;
        }

        /// <summary>
        /// The number of bytes up to and including the block's final empty string, or -1 when the first
        /// <paramref name="length"/> bytes do not hold the whole block.
        /// </summary>
        public static int FindEnd(byte[] data, int length)
        {
            // The block ends at the first U+0000 that follows another U+0000 or opens the block.
            bool previousWasNul = true;
            for (int i = 0; i + 1 < length; i += 2)
            {
                bool nul = data[i] == 0 && data[i + 1] == 0;
                if (nul && previousWasNul)
                {
                    return i + 2;
                }

                previousWasNul = nul;
            }

            return -1;
        }
    }
}
