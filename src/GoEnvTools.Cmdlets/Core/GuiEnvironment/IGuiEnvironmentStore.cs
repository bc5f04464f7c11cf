using System;

namespace GoEnvTools
{
    /// <summary>
    /// One OS's place for the environment of GUI apps. The store keeps the module's ledger with the values, writes the
    /// persistent part (a file, a plist, the registry) and then tells the running session (a user manager, launchd,
    /// a broadcast). <see cref="GuiEnvironmentEditor"/> holds the logic every store shares.
    /// </summary>
    public interface IGuiEnvironmentStore
    {
        GuiEnvironmentStore Kind { get; }

        /// <summary>The file, plist or registry key the values live in.</summary>
        string Path { get; }

        /// <summary>What the user must restart before apps see a change.</summary>
        string RestartNeeded { get; }

        /// <summary>Names differ without case (Windows).</summary>
        bool IgnoreCase { get; }

        /// <summary>Throws <see cref="GuiEnvironmentValueException"/> when the store cannot hold the name or value.</summary>
        void Validate(string name, string value);

        /// <summary>The variables the module manages here, with their previous values.</summary>
        GuiEnvironmentLedger LoadLedger();

        /// <summary>What a newly started app would get for <paramref name="name"/> from everything but the module's ledger.</summary>
        StoredValue? ReadOutside(string name);

        /// <summary>
        /// Writes the persistent part: the new ledger, and for <paramref name="name"/> the value a new session gets
        /// (null: unset; <paramref name="restored"/> true when it is the previous value put back).
        /// </summary>
        void Persist(GuiEnvironmentLedger ledger, string name, StoredValue? value, bool restored);

        /// <summary>
        /// Gives the running session the value (null: unset). False when there is no running session to tell (for
        /// example no user manager answers); <paramref name="note"/> says what happened. Throws
        /// <see cref="GuiRuntimeException"/> when telling it failed.
        /// </summary>
        bool ApplyRuntime(string name, StoredValue? value, out string note);

        /// <summary>What a newly started GUI app will inherit.</summary>
        GoEnvSnapshot Snapshot(DateTime capturedAt);
    }
}
