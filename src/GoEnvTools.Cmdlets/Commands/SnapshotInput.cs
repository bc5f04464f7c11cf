using System;
using System.Collections;
using System.Collections.Generic;
using System.Globalization;
using System.Management.Automation;

namespace GoEnvTools.Commands
{
    /// <summary>
    /// Turns what the snapshot cmdlets take from the pipeline into a <see cref="GoEnvSnapshot"/>: snapshots, process
    /// and gopls environments, live or back from Start-Job as Deserialized.* property bags, and plain dictionaries.
    /// Only this layer sees PSObjects; Core gets plain dictionaries.
    /// </summary>
    internal static class SnapshotInput
    {
        private const string VariablesProperty = "Variables";
        private const string EnvironmentProperty = "Environment";

        /// <exception cref="ArgumentException">The object is none of the kinds above.</exception>
        public static GoEnvSnapshot ToSnapshot(object? input, DateTime now)
        {
            object? value = input is PSObject wrapped ? wrapped.BaseObject : input;
            switch (value)
            {
                case GoEnvSnapshot snapshot:
                    return snapshot;
                case ProcessEnvironment process:
                    return SnapshotFactory.FromProcess(process, now);
                case IDictionary dictionary:
                    return SnapshotFactory.Create("dictionary", now, SnapshotPlatform.Current, EnvironmentStatus.Ok, SnapshotFactory.Pairs(dictionary));
            }

            if (input is PSObject bag)
            {
                if (bag.Properties[VariablesProperty] is PSPropertyInfo variables)
                {
                    return FromSnapshotBag(bag, variables, now);
                }

                if (bag.Properties[EnvironmentProperty] is PSPropertyInfo environment && bag.Properties["ProcessId"] is not null)
                {
                    return FromProcessBag(bag, environment, now);
                }
            }

            string kind = input is PSObject shown ? shown.TypeNames.Count > 0 ? shown.TypeNames[0] : "object" : value?.GetType().FullName ?? "null";
            throw new ArgumentException(
                $"Cannot use a {kind} as a snapshot. Give a snapshot (New-GoEnvSnapshot, Import-GoEnvSnapshot, Get-ShellEnvironment), the output of Get-ProcessEnvironment or Get-GoplsEnvironment, or a dictionary of names and values.");
        }

        /// <summary><see cref="ToSnapshot"/>, writing a SnapshotInputNotSupported error for what it refuses.</summary>
        public static bool TryConvert(Cmdlet cmdlet, PSObject? input, out GoEnvSnapshot snapshot)
        {
            try
            {
                snapshot = ToSnapshot(input, DateTime.Now);
                return true;
            }
            catch (ArgumentException ex)
            {
                cmdlet.WriteError(new ErrorRecord(ex, ErrorIds.SnapshotInputNotSupported, ErrorCategory.InvalidType, input));
                snapshot = null!;
                return false;
            }
        }

        private static GoEnvSnapshot FromSnapshotBag(PSObject bag, PSPropertyInfo variables, DateTime now)
        {
            string platform = Text(bag, "Platform") ?? SnapshotPlatform.Current;
            DateTime capturedAt = bag.Properties["CapturedAt"]?.Value is object at && LanguagePrimitives.TryConvertTo(at, CultureInfo.InvariantCulture, out DateTime parsed)
                ? parsed
                : now;
            GoEnvSnapshot snapshot = SnapshotFactory.Create(
                Text(bag, "Source") ?? "snapshot",
                capturedAt,
                platform,
                Status(bag),
                Dictionary(variables.Value));
            snapshot.Shell = Text(bag, "Shell");
            snapshot.StandardError = Text(bag, "StandardError");
            snapshot.WorkingDirectory = Text(bag, "WorkingDirectory");
            if (bag.Properties["Arguments"]?.Value is object arguments && LanguagePrimitives.TryConvertTo(arguments, out string[] list))
            {
                snapshot.Arguments = list;
            }

            if (bag.Properties["ElapsedMilliseconds"]?.Value is object elapsed && LanguagePrimitives.TryConvertTo(elapsed, out long ms))
            {
                snapshot.ElapsedMilliseconds = ms;
            }

            if (bag.Properties["ExitCode"]?.Value is object exit && LanguagePrimitives.TryConvertTo(exit, out int code))
            {
                snapshot.ExitCode = code;
            }

            return snapshot;
        }

        private static GoEnvSnapshot FromProcessBag(PSObject bag, PSPropertyInfo environment, DateTime now)
        {
            int id = LanguagePrimitives.TryConvertTo(bag.Properties["ProcessId"].Value, out int pid) ? pid : 0;
            return SnapshotFactory.Create(
                SnapshotFactory.DescribeProcess(id, Text(bag, "Name")),
                now,
                SnapshotPlatform.Current,
                Status(bag),
                Dictionary(environment.Value));
        }

        private static string? Text(PSObject bag, string name) => bag.Properties[name]?.Value?.ToString();

        // A deserialized enum is its name (the module's types file asks for that); a number or an enum works too.
        private static EnvironmentStatus Status(PSObject bag)
        {
            object? raw = bag.Properties["EnvironmentStatus"]?.Value;
            raw = raw is PSObject wrapped ? wrapped.BaseObject : raw;
            if (raw is EnvironmentStatus status)
            {
                return status;
            }

            if (raw is not null && LanguagePrimitives.TryConvertTo(raw, out EnvironmentStatus converted))
            {
                return converted;
            }

            return EnvironmentStatus.Ok;
        }

        private static IEnumerable<KeyValuePair<string, string?>>? Dictionary(object? value)
        {
            object? raw = value is PSObject wrapped ? wrapped.BaseObject : value;
            return raw is IDictionary dictionary ? SnapshotFactory.Pairs(dictionary) : null;
        }
    }
}
