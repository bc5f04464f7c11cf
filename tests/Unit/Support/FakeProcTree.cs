using System;
using System.Globalization;
using System.IO;
using System.Text;

namespace GoEnvTools.Tests.Support
{
    /// <summary>
    /// A small copy of the proc file system in a temporary folder, laid out as the kernel lays out /proc,
    /// for the Linux provider's procRoot. Deleted on Dispose.
    /// </summary>
    internal sealed class FakeProcTree : IDisposable
    {
        public const long BootTime = 1_700_000_000;

        public FakeProcTree()
        {
            Root = Directory.CreateTempSubdirectory("goenvtools-proc-").FullName;
            File.WriteAllText(Path.Combine(Root, "stat"),
                "cpu  10132153 290696 3084719 46828483 16683 0 25195 0 0 0\n" +
                "ctxt 1990473\n" +
                "btime " + BootTime.ToString(CultureInfo.InvariantCulture) + "\n" +
                "processes 2915\n");
        }

        public string Root { get; }

        /// <summary>
        /// Creates <c>ROOT/pid</c> with stat, comm and, when given, cmdline, environ, status and the exe and cwd links.
        /// A null argument leaves that file out, as the kernel does for a zombie's exe link.
        /// </summary>
        public string AddProcess(
            int pid,
            string comm,
            char state = 'S',
            int ppid = 1,
            uint flags = 0x00400100,
            ulong startTicks = 1000,
            byte[]? cmdline = null,
            byte[]? environ = null,
            int? uid = null,
            string? exeTarget = null,
            string? cwdTarget = null,
            ulong vsize = 12345678)
        {
            string dir = Path.Combine(Root, pid.ToString(CultureInfo.InvariantCulture));
            Directory.CreateDirectory(dir);
            File.WriteAllBytes(Path.Combine(dir, "stat"), StatLine(pid, comm, state, ppid, flags, startTicks, vsize));
            File.WriteAllText(Path.Combine(dir, "comm"), comm + "\n");
            if (cmdline is not null)
            {
                File.WriteAllBytes(Path.Combine(dir, "cmdline"), cmdline);
            }

            if (environ is not null)
            {
                File.WriteAllBytes(Path.Combine(dir, "environ"), environ);
            }

            if (uid is int u)
            {
                string id = u.ToString(CultureInfo.InvariantCulture);
                File.WriteAllText(Path.Combine(dir, "status"),
                    $"Name:\t{comm}\nState:\t{state}\nPid:\t{pid}\nPPid:\t{ppid}\nUid:\t{id}\t{id}\t{id}\t{id}\nGid:\t100\t100\t100\t100\n");
            }

            if (exeTarget is not null)
            {
                File.CreateSymbolicLink(Path.Combine(dir, "exe"), exeTarget);
            }

            if (cwdTarget is not null)
            {
                File.CreateSymbolicLink(Path.Combine(dir, "cwd"), cwdTarget);
            }

            return dir;
        }

        /// <summary>NUL-terminated strings, the layout of cmdline and environ.</summary>
        public static byte[] NulJoined(params string[] items)
        {
            var builder = new StringBuilder();
            foreach (string item in items)
            {
                builder.Append(item).Append('\0');
            }

            return Encoding.UTF8.GetBytes(builder.ToString());
        }

        /// <summary>A 52-field stat record; the fields the parser ignores hold plausible constants.</summary>
        public static byte[] StatLine(int pid, string comm, char state, int ppid, uint flags, ulong startTicks, ulong vsize = 12345678)
        {
            string p = pid.ToString(CultureInfo.InvariantCulture);
            string line = string.Join(" ",
                p, "(" + comm + ")", state.ToString(), ppid.ToString(CultureInfo.InvariantCulture),
                p, p, "0", "-1", flags.ToString(CultureInfo.InvariantCulture),
                "120 0 0 0 3 1 0 0 20 0 1 0",
                startTicks.ToString(CultureInfo.InvariantCulture),
                vsize.ToString(CultureInfo.InvariantCulture),
                "300 18446744073709551615 1 1 0 0 0 0 0 0 0 0 0 0 17 0 0 0 0 0 0 0 0 0 0 0 0 0 0") + "\n";
            return Encoding.UTF8.GetBytes(line);
        }

        public void Dispose()
        {
            try
            {
                Directory.Delete(Root, recursive: true);
            }
            catch (IOException)
            {
                // A leftover temporary folder must not fail the test that used it.
            }
            catch (UnauthorizedAccessException)
            {
            }
        }
    }
}
