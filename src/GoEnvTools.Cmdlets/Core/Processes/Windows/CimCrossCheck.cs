using System;
using System.Collections.Generic;
using System.Linq;

namespace GoEnvTools.Windows
{
    /// <summary>
    /// Compares what the PEB of a process says with what CIM's <c>Win32_Process</c> says about the same process.
    /// A field CIM left empty is not compared (CIM hides the command line and path of processes it may not read);
    /// a field both give and that differs is reported.
    /// </summary>
    public static class CimCrossCheck
    {
        /// <summary>A sentence per disagreement, or null when the two sources agree on every field both gave.</summary>
        /// <param name="fromPeb">The process as read from its memory.</param>
        /// <param name="fromCim">The process as CIM lists it, or null when CIM did not list it.</param>
        public static string? Compare(ProcessInfo fromPeb, ProcessInfo? fromCim)
        {
            if (fromCim is null)
            {
                return "Win32_Process does not list the process, so nothing was compared.";
            }

            var differences = new List<string>();
            if (fromCim.ExecutablePath is string cimPath && fromPeb.ExecutablePath is string pebPath &&
                !string.Equals(cimPath, pebPath, StringComparison.OrdinalIgnoreCase))
            {
                differences.Add($"ExecutablePath is \"{pebPath}\" in the process but \"{cimPath}\" in Win32_Process.");
            }

            if (fromCim.CommandLine.Length > 0 && !fromCim.CommandLine.SequenceEqual(fromPeb.CommandLine, StringComparer.Ordinal))
            {
                differences.Add($"CommandLine is {Quote(fromPeb.CommandLine)} in the process but {Quote(fromCim.CommandLine)} in Win32_Process.");
            }

            return differences.Count == 0 ? null : string.Join(" ", differences);
        }

        private static string Quote(string[] arguments) => "[" + string.Join(", ", arguments.Select(a => "\"" + a + "\"")) + "]";
    }
}
