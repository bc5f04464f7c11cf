using System;
using System.Collections.Generic;
using System.Text.RegularExpressions;

namespace GoEnvTools
{
    /// <summary>The two registry hives Windows builds a new session's environment from.</summary>
    public enum RegistryEnvironmentHive
    {
        /// <summary>HKEY_CURRENT_USER\Environment.</summary>
        User,

        /// <summary>HKEY_LOCAL_MACHINE\SYSTEM\CurrentControlSet\Control\Session Manager\Environment.</summary>
        Machine,
    }

    /// <summary>The registry calls the store needs: small so the logic runs on Linux against a fake.</summary>
    public interface IRegistryEnvironment
    {
        /// <summary>Every value of the hive's environment key (string kinds only), in the registry's order.</summary>
        IReadOnlyList<RegistryEnvironmentValue> List(RegistryEnvironmentHive hive);

        /// <summary>One value of HKCU\Environment, or null.</summary>
        RegistryEnvironmentValue? Get(string name);

        /// <summary>Writes HKCU\Environment\<paramref name="name"/> as REG_EXPAND_SZ or REG_SZ.</summary>
        void Set(string name, string value, bool expand);

        /// <summary>Deletes HKCU\Environment\<paramref name="name"/>; nothing when it is absent.</summary>
        void Delete(string name);

        /// <summary>WM_SETTINGCHANGE "Environment" to every top-level window; a sentence when it failed, else null.</summary>
        string? BroadcastEnvironmentChange();
    }

    /// <summary>A registry environment value.</summary>
    public sealed class RegistryEnvironmentValue
    {
        public RegistryEnvironmentValue(string name, string value, bool expand)
        {
            Name = name;
            Value = value;
            Expand = expand;
        }

        public string Name { get; }

        public string Value { get; }

        /// <summary>REG_EXPAND_SZ rather than REG_SZ.</summary>
        public bool Expand { get; }
    }

    /// <summary>Which registry kind a value gets.</summary>
    public static class RegistryValueKinds
    {
        private static readonly Regex s_reference = new Regex("%[^%=\\s][^%=]*%", RegexOptions.CultureInvariant);

        /// <summary>REG_EXPAND_SZ for PATH and for a value that refers to another variable (%NAME%); REG_SZ otherwise.</summary>
        public static bool NeedsExpand(string name, string value) =>
            string.Equals(name, "PATH", StringComparison.OrdinalIgnoreCase) || s_reference.IsMatch(value);
    }

    /// <summary>
    /// Windows: HKCU\Environment, then a WM_SETTINGCHANGE broadcast so Explorer rebuilds the environment it gives
    /// the apps it starts. The ledger lives in a state file beside the module's other per-user files.
    /// </summary>
    public sealed class RegistryEnvironmentStore : IGuiEnvironmentStore
    {
        /// <summary>The longest value the environment can hold (32,767 characters, the terminating NUL included).</summary>
        public const int MaxValueLength = 32766;

        public const string KeyPath = "HKEY_CURRENT_USER\\Environment";

        /// <summary>
        /// What Windows sets for a new session before it reads the registry (CreateEnvironmentBlock): the machine's
        /// PATH refers to %SystemRoot%, and a user's values often to %USERPROFILE%, which neither hive holds.
        /// </summary>
        private static readonly string[] s_sessionVariableNames =
        {
            "SystemRoot", "SystemDrive", "ALLUSERSPROFILE", "ProgramData", "PUBLIC", "ProgramFiles", "ProgramFiles(x86)",
            "ProgramW6432", "CommonProgramFiles", "CommonProgramFiles(x86)", "CommonProgramW6432", "COMPUTERNAME",
            "USERNAME", "USERDOMAIN", "USERPROFILE", "HOMEDRIVE", "HOMEPATH", "APPDATA", "LOCALAPPDATA",
        };

        private readonly IRegistryEnvironment _registry;
        private readonly LedgerFile _ledger;
        private readonly IDictionary<string, string>? _sessionVariables;

        /// <param name="sessionVariables">The values Windows gives every new session before the registry (see
        /// <see cref="SessionVariables"/>); they expand references in the snapshot. Null: references stay as written.</param>
        public RegistryEnvironmentStore(IRegistryEnvironment registry, string ledgerPath, IDictionary<string, string>? sessionVariables = null)
        {
            _registry = registry ?? throw new ArgumentNullException(nameof(registry));
            _ledger = new LedgerFile(ledgerPath, ignoreCase: true);
            _sessionVariables = sessionVariables;
        }

        /// <summary>
        /// The store on the real registry of this Windows machine (also the entry point for a Wine run), its ledger in
        /// <paramref name="ledgerPath"/>, by default %LOCALAPPDATA%\GoEnvTools\registry-environment.state. A harness
        /// drives it with <see cref="GuiEnvironmentEditor"/> (PlanSet, PlanRemove, Apply) and reads it with Snapshot.
        /// </summary>
        public static RegistryEnvironmentStore CreateNative(string? ledgerPath = null) =>
            new RegistryEnvironmentStore(new NativeRegistryEnvironment(), ledgerPath ?? DefaultLedgerPath(), SessionVariables(Environment.GetEnvironmentVariables()));

        /// <summary>
        /// The variables Windows sets for a session before it reads the registry (SystemRoot, USERPROFILE, ...), taken
        /// from <paramref name="environment"/>: they are the same for every process of the user's session.
        /// </summary>
        public static IDictionary<string, string> SessionVariables(System.Collections.IDictionary environment)
        {
            var found = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
            foreach (System.Collections.DictionaryEntry entry in environment)
            {
                if (entry.Key is string name && entry.Value is string value && Array.Exists(s_sessionVariableNames, n => string.Equals(n, name, StringComparison.OrdinalIgnoreCase)))
                {
                    found[name] = value;
                }
            }

            return found;
        }

        /// <summary>%LOCALAPPDATA%\GoEnvTools\registry-environment.state.</summary>
        public static string DefaultLedgerPath() =>
            System.IO.Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData), "GoEnvTools", "registry-environment.state");

        public GuiEnvironmentStore Kind => GuiEnvironmentStore.Registry;

        public string Path => KeyPath;

        public string LedgerPath => _ledger.Path;

        public bool IgnoreCase => true;

        public string RestartNeeded =>
            "Quit VS Code fully (every window) and start it again from the Start menu or Explorer; apps started before the change, and terminals inside them, keep the old value. Sign out and in if Explorer did not take the broadcast.";

        public void Validate(string name, string value)
        {
            if (name.Length == 0 || name.IndexOf('=') >= 0 || name.IndexOf('\0') >= 0)
            {
                throw new GuiEnvironmentValueException($"'{name}' cannot be an environment variable name on Windows: it must be non-empty and hold no '='.");
            }

            GuiEnvironmentNames.RefuseNul(name, value);
            if (value.Length > MaxValueLength)
            {
                throw new GuiEnvironmentValueException($"The value of {name} has {value.Length} characters; Windows environment values hold at most 32,767 (with the terminating NUL). Shorten it (for PATH, remove entries you no longer need).");
            }
        }

        public GuiEnvironmentLedger LoadLedger() => _ledger.Load();

        public StoredValue? ReadOutside(string name) =>
            _registry.Get(name) is RegistryEnvironmentValue v ? new StoredValue(v.Value, v.Expand) : (StoredValue?)null;

        public void Persist(GuiEnvironmentLedger ledger, string name, StoredValue? value, bool restored)
        {
            // A Set records the previous value before the registry changes, so a failure later still leaves it known;
            // a Remove forgets it only after the registry holds the old value again.
            GuiEnvironmentLedger before = _ledger.Load();
            bool forgets = ledger.Entries.Count < before.Entries.Count;
            if (!forgets)
            {
                _ledger.Save(ledger);
            }

            try
            {
                if (value is StoredValue v)
                {
                    _registry.Set(name, v.Value, v.Expand);
                }
                else
                {
                    _registry.Delete(name);
                }
            }
            catch
            {
                // The registry did not change: neither may the ledger, or a second Set would wrongly say NoChange.
                _ledger.Save(before);
                throw;
            }

            if (forgets)
            {
                _ledger.Save(ledger);
            }
        }

        public bool ApplyRuntime(string name, StoredValue? value, out string note)
        {
            string? failure = _registry.BroadcastEnvironmentChange();
            if (failure is not null)
            {
                throw new GuiRuntimeException($"the WM_SETTINGCHANGE broadcast failed ({failure}), so Explorer may still start apps with the old environment.");
            }

            note = "Explorer was told (WM_SETTINGCHANGE \"Environment\"); apps it starts from now on get the new environment.";
            return true;
        }

        public GoEnvSnapshot Snapshot(DateTime capturedAt) =>
            SnapshotFactory.Create(
                "registry: HKLM and HKCU Environment, merged as Explorer does",
                capturedAt,
                SnapshotPlatform.Windows,
                EnvironmentStatus.Ok,
                Merge(_registry.List(RegistryEnvironmentHive.Machine), _registry.List(RegistryEnvironmentHive.User), _sessionVariables));

        /// <summary>
        /// What Explorer gives a new app: the machine's values, then the user's over them, except PATH, where the
        /// user's entries follow the machine's; REG_EXPAND_SZ values expanded with what is set so far.
        /// <paramref name="baseVariables"/> (USERPROFILE, SystemRoot, ...) expand references but are not returned.
        /// </summary>
        public static List<KeyValuePair<string, string?>> Merge(
            IReadOnlyList<RegistryEnvironmentValue> machine, IReadOnlyList<RegistryEnvironmentValue> user, IDictionary<string, string>? baseVariables)
        {
            var known = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
            if (baseVariables is not null)
            {
                foreach (KeyValuePair<string, string> pair in baseVariables)
                {
                    known[pair.Key] = pair.Value;
                }
            }

            var result = new List<KeyValuePair<string, string?>>();
            void Put(string name, string value)
            {
                known[name] = value;
                int index = result.FindIndex(p => string.Equals(p.Key, name, StringComparison.OrdinalIgnoreCase));
                if (index >= 0)
                {
                    result[index] = new KeyValuePair<string, string?>(result[index].Key, value);
                }
                else
                {
                    result.Add(new KeyValuePair<string, string?>(name, value));
                }
            }

            string? machinePath = null;
            foreach (RegistryEnvironmentValue v in machine)
            {
                string value = v.Expand ? Expand(v.Value, known) : v.Value;
                Put(v.Name, value);
                if (string.Equals(v.Name, "PATH", StringComparison.OrdinalIgnoreCase))
                {
                    machinePath = value;
                }
            }

            foreach (RegistryEnvironmentValue v in user)
            {
                string value = v.Expand ? Expand(v.Value, known) : v.Value;
                if (string.Equals(v.Name, "PATH", StringComparison.OrdinalIgnoreCase) && !string.IsNullOrEmpty(machinePath))
                {
                    value = machinePath!.TrimEnd(';') + ";" + value;
                }

                Put(v.Name, value);
            }

            return result;
        }

        /// <summary>%NAME% replaced by the value known so far; unknown references stay as written, as ExpandEnvironmentStrings leaves them.</summary>
        public static string Expand(string value, IDictionary<string, string> known)
        {
            var sb = new System.Text.StringBuilder(value.Length);
            int i = 0;
            while (i < value.Length)
            {
                int start = value.IndexOf('%', i);
                int end = start < 0 ? -1 : value.IndexOf('%', start + 1);
                if (end < 0)
                {
                    sb.Append(value, i, value.Length - i);
                    break;
                }

                sb.Append(value, i, start - i);
                string name = value.Substring(start + 1, end - start - 1);
                if (name.Length > 0 && known.TryGetValue(name, out string? found))
                {
                    sb.Append(found);
                    i = end + 1;
                }
                else
                {
                    // Keep the first '%' and look again from the second, which may open a reference.
                    sb.Append('%');
                    i = start + 1;
                    if (name.Length > 0)
                    {
                        sb.Append(name);
                        i = end;
                    }
                }
            }

            return sb.ToString();
        }
    }
}
