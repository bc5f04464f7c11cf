using System;
using System.Collections.Generic;
using System.IO;
using System.Reflection;

namespace GoEnvTools
{
    /// <summary>
    /// Loads the assemblies of the module's Dependencies folder (YamlDotNet and the GoEnvTools.Yaml engine that uses
    /// it) so that they never meet another module's copy of the same library.
    /// </summary>
    /// <remarks>
    /// What .NET does, found by trying it in pwsh 7.6 with YamlDotNet 13 loaded first (Add-Type, as
    /// powershell-yaml's Import-Module does): the default load context can never hold 18 as well (LoadFrom throws
    /// FileLoadException "Assembly with same name is already loaded", and PowerShell's own probing beside the
    /// module fails with "manifest definition does not match"). A reference to 18 from the default context does
    /// raise AssemblyResolve, and an assembly from another context returned there works; but once any module has
    /// put an equal or higher YamlDotNet into the default context, such a reference binds to that copy without
    /// asking. A context of our own is no better by default: without a Load override (which netstandard2.0 cannot
    /// write) it asks the default context first and takes its copy. What always works is loading our YamlDotNet
    /// into our context before anything there needs it, because a context looks at what it already holds first.
    /// So nothing of ours that names YamlDotNet lives in the default context: the GoEnvTools.Yaml engine and
    /// YamlDotNet are both loaded into the module's context before any of their code runs, and this assembly talks
    /// to the engine only through <see cref="IYamlEngine"/> (the engine's reference to GoEnvTools.Cmdlets falls
    /// back to this copy in the default context). On .NET Framework (Windows PowerShell 5.1) there are no load
    /// contexts: the files are loaded with Assembly.LoadFile, outside the Load and LoadFrom contexts where other
    /// modules' copies live, and the AssemblyResolve handler hands the engine its references (YamlDotNet, and this
    /// very assembly for the interface).
    /// </remarks>
    internal static class ModuleDependencies
    {
        public const string FolderName = "Dependencies";
        public const string LoadContextName = "GoEnvTools";

        private static readonly object s_gate = new object();
        private static readonly Assembly s_self = typeof(ModuleDependencies).Assembly;
        private static readonly string s_selfName = s_self.GetName().Name ?? string.Empty;
        private static readonly string? s_folder = FindFolder();

        // Everything loaded from the folder, by simple name; guarded by s_gate.
        private static readonly Dictionary<string, Assembly> s_loaded = new Dictionary<string, Assembly>(StringComparer.OrdinalIgnoreCase);
        private static readonly HashSet<Assembly> s_ours = new HashSet<Assembly> { s_self };

        private static LoadContextProxy? s_context;
        private static bool s_contextCreated;
        private static bool s_installed;

        /// <summary>The module's Dependencies folder (beside this assembly); null when this assembly has no file.</summary>
        public static string? Folder => s_folder;

        public static bool IsInstalled
        {
            get
            {
                lock (s_gate)
                {
                    return s_installed;
                }
            }
        }

        /// <summary>Installs the resolver (the module does it on import). Calling it again does nothing.</summary>
        public static void Install()
        {
            lock (s_gate)
            {
                if (!s_installed)
                {
                    AppDomain.CurrentDomain.AssemblyResolve += OnAssemblyResolve;
                    s_installed = true;
                }
            }
        }

        /// <summary>Removes the resolver (the module does it on Remove-Module). What is loaded stays loaded and usable.</summary>
        public static void Uninstall()
        {
            lock (s_gate)
            {
                if (s_installed)
                {
                    AppDomain.CurrentDomain.AssemblyResolve -= OnAssemblyResolve;
                    s_installed = false;
                }
            }
        }

        /// <summary>
        /// Creates a type of an engine assembly of the Dependencies folder, through an interface of this assembly.
        /// A host that ships the engine beside this assembly instead (the unit tests reference it) gets it from
        /// the default context.
        /// </summary>
        public static T CreateInstance<T>(string assemblyName, string typeName)
            where T : class
        {
            // Hosts that use Core without importing the module get the resolver on first use.
            Install();
            Assembly assembly = LoadEngine(assemblyName);
            Type type = assembly.GetType(typeName, throwOnError: true)!;
            object instance = Activator.CreateInstance(type, nonPublic: true)
                ?? throw new InvalidOperationException($"{typeName} could not be created.");
            return instance as T ?? throw new InvalidCastException(
                $"{typeName} from {assembly.Location} does not implement {typeof(T).FullName} of {s_self.Location}: the engine was bound to another copy of GoEnvTools.Cmdlets.");
        }

        private static Assembly LoadEngine(string assemblyName)
        {
            string? path = s_folder is null ? null : Path.Combine(s_folder, assemblyName + ".dll");
            if (path is null || !File.Exists(path))
            {
                try
                {
                    return Assembly.Load(new AssemblyName(assemblyName));
                }
                catch (FileNotFoundException ex)
                {
                    throw new FileNotFoundException(
                        $"{assemblyName}.dll is missing from the module's {FolderName} folder ({s_folder ?? "unknown"}). Reinstall the module, or build it with build.ps1.",
                        path,
                        ex);
                }
            }

            lock (s_gate)
            {
                LoadContextProxy? context = GetContext();
                if (context is not null)
                {
                    // Everything in the folder goes into our context before any of it runs: our context looks at
                    // what it holds before falling back to the default one, so each reference to YamlDotNet from
                    // the engine finds ours, even when the default context holds a YamlDotNet too.
                    foreach (string file in Directory.GetFiles(s_folder!, "*.dll"))
                    {
                        LoadFromFolder(file);
                    }
                }

                return LoadFromFolder(path);
            }
        }

        private static LoadContextProxy? GetContext()
        {
            if (!s_contextCreated)
            {
                s_context = LoadContextProxy.TryCreate(LoadContextName);
                s_contextCreated = true;
            }

            return s_context;
        }

        // Callers hold s_gate.
        private static Assembly LoadFromFolder(string path)
        {
            string name = Path.GetFileNameWithoutExtension(path);
            if (s_loaded.TryGetValue(name, out Assembly? loaded))
            {
                return loaded;
            }

            LoadContextProxy? context = GetContext();
            Assembly assembly = context is not null ? context.LoadFromAssemblyPath(path) : Assembly.LoadFile(path);
            s_loaded.Add(name, assembly);
            s_ours.Add(assembly);
            return assembly;
        }

        private static Assembly? OnAssemblyResolve(object? sender, ResolveEventArgs args)
        {
            var requested = new AssemblyName(args.Name);
            if (requested.Name is null || s_folder is null)
            {
                return null;
            }

            lock (s_gate)
            {
                // Only our own assemblies' requests are ours to answer (on .NET Framework the requester may be
                // unknown): another module asking for its YamlDotNet must not be handed ours.
                if (args.RequestingAssembly is not null && !s_ours.Contains(args.RequestingAssembly))
                {
                    return null;
                }

                // The engine implements interfaces of this assembly: it must bind to this very copy.
                if (string.Equals(requested.Name, s_selfName, StringComparison.OrdinalIgnoreCase))
                {
                    return s_self;
                }

                string path = Path.Combine(s_folder, requested.Name + ".dll");
                if (!File.Exists(path))
                {
                    return null;
                }

                if (requested.Version is not null && AssemblyName.GetAssemblyName(path).Version != requested.Version)
                {
                    return null;
                }

                return LoadFromFolder(path);
            }
        }

        private static string? FindFolder()
        {
            string location = s_self.Location;
            if (string.IsNullOrEmpty(location))
            {
                return null;
            }

            string? directory = Path.GetDirectoryName(location);
            return directory is null ? null : Path.Combine(directory, FolderName);
        }
    }
}
