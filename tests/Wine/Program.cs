using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Text.Json;
using System.Threading;
using GoEnvTools;
using GoEnvTools.Windows;

namespace GoEnvTools.WineHarness
{
    /// <summary>
    /// Runs one check of the Windows provider against real processes and prints the result as JSON.
    /// The first argument is the command; each command is a method below.
    /// </summary>
    internal static class Program
    {
        private static readonly Dictionary<string, Func<string[], int>> s_commands = new Dictionary<string, Func<string[], int>>(StringComparer.Ordinal)
        {
            ["wait"] = Wait,
            ["process"] = ReadChild,
            ["registry"] = RegistryScenario.Run,
        };

        private static int Main(string[] args)
        {
            if (args.Length == 0 || !s_commands.TryGetValue(args[0], out Func<string[], int>? command))
            {
                Console.Error.WriteLine($"Usage: GoEnvTools.WineHarness <{string.Join("|", s_commands.Keys)}> [arguments]");
                return 2;
            }

            return command(args.Skip(1).ToArray());
        }

        /// <summary>wait SECONDS [ARGS...]: says "ready" on standard output, then waits (the child that is read).</summary>
        private static int Wait(string[] args)
        {
            Console.Out.WriteLine("ready");
            Console.Out.Flush();
            Thread.Sleep(TimeSpan.FromSeconds(int.Parse(args[0], System.Globalization.CultureInfo.InvariantCulture)));
            return 0;
        }

        /// <summary>
        /// process NAME=VALUE... : starts this program as "wait" with exactly these variables (names may begin with
        /// '=') and a few arguments that need quoting, reads it through the provider, ends it, reads it again.
        /// </summary>
        private static int ReadChild(string[] args)
        {
            string self = Environment.ProcessPath ?? throw new InvalidOperationException("No process path.");
            string[] childArguments = { "wait", "60", "two words", "quote\"inside", @"back\slash\", "" };
            var start = new ProcessStartInfo(self)
            {
                UseShellExecute = false,
                RedirectStandardOutput = true,
                WorkingDirectory = Path.GetTempPath(),
            };
            foreach (string argument in childArguments)
            {
                start.ArgumentList.Add(argument);
            }

            start.Environment.Clear();
            foreach (string pair in args)
            {
                int eq = pair.IndexOf('=', 1);
                start.Environment[pair.Substring(0, eq)] = pair.Substring(eq + 1);
            }

            // Under Wine 8 the first JSON write did not finish when it came after the child's start and end: the
            // writer is loaded and used once before.
            WriteJson(new Dictionary<string, object?> { ["Warm"] = "up" }, Stream.Null);

            DateTime before = DateTime.Now;
            using Process child = Process.Start(start) ?? throw new InvalidOperationException("The child did not start.");
            string? ready = child.StandardOutput.ReadLine();
            DateTime after = DateTime.Now;

            var provider = new WindowsProcessProvider();
            ProcessInfo? info = provider.GetProcess(child.Id);
            EnvironmentRead read = provider.GetEnvironment(child.Id);
            PebContents? raw = provider.ReadParameters(child.Id);
            var inspector = new ProcessInspector(provider);
            inspector.TryRead(child.Id, out ProcessEnvironment? shown);
            inspector.IncludeDriveVariables = true;
            inspector.TryRead(child.Id, out ProcessEnvironment? shownWithDrives);
            // Wine has no CIM that Microsoft.Management.Infrastructure can reach, and starting a session there ends
            // the process; the cross-check is read with no CIM source, as on a system without CIM.
            var withoutCim = new ProcessInspector(new WindowsProcessProvider(() => null)) { CrossCheck = true };
            withoutCim.TryRead(child.Id, out ProcessEnvironment? crossChecked);
            bool listed = provider.GetProcessIds().Contains(child.Id);
            bool foundByName = inspector.FindByName(n => string.Equals(n, "GoEnvTools.WineHarness", StringComparison.OrdinalIgnoreCase)).Contains(child.Id);

            child.Kill();
            child.WaitForExit();
            EnvironmentRead afterExit = provider.GetEnvironment(child.Id);
            bool goneFromTable = provider.GetProcess(child.Id) is null;

            var result = new Dictionary<string, object?>
            {
                ["ChildReady"] = ready,
                ["HarnessProcessId"] = Environment.ProcessId,
                ["ChildProcessId"] = child.Id,
                ["StartedAfter"] = before.ToString("o"),
                ["StartedBefore"] = after.ToString("o"),
                ["ExpectedArguments"] = childArguments,
                ["ExpectedWorkingDirectory"] = Path.GetTempPath(),
                ["Listed"] = listed,
                ["FoundByName"] = foundByName,
                ["ProcessId"] = info?.ProcessId,
                ["ParentProcessId"] = info?.ParentProcessId,
                ["Name"] = info?.Name,
                ["ExecutablePath"] = info?.ExecutablePath,
                ["ExpectedExecutablePath"] = self,
                ["CommandLine"] = info?.CommandLine,
                ["RawCommandLine"] = raw?.CommandLine,
                ["WorkingDirectory"] = info?.WorkingDirectory,
                ["UserName"] = info?.UserName,
                ["CurrentUserName"] = provider.CurrentUserName,
                ["CrossCheckWarning"] = crossChecked?.CrossCheckWarning,
                ["StartTime"] = info?.StartTime?.ToString("o"),
                ["EnvironmentStatus"] = read.Status.ToString(),
                ["EnvironmentError"] = read.Error,
                ["Entries"] = read.Entries?.Select(e => new[] { e.Name, e.Value }).ToArray(),
                ["EnvironmentSize"] = raw?.EnvironmentSize,
                ["EnvironmentBlockEnd"] = raw is null ? (int?)null : WindowsEnvironmentBlock.FindEnd(raw.Environment, raw.Environment.Length),
                ["Shown"] = shown?.Environment?.Keys.Cast<string>().ToArray(),
                ["ShownWithDriveVariables"] = shownWithDrives?.Environment?.Keys.Cast<string>().ToArray(),
                ["ShownMarkerByLowerCaseName"] = shown?.GetVariable("goenvtools_marker"),
                ["StatusAfterExit"] = afterExit.Status.ToString(),
                ["GoneFromTableAfterExit"] = goneFromTable,
            };
            WriteJson(result, Console.OpenStandardOutput());
            return 0;
        }

        /// <summary>
        /// Writes the result with Utf8JsonWriter, value by value, with no reflection.
        /// </summary>
        internal static void WriteJson(Dictionary<string, object?> result, Stream output)
        {
            using (var writer = new Utf8JsonWriter(output, new JsonWriterOptions { Indented = true }))
            {
                WriteValue(writer, result);
            }

            output.Flush();
        }

        private static void WriteValue(Utf8JsonWriter writer, object? value)
        {
            switch (value)
            {
                case null:
                    writer.WriteNullValue();
                    break;
                case string text:
                    writer.WriteStringValue(text);
                    break;
                case bool flag:
                    writer.WriteBooleanValue(flag);
                    break;
                case int number:
                    writer.WriteNumberValue(number);
                    break;
                case long number:
                    writer.WriteNumberValue(number);
                    break;
                case ulong number:
                    writer.WriteNumberValue(number);
                    break;
                case Dictionary<string, object?> map:
                    writer.WriteStartObject();
                    foreach (KeyValuePair<string, object?> pair in map)
                    {
                        writer.WritePropertyName(pair.Key);
                        WriteValue(writer, pair.Value);
                    }

                    writer.WriteEndObject();
                    break;
                case System.Collections.IEnumerable items:
                    writer.WriteStartArray();
                    foreach (object? item in items)
                    {
                        WriteValue(writer, item);
                    }

                    writer.WriteEndArray();
                    break;
                default:
                    throw new ArgumentException($"No JSON form for {value.GetType()}.");
            }
        }
    }
}
