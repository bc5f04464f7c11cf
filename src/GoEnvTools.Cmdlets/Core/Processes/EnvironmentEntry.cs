using System;
using System.Collections.Generic;
using System.Collections.Specialized;

namespace GoEnvTools
{
    /// <summary>One raw entry of an environment block. Value is null for an entry that has no '='.</summary>
    public readonly struct EnvironmentEntry
    {
        public EnvironmentEntry(string name, string? value)
        {
            Name = name;
            Value = value;
        }

        public string Name { get; }
        public string? Value { get; }

        public override string ToString() => Value is null ? Name : Name + "=" + Value;
    }

    /// <summary>Turns raw entries into the dictionary a program would see.</summary>
    public static class EnvironmentBlock
    {
        /// <summary>
        /// Keeps the first of duplicate names (what getenv and Go's os.Getenv return) and drops entries a
        /// program cannot look up: those without '=' and those with an empty name. Names that begin with '='
        /// (Windows keeps each drive's current directory as <c>=C:</c>, and cmd.exe adds <c>=ExitCode</c>) are
        /// dropped too unless <paramref name="includeDriveVariables"/> is set: no program reads them as variables.
        /// </summary>
        public static OrderedDictionary ToDictionary(IEnumerable<EnvironmentEntry> entries, bool ignoreCase, bool includeDriveVariables = false)
        {
            var result = new OrderedDictionary(ignoreCase ? StringComparer.OrdinalIgnoreCase : StringComparer.Ordinal);
            foreach (EnvironmentEntry entry in entries)
            {
                if (entry.Value is null || entry.Name.Length == 0 || result.Contains(entry.Name) ||
                    (entry.Name[0] == '=' && !includeDriveVariables))
                {
                    continue;
                }

                result.Add(entry.Name, entry.Value);
            }

            return result;
        }
    }
}
