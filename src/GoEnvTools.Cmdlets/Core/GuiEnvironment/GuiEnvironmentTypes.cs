using System;
using System.Collections.Generic;

namespace GoEnvTools
{
    /// <summary>Where a GUI session's environment is kept: one store per OS.</summary>
    public enum GuiEnvironmentStore
    {
        /// <summary>Linux: ~/.config/environment.d, read by the systemd user manager at login.</summary>
        EnvironmentD,

        /// <summary>macOS: launchctl setenv, re-applied at login by a LaunchAgent.</summary>
        Launchd,

        /// <summary>Windows: HKCU\Environment.</summary>
        Registry,
    }

    /// <summary>One change Set-GuiEnvironmentVariable or Remove-GuiEnvironmentVariable made, or found already made.</summary>
    public sealed class GuiEnvironmentChange
    {
        public string Name { get; set; } = string.Empty;

        /// <summary>The value a newly started GUI app gets after the change; null when the variable is unset.</summary>
        public string? Value { get; set; }

        /// <summary>The value before the change; null when it was unset.</summary>
        public string? OldValue { get; set; }

        public GuiEnvironmentStore Store { get; set; }

        /// <summary>The file, plist or registry key that holds the value.</summary>
        public string Path { get; set; } = string.Empty;

        /// <summary>Changed or NoChange.</summary>
        public string Status { get; set; } = "NoChange";

        /// <summary>What the user must restart before applications see the value.</summary>
        public string RestartNeeded { get; set; } = string.Empty;

        /// <summary>What happened to the running session (a user manager, launchd, the broadcast), for -Verbose.</summary>
        public string? RuntimeNote { get; set; }

        /// <summary>True when the running session (user manager, launchd, Explorer) took the change too, not only the next login.</summary>
        public bool SessionUpdated { get; set; }

        public override string ToString() => $"{Name} ({Status})";
    }

    /// <summary>
    /// What the module wrote for one variable and what the variable held before the module first wrote it, so that
    /// Remove puts that back. The first Set records the previous value; later Sets keep it.
    /// </summary>
    public sealed class GuiEnvironmentEntry
    {
        public GuiEnvironmentEntry(string name, string value, string? previous, bool previousExpand)
        {
            Name = name;
            Value = value;
            Previous = previous;
            PreviousExpand = previousExpand;
        }

        public string Name { get; }

        public string Value { get; }

        /// <summary>The value before the module's first Set; null when the variable was unset.</summary>
        public string? Previous { get; }

        /// <summary>Windows: the previous value was REG_EXPAND_SZ.</summary>
        public bool PreviousExpand { get; }
    }

    /// <summary>A value as a store reads it: its text and, on Windows, whether it is REG_EXPAND_SZ.</summary>
    public readonly struct StoredValue
    {
        public StoredValue(string value, bool expand)
        {
            Value = value;
            Expand = expand;
        }

        public string Value { get; }

        public bool Expand { get; }
    }

    /// <summary>A value the store cannot hold (too long, a NUL, a control character, a bad name).</summary>
    public sealed class GuiEnvironmentValueException : ArgumentException
    {
        public GuiEnvironmentValueException(string message)
            : base(message)
        {
        }
    }

    /// <summary>The store's own file exists but was not written by the module, or cannot be read back.</summary>
    public sealed class GuiEnvironmentFileException : Exception
    {
        public GuiEnvironmentFileException(string path, string message, Exception? inner = null)
            : base(message, inner)
        {
            Path = path;
        }

        public string Path { get; }
    }

    /// <summary>The persistent part was written but the running session could not be told: says what was and was not changed.</summary>
    public sealed class GuiEnvironmentPartialException : Exception
    {
        public GuiEnvironmentPartialException(string message, GuiEnvironmentChange change, Exception? inner = null)
            : base(message, inner)
        {
            Change = change;
        }

        /// <summary>The change as far as it went (Status Changed: the persistent store holds the new value).</summary>
        public GuiEnvironmentChange Change { get; }
    }

    /// <summary>The running session refused or could not take a value (systemctl, launchctl, the broadcast failed).</summary>
    public sealed class GuiRuntimeException : Exception
    {
        public GuiRuntimeException(string message)
            : base(message)
        {
        }
    }

    /// <summary>The ledger of every variable the module manages in one store, in the order they were first set.</summary>
    public sealed class GuiEnvironmentLedger
    {
        private readonly List<GuiEnvironmentEntry> _entries = new List<GuiEnvironmentEntry>();
        private readonly StringComparison _comparison;

        public GuiEnvironmentLedger(bool ignoreCase)
        {
            _comparison = ignoreCase ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal;
        }

        public IReadOnlyList<GuiEnvironmentEntry> Entries => _entries;

        public bool IgnoreCase => _comparison == StringComparison.OrdinalIgnoreCase;

        public GuiEnvironmentEntry? Find(string name) => _entries.Find(e => string.Equals(e.Name, name, _comparison));

        /// <summary>A copy with <paramref name="entry"/> added, or replacing the entry of the same name in place.</summary>
        public GuiEnvironmentLedger With(GuiEnvironmentEntry entry)
        {
            var copy = new GuiEnvironmentLedger(IgnoreCase);
            bool replaced = false;
            foreach (GuiEnvironmentEntry e in _entries)
            {
                if (string.Equals(e.Name, entry.Name, _comparison))
                {
                    copy._entries.Add(entry);
                    replaced = true;
                }
                else
                {
                    copy._entries.Add(e);
                }
            }

            if (!replaced)
            {
                copy._entries.Add(entry);
            }

            return copy;
        }

        public GuiEnvironmentLedger Without(string name)
        {
            var copy = new GuiEnvironmentLedger(IgnoreCase);
            copy._entries.AddRange(_entries.FindAll(e => !string.Equals(e.Name, name, _comparison)));
            return copy;
        }

        public void Add(GuiEnvironmentEntry entry) => _entries.Add(entry);
    }
}
