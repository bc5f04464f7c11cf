using System;
using System.Collections;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;

namespace GoEnvTools.WineHarness
{
    /// <summary>
    /// registry STEP... : drives the real registry store (HKCU\Environment through advapi32, the broadcast through
    /// user32) with <see cref="GuiEnvironmentEditor"/> as the cmdlets do, one step after the other, and prints one JSON
    /// object per step. The test reads the registry back with Wine's own reg.exe, not with this program.
    /// Steps:
    ///   set:NAME=VALUE      PlanSet and Apply
    ///   long:NAME=COUNT     PlanSet and Apply of COUNT 'x' characters (too long for a command line)
    ///   remove:NAME         PlanRemove and Apply
    ///   snapshot            the merged machine and user environment a new app gets
    ///   broadcast           the WM_SETTINGCHANGE broadcast alone, timed, while a window of this program listens
    ///   hung                the same with a second window whose thread reads no messages
    /// </summary>
    internal static class RegistryScenario
    {
        public static int Run(string[] steps)
        {
            // A top-level window on a thread of its own that pumps messages: it sees every broadcast the store sends.
            using var listener = SettingChangeListener.Start();
            RegistryEnvironmentStore store = RegistryEnvironmentStore.CreateNative();
            var editor = new GuiEnvironmentEditor(store);
            var results = new List<object?>();
            foreach (string step in steps)
            {
                int colon = step.IndexOf(':');
                string verb = colon < 0 ? step : step.Substring(0, colon);
                string operand = colon < 0 ? string.Empty : step.Substring(colon + 1);
                int heardBefore = listener.Heard.Count;
                Dictionary<string, object?> result = verb switch
                {
                    "set" => Change(editor, operand, () => editor.PlanSet(Before(operand, '='), After(operand, '='))),
                    "long" => Change(editor, operand, () => editor.PlanSet(Before(operand, '='), new string('x', int.Parse(After(operand, '='), System.Globalization.CultureInfo.InvariantCulture)))),
                    "remove" => Change(editor, operand, () => editor.PlanRemove(operand)),
                    "snapshot" => Snapshot(store),
                    "broadcast" => Broadcast(),
                    "hung" => BroadcastPastAHungWindow(),
                    _ => throw new ArgumentException($"Unknown step '{step}'."),
                };
                result["Step"] = step;
                result["LedgerPath"] = store.LedgerPath;
                result["LedgerExists"] = File.Exists(store.LedgerPath);
                // SendMessageTimeout returns only after the window procedure has run (or the time ran out).
                result["Heard"] = listener.Heard.Skip(heardBefore).ToArray();
                results.Add(result);
            }

            Program.WriteJson(new Dictionary<string, object?> { ["Listening"] = listener.Window != IntPtr.Zero, ["ListenerFailure"] = listener.Failure, ["Steps"] = results }, Console.OpenStandardOutput());
            return 0;
        }

        private static string Before(string text, char separator) => text.Substring(0, text.IndexOf(separator, StringComparison.Ordinal));

        private static string After(string text, char separator) => text.Substring(text.IndexOf(separator, StringComparison.Ordinal) + 1);

        /// <summary>A value of more than 200 characters as its length, so that the output stays readable.</summary>
        private static string? Shorten(string? value) => value is null || value.Length <= 200 ? value : $"({value.Length} characters)";

        private static Dictionary<string, object?> Change(GuiEnvironmentEditor editor, string operand, Func<GuiEnvironmentPlan> plan)
        {
            var result = new Dictionary<string, object?>();
            string name = operand.IndexOf('=') > 0 ? Before(operand, '=') : operand;
            try
            {
                GuiEnvironmentPlan planned = plan();
                result["NotManagedNote"] = planned.NotManagedNote;
                GuiEnvironmentChange change = editor.Apply(planned);
                result["Status"] = change.Status;
                result["Value"] = Shorten(change.Value);
                result["OldValue"] = Shorten(change.OldValue);
                result["SessionUpdated"] = change.SessionUpdated;
                result["RuntimeNote"] = change.RuntimeNote;
            }
            catch (Exception ex)
            {
                result["Error"] = ex.GetType().Name;
                result["Message"] = ex.Message;
            }

            RegistryEnvironmentValue? stored = new NativeRegistryEnvironment().Get(name);
            result["StoredLength"] = stored?.Value.Length;
            result["StoredExpand"] = stored?.Expand;
            return result;
        }

        private static Dictionary<string, object?> Snapshot(RegistryEnvironmentStore store)
        {
            GoEnvSnapshot snapshot = store.Snapshot(DateTime.Now);
            var variables = new List<string[]>();
            foreach (DictionaryEntry entry in snapshot.Variables ?? new System.Collections.Specialized.OrderedDictionary())
            {
                variables.Add(new[] { (string)entry.Key, Shorten(entry.Value as string) ?? string.Empty });
            }

            return new Dictionary<string, object?>
            {
                ["Source"] = snapshot.Source,
                ["Platform"] = snapshot.Platform,
                ["EnvironmentStatus"] = snapshot.EnvironmentStatus.ToString(),
                ["Variables"] = variables,
                ["USERPROFILE"] = Environment.GetEnvironmentVariable("USERPROFILE"),
            };
        }

        private static Dictionary<string, object?> BroadcastPastAHungWindow()
        {
            using SettingChangeListener hung = SettingChangeListener.Start(hung: true);
            Dictionary<string, object?> result = Broadcast();
            result["HungListening"] = hung.Window != IntPtr.Zero;
            result["HungListenerFailure"] = hung.Failure;
            return result;
        }

        private static Dictionary<string, object?> Broadcast()
        {
            var watch = Stopwatch.StartNew();
            string? failure = new NativeRegistryEnvironment().BroadcastEnvironmentChange();
            watch.Stop();
            return new Dictionary<string, object?>
            {
                ["Failure"] = failure,
                ["Milliseconds"] = (int)watch.ElapsedMilliseconds,
                ["TimeoutMilliseconds"] = NativeRegistryEnvironment.BroadcastTimeoutMilliseconds,
            };
        }
    }
}
