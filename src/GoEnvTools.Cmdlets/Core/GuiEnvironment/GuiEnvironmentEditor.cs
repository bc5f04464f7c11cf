using System;

namespace GoEnvTools
{
    /// <summary>A change worked out but not yet made, so a cmdlet can ask (-WhatIf, -Confirm) first.</summary>
    public sealed class GuiEnvironmentPlan
    {
        internal GuiEnvironmentPlan(GuiEnvironmentChange change, GuiEnvironmentLedger ledger, StoredValue? target, bool restored, string? notManagedNote)
        {
            Change = change;
            Ledger = ledger;
            Target = target;
            Restored = restored;
            NotManagedNote = notManagedNote;
        }

        public GuiEnvironmentChange Change { get; }

        public bool WritesAnything => Change.Status == "Changed";

        /// <summary>For Remove of a name the module does not manage but that is set elsewhere: says where, for a warning.</summary>
        public string? NotManagedNote { get; }

        /// <summary>A sentence for ShouldProcess.</summary>
        public string Description =>
            Change.Value is null
                ? $"Unset {Change.Name} in {Change.Store} '{Change.Path}'"
                : $"Set {Change.Name} = '{Change.Value}' in {Change.Store} '{Change.Path}'" + (Restored ? " (its value before Set-GuiEnvironmentVariable)" : string.Empty);

        internal GuiEnvironmentLedger Ledger { get; }

        internal StoredValue? Target { get; }

        internal bool Restored { get; }
    }

    /// <summary>
    /// Set and Remove for any store. Set records, the first time the module sets a name, the value it replaces;
    /// later Sets keep that record; Remove puts it back (or unsets the name when there was none) and forgets the name.
    /// A name the module never set is left alone by Remove.
    /// </summary>
    public sealed class GuiEnvironmentEditor
    {
        private readonly IGuiEnvironmentStore _store;

        public GuiEnvironmentEditor(IGuiEnvironmentStore store)
        {
            _store = store ?? throw new ArgumentNullException(nameof(store));
        }

        public IGuiEnvironmentStore Store => _store;

        public GuiEnvironmentPlan PlanSet(string name, string value)
        {
            _store.Validate(name, value);
            GuiEnvironmentLedger ledger = _store.LoadLedger();
            GuiEnvironmentEntry? entry = ledger.Find(name);
            StoredValue? outside = entry is null ? _store.ReadOutside(name) : null;
            string? old = entry is not null ? entry.Value : outside?.Value;
            GuiEnvironmentChange change = NewChange(name, value, old);
            if (entry is not null && string.Equals(entry.Value, value, StringComparison.Ordinal))
            {
                return new GuiEnvironmentPlan(change, ledger, null, false, null);
            }

            change.Status = "Changed";
            GuiEnvironmentEntry updated = entry is null
                ? new GuiEnvironmentEntry(name, value, outside?.Value, outside?.Expand ?? false)
                : new GuiEnvironmentEntry(entry.Name, value, entry.Previous, entry.PreviousExpand);
            return new GuiEnvironmentPlan(change, ledger.With(updated), new StoredValue(value, RegistryValueKinds.NeedsExpand(name, value)), false, null);
        }

        public GuiEnvironmentPlan PlanRemove(string name)
        {
            GuiEnvironmentLedger ledger = _store.LoadLedger();
            GuiEnvironmentEntry? entry = ledger.Find(name);
            if (entry is null)
            {
                StoredValue? outside = _store.ReadOutside(name);
                string? note = outside is null
                    ? null
                    : $"{name} is set to '{outside.Value.Value}' by something other than Set-GuiEnvironmentVariable; Remove-GuiEnvironmentVariable undoes only its own changes, so it was left alone.";
                return new GuiEnvironmentPlan(NewChange(name, outside?.Value, outside?.Value), ledger, null, false, note);
            }

            GuiEnvironmentChange change = NewChange(name, entry.Previous, entry.Value);
            change.Status = "Changed";
            StoredValue? target = entry.Previous is null ? null : new StoredValue(entry.Previous, entry.PreviousExpand);
            return new GuiEnvironmentPlan(change, ledger.Without(name), target, entry.Previous is not null, null);
        }

        /// <summary>
        /// Makes the change: the persistent part first, then the running session. When the session cannot be told,
        /// throws <see cref="GuiEnvironmentPartialException"/> saying what was written and what was not.
        /// </summary>
        public GuiEnvironmentChange Apply(GuiEnvironmentPlan plan)
        {
            GuiEnvironmentChange change = plan.Change;
            if (!plan.WritesAnything)
            {
                return change;
            }

            _store.Persist(plan.Ledger, change.Name, plan.Target, plan.Restored);
            try
            {
                change.SessionUpdated = _store.ApplyRuntime(change.Name, plan.Target, out string note);
                change.RuntimeNote = note;
            }
            catch (GuiRuntimeException ex)
            {
                throw new GuiEnvironmentPartialException(
                    $"{plan.Description}: the {change.Store} store '{change.Path}' was written, so apps started after the next login get it, " +
                    $"but the running session was not changed: {ex.Message} {change.RestartNeeded}",
                    change,
                    ex);
            }

            return change;
        }

        private GuiEnvironmentChange NewChange(string name, string? value, string? old) => new GuiEnvironmentChange
        {
            Name = name,
            Value = value,
            OldValue = old,
            Store = _store.Kind,
            Path = _store.Path,
            RestartNeeded = _store.RestartNeeded,
        };
    }
}
