using System;
using System.Collections.Generic;
using System.IO;
using System.Reflection;
using System.Runtime.InteropServices;
using System.Runtime.Loader;
using Xunit;

namespace GoEnvTools.Tests.Processes.Windows
{
    /// <summary>
    /// The CIM assembly is compiled against but not shipped: on Linux (and under Wine) it must never be asked for.
    /// The module's assembly is loaded into a context of its own that records every assembly it requests.
    /// </summary>
    public sealed class CimLoadingTests
    {
        private sealed class RecordingContext : AssemblyLoadContext
        {
            public RecordingContext()
                : base(isCollectible: true)
            {
            }

            public List<string> Requested { get; } = new List<string>();

            protected override Assembly? Load(AssemblyName assemblyName)
            {
                Requested.Add(assemblyName.Name!);
                return null;
            }
        }

        [Fact]
        public void ChoosingAndUsingProviders_NeverRequestsTheCimAssembly()
        {
            var context = new RecordingContext();
            try
            {
                Assembly module = context.LoadFromAssemblyPath(Path.Combine(AppContext.BaseDirectory, "GoEnvTools.Cmdlets.dll"));
                MethodInfo createFor = module.GetType("GoEnvTools.ProcessProviders", throwOnError: true)!.GetMethod("CreateFor")!;

                object linux = createFor.Invoke(null, new object[] { OSPlatform.Linux })!;
                object? self = linux.GetType().GetMethod("GetProcess")!.Invoke(linux, new object[] { Environment.ProcessId });
                object windows = createFor.Invoke(null, new object[] { OSPlatform.Windows })!;
                object ignoresCase = windows.GetType().GetProperty("EnvironmentIgnoresCase")!.GetValue(windows)!;

                Assert.NotNull(self);
                Assert.Equal("WindowsProcessProvider", windows.GetType().Name);
                Assert.True((bool)ignoresCase);
                Assert.NotEmpty(context.Requested);
                Assert.DoesNotContain("Microsoft.Management.Infrastructure", context.Requested);
            }
            finally
            {
                context.Unload();
            }
        }
    }
}
