using System;
using System.Collections.Generic;
using System.Globalization;

namespace GoEnvTools.Windows
{
    /// <summary>Where the PEB cannot be read, what CIM says about a process.</summary>
    public interface ICimProcessSource
    {
        /// <summary>The process from Win32_Process with its owner, or null when CIM does not list it.</summary>
        ProcessInfo? Query(int processId);
    }

    /// <summary>
    /// Turns the properties of a CIM <c>Win32_Process</c> instance, and the out parameters of its <c>GetOwner</c>
    /// method, into a <see cref="ProcessInfo"/>. Values are what Microsoft.Management.Infrastructure gives (UInt32
    /// ids, a DateTime creation date) or their text forms (a DMTF datetime such as <c>20240501120000.500000+120</c>).
    /// </summary>
    public static class CimProcessMapper
    {
        public static ProcessInfo? ToProcessInfo(IReadOnlyDictionary<string, object?> instance, IReadOnlyDictionary<string, object?>? owner)
        {
            int? id = ToInt(Get(instance, "ProcessId"));
            if (id is null)
            {
                return null;
            }

            string? commandLine = Get(instance, "CommandLine") as string;
            return new ProcessInfo
            {
                ProcessId = id.Value,
                ParentProcessId = ToInt(Get(instance, "ParentProcessId")) ?? 0,
                Name = Get(instance, "Name") as string ?? string.Empty,
                ExecutablePath = NullIfEmpty(Get(instance, "ExecutablePath") as string),
                CommandLine = WindowsCommandLine.Split(commandLine),
                StartTime = ToDateTime(Get(instance, "CreationDate")),
                UserName = owner is null ? null : OwnerName(owner),
            };
        }

        /// <summary>"DOMAIN\user" when GetOwner returned 0 (success) and a user; otherwise null.</summary>
        public static string? OwnerName(IReadOnlyDictionary<string, object?> owner)
        {
            if (ToInt(Get(owner, "ReturnValue")) != 0 || Get(owner, "User") is not string user || user.Length == 0)
            {
                return null;
            }

            return Get(owner, "Domain") is string domain && domain.Length > 0 ? domain + "\\" + user : user;
        }

        /// <summary>A CIM datetime (a DateTime, or DMTF text yyyyMMddHHmmss.ffffff followed by the UTC offset in minutes) as local time.</summary>
        public static DateTime? ToDateTime(object? value)
        {
            switch (value)
            {
                case DateTime time:
                    return time.Kind == DateTimeKind.Unspecified ? time : time.ToLocalTime();
                case string text when text.Length == 25 && (text[21] == '+' || text[21] == '-'):
                    if (!DateTime.TryParseExact(text.Substring(0, 21), "yyyyMMddHHmmss.ffffff", CultureInfo.InvariantCulture, DateTimeStyles.None, out DateTime local) ||
                        !int.TryParse(text.Substring(22), NumberStyles.None, CultureInfo.InvariantCulture, out int minutes))
                    {
                        return null;
                    }

                    int offset = text[21] == '-' ? -minutes : minutes;
                    return DateTime.SpecifyKind(local.AddMinutes(-offset), DateTimeKind.Utc).ToLocalTime();
                default:
                    return null;
            }
        }

        private static object? Get(IReadOnlyDictionary<string, object?> values, string name) =>
            values.TryGetValue(name, out object? value) ? value : null;

        private static int? ToInt(object? value)
        {
            switch (value)
            {
                case null:
                    return null;
                case string text:
                    return int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out int parsed) ? parsed : (int?)null;
                default:
                    try
                    {
                        return unchecked((int)Convert.ToUInt32(value, CultureInfo.InvariantCulture));
                    }
                    catch (Exception ex) when (ex is InvalidCastException || ex is OverflowException || ex is FormatException)
                    {
                        return null;
                    }
            }
        }

        private static string? NullIfEmpty(string? value) => string.IsNullOrEmpty(value) ? null : value;
    }
}
