using System;
using System.Collections;
using System.Collections.Specialized;
using System.IO;

namespace GoEnvTools
{
    /// <summary>The GUI-environment source of the running OS: its GUI-environment store, read as Get-GuiEnvironment reads it.</summary>
    public static class GuiEnvironmentSources
    {
        public static IGuiEnvironmentSource ForCurrentUser(IChildProcessRunner runner, IDictionary environment) =>
            new StoreGuiEnvironmentSource(() => GuiEnvironmentStores.ForCurrentUser(runner, environment));
    }

    /// <summary>
    /// Reads the environment a newly started GUI app inherits from a <see cref="IGuiEnvironmentStore"/>: the systemd user
    /// manager (or, when none answers, environment.d through systemd's generator), launchd, or the registry.
    /// </summary>
    public sealed class StoreGuiEnvironmentSource : IGuiEnvironmentSource
    {
        private readonly Func<IGuiEnvironmentStore> _createStore;
        private readonly Func<DateTime> _clock;

        public StoreGuiEnvironmentSource(Func<IGuiEnvironmentStore> createStore, Func<DateTime>? clock = null)
        {
            _createStore = createStore ?? throw new ArgumentNullException(nameof(createStore));
            _clock = clock ?? (() => DateTime.Now);
        }

        public GuiEnvironmentEvidence Read()
        {
            IGuiEnvironmentStore store;
            GoEnvSnapshot snapshot;
            try
            {
                store = _createStore();
                snapshot = store.Snapshot(_clock());
            }
            catch (Exception ex) when (ex is PlatformNotSupportedException || ex is InvalidOperationException || ex is IOException
                                       || ex is UnauthorizedAccessException || ex is GuiEnvironmentFileException || ex is ChildProcessStartException)
            {
                return new GuiEnvironmentEvidence { Available = false, Description = "no GUI-environment store answers here: " + ex.Message.TrimEnd('.') };
            }

            var evidence = new GuiEnvironmentEvidence
            {
                Store = store.Kind,
                StorePath = store.Path,
                RestartNeeded = store.RestartNeeded,
                Description = snapshot.Source,
                Variables = snapshot.Variables ?? new OrderedDictionary(StringComparer.Ordinal),
            };
            if (store is EnvironmentDStore environmentD)
            {
                // A user manager gives its whole environment; without one, systemd's generator gives what environment.d
                // adds to the manager's own (partial, but real); without either only the module's own file was read.
                evidence.Complete = environmentD.UserManagerAnswers(out _);
                evidence.Available = evidence.Complete || snapshot.EnvironmentStatus == EnvironmentStatus.Ok;
            }
            else
            {
                // launchd answers only for the names asked about (Lossy); the registry gives the whole merged environment.
                evidence.Available = true;
                evidence.Complete = snapshot.EnvironmentStatus == EnvironmentStatus.Ok;
            }

            return evidence;
        }
    }
}
