using System;
using System.Reflection;
using System.Runtime.ExceptionServices;

namespace GoEnvTools
{
    /// <summary>
    /// An AssemblyLoadContext of .NET (pwsh), reached through reflection because netstandard2.0 has no such type.
    /// </summary>
    internal sealed class LoadContextProxy
    {
        private const string LoadContextTypeName = "System.Runtime.Loader.AssemblyLoadContext";

        private readonly object _context;
        private readonly MethodInfo _loadFromAssemblyPath;

        private LoadContextProxy(object context, MethodInfo loadFromAssemblyPath)
        {
            _context = context;
            _loadFromAssemblyPath = loadFromAssemblyPath;
        }

        /// <summary>A new, non-collectible context; null on .NET Framework, which has no load contexts.</summary>
        public static LoadContextProxy? TryCreate(string name)
        {
            Type? type = typeof(object).Assembly.GetType(LoadContextTypeName, throwOnError: false);
            if (type is null)
            {
                return null;
            }

            ConstructorInfo? constructor = type.GetConstructor(new[] { typeof(string), typeof(bool) });
            MethodInfo? load = type.GetMethod("LoadFromAssemblyPath", new[] { typeof(string) });
            if (constructor is null || load is null)
            {
                throw new MissingMethodException($"{LoadContextTypeName} of this runtime lacks the constructor (string, bool) or LoadFromAssemblyPath(string).");
            }

            object context = Invoke(() => constructor.Invoke(new object[] { name, false }));
            return new LoadContextProxy(context, load);
        }

        public Assembly LoadFromAssemblyPath(string path) =>
            (Assembly)Invoke(() => _loadFromAssemblyPath.Invoke(_context, new object[] { path }));

        // Reflection wraps what the runtime throws; callers should see the FileLoadException itself.
        private static object Invoke(Func<object?> call)
        {
            try
            {
                return call() ?? throw new InvalidOperationException("The load context returned nothing.");
            }
            catch (TargetInvocationException ex) when (ex.InnerException is not null)
            {
                ExceptionDispatchInfo.Capture(ex.InnerException).Throw();
                throw;
            }
        }
    }
}
