using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;
using Xunit;

namespace GoEnvTools.Tests
{
    /// <summary>
    /// Windows PowerShell 5.1 runs on .NET Framework, which has only what netstandard2.0 and PowerShell Standard
    /// promise. These tests read the assemblies of the built module (out/GoEnvTools, what users import) and fail on
    /// a reference that .NET Framework 4.7.1 would not satisfy: a newer framework, a System.* package that is part of
    /// .NET but not of netstandard2.0, or a library that the module does not ship.
    /// </summary>
    public sealed class AssemblyReferenceTests
    {
        private const string NetStandard = ".NETStandard,Version=v2.0";

        private static readonly Version s_netStandardVersion = new Version(2, 0, 0, 0);

        // PowerShell Standard 5.1's reference assembly; Windows PowerShell 5.1 and pwsh both unify it with theirs.
        private static readonly Version s_powerShellVersion = new Version(3, 0, 0, 0);

        // CIM for the Windows provider: Windows PowerShell 5.1 has it in the GAC and pwsh ships it, so the module
        // references it without shipping it, and only from the root assembly (Core/Processes/Windows).
        private const string CimAssembly = "Microsoft.Management.Infrastructure";

        private sealed record AssemblyFacts(string Path, string Name, Version Version, string? TargetFramework, IReadOnlyList<(string Name, Version Version)> References);

        private static string ModuleFolder
        {
            get
            {
                for (DirectoryInfo? dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
                {
                    if (File.Exists(Path.Combine(dir.FullName, "build.ps1")))
                    {
                        return Path.Combine(dir.FullName, "out", "GoEnvTools");
                    }
                }

                throw new DirectoryNotFoundException($"No build.ps1 above {AppContext.BaseDirectory}.");
            }
        }

        private static void SkipUnlessBuilt()
        {
            bool built = File.Exists(Path.Combine(ModuleFolder, "GoEnvTools.Cmdlets.dll"));
            Skip.If(!built && Environment.GetEnvironmentVariable("CI") != "true",
                $"The module is not built at {ModuleFolder}: run build.ps1 -Task Build (build.ps1 -Task Test does).");
            Assert.True(built, $"The module is not built at {ModuleFolder}.");
        }

        private static AssemblyFacts Read(string path)
        {
            using FileStream stream = File.OpenRead(path);
            using var pe = new PEReader(stream);
            MetadataReader reader = pe.GetMetadataReader();
            AssemblyDefinition definition = reader.GetAssemblyDefinition();

            var references = reader.AssemblyReferences
                .Select(handle => reader.GetAssemblyReference(handle))
                .Select(r => (reader.GetString(r.Name), r.Version))
                .ToList();

            return new AssemblyFacts(path, reader.GetString(definition.Name), definition.Version, TargetFrameworkOf(reader), references);
        }

        private static string? TargetFrameworkOf(MetadataReader reader)
        {
            foreach (CustomAttributeHandle handle in reader.GetAssemblyDefinition().GetCustomAttributes())
            {
                CustomAttribute attribute = reader.GetCustomAttribute(handle);
                if (attribute.Constructor.Kind != HandleKind.MemberReference)
                {
                    continue;
                }

                MemberReference constructor = reader.GetMemberReference((MemberReferenceHandle)attribute.Constructor);
                if (constructor.Parent.Kind != HandleKind.TypeReference ||
                    reader.GetString(reader.GetTypeReference((TypeReferenceHandle)constructor.Parent).Name) != "TargetFrameworkAttribute")
                {
                    continue;
                }

                // The blob: prolog 0x0001, then the first constructor argument as a serialized string.
                BlobReader blob = reader.GetBlobReader(attribute.Value);
                blob.ReadUInt16();
                return blob.ReadSerializedString();
            }

            return null;
        }

        private static IEnumerable<AssemblyFacts> ModuleAssemblies() =>
            Directory.GetFiles(ModuleFolder, "*.dll", SearchOption.AllDirectories).Select(Read);

        [SkippableFact]
        public void TheModuleShipsExactlyItsAssemblies_WithYamlDotNetInDependencies()
        {
            SkipUnlessBuilt();

            string[] files = Directory.GetFiles(ModuleFolder, "*.dll", SearchOption.AllDirectories)
                .Select(f => Path.GetRelativePath(ModuleFolder, f).Replace('\\', '/'))
                .OrderBy(f => f, StringComparer.Ordinal)
                .ToArray();

            Assert.Equal(new[] { "Dependencies/GoEnvTools.Yaml.dll", "Dependencies/YamlDotNet.dll", "GoEnvTools.Cmdlets.dll" }, files);
            Assert.Equal(18, Read(Path.Combine(ModuleFolder, "Dependencies", "YamlDotNet.dll")).Version.Major);
        }

        [SkippableFact]
        public void EveryAssembly_TargetsNetStandard20()
        {
            SkipUnlessBuilt();

            foreach (AssemblyFacts assembly in ModuleAssemblies())
            {
                Assert.True(assembly.TargetFramework == NetStandard,
                    $"{assembly.Path} targets {assembly.TargetFramework ?? "nothing stated"}; Windows PowerShell 5.1 needs {NetStandard}.");
            }
        }

        [SkippableFact]
        public void EveryReference_IsNetStandardPowerShellStandardOrShippedWithTheModule()
        {
            SkipUnlessBuilt();

            List<AssemblyFacts> assemblies = ModuleAssemblies().ToList();
            Dictionary<string, AssemblyFacts> shipped = assemblies.ToDictionary(a => a.Name, StringComparer.Ordinal);
            var problems = new List<string>();

            foreach (AssemblyFacts assembly in assemblies)
            {
                string where = Path.GetRelativePath(ModuleFolder, assembly.Path);
                foreach ((string name, Version version) in assembly.References)
                {
                    if (name == "netstandard")
                    {
                        if (version != s_netStandardVersion)
                        {
                            problems.Add($"{where} references netstandard {version}; only 2.0 runs on .NET Framework 4.7.1.");
                        }
                    }
                    else if (name == "System.Management.Automation")
                    {
                        if (version != s_powerShellVersion || assembly.Name != "GoEnvTools.Cmdlets")
                        {
                            problems.Add($"{where} references System.Management.Automation {version}; only GoEnvTools.Cmdlets may, as PowerShell Standard 5.1 (3.0.0.0).");
                        }
                    }
                    else if (name == CimAssembly)
                    {
                        if (assembly.Name != "GoEnvTools.Cmdlets" || version.Major != 1)
                        {
                            problems.Add($"{where} references {CimAssembly} {version}; only GoEnvTools.Cmdlets may, as the 1.0 assembly both PowerShell editions carry.");
                        }
                    }
                    else if (shipped.TryGetValue(name, out AssemblyFacts? target))
                    {
                        if (target.Version < version)
                        {
                            problems.Add($"{where} references {name} {version}, but the module ships {target.Version}.");
                        }

                        // Only the root assembly is found by PowerShell; Dependencies/ is reached through the
                        // module's resolver, which serves the assemblies of that folder and GoEnvTools.Cmdlets only.
                        bool reachable = name == "GoEnvTools.Cmdlets" || Path.GetFileName(Path.GetDirectoryName(target.Path)) == "Dependencies";
                        if (!reachable)
                        {
                            problems.Add($"{where} references {name}, which is neither the module's root assembly nor in Dependencies/.");
                        }
                    }
                    else
                    {
                        problems.Add($"{where} references {name} {version}: not part of netstandard2.0, PowerShell Standard 5.1 or the CIM assembly PowerShell carries, and not shipped with the module.");
                    }
                }
            }

            Assert.True(problems.Count == 0, string.Join(Environment.NewLine, problems));
        }

        [SkippableFact]
        public void TheRootAssembly_NeverNamesYamlDotNet()
        {
            SkipUnlessBuilt();

            // GoEnvTools.Cmdlets lives in the default load context, where another module's YamlDotNet may be: it
            // reaches YamlDotNet only through the engine in Dependencies/.
            AssemblyFacts root = Read(Path.Combine(ModuleFolder, "GoEnvTools.Cmdlets.dll"));

            Assert.Contains(root.References, r => r.Name == "netstandard");
            Assert.DoesNotContain(root.References, r => r.Name == "YamlDotNet" || r.Name == "GoEnvTools.Yaml");
        }
    }
}
