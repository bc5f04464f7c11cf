using System.Runtime.CompilerServices;

namespace GoEnvTools
{
    /// <summary>Method attributes that netstandard2.0 cannot name.</summary>
    internal static class CompilerHints
    {
        /// <summary>
        /// MethodImplOptions.AggressiveOptimization (.NET Core 3.0 and later; .NET Framework ignores it): the method is
        /// compiled fully optimized on its first call instead of starting as unoptimized tier-0 code. It is meant only
        /// for the few methods that run once per process on every search. A search runs once or a few times in a
        /// session, too few for tiered compilation to catch up: measured with 1,000 processes, the first ten calls of
        /// Get-GoplsEnvironment were about 15% slower without it, with a further spike when the JIT swapped code.
        /// </summary>
        public const MethodImplOptions AggressiveOptimization = (MethodImplOptions)512;
    }
}
