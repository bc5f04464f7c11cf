using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Reflection;
using GoEnvTools.Commands;
using Xunit;

namespace GoEnvTools.Tests
{
    /// <summary>Core never touches PowerShell: only the cmdlet and completer namespaces may.</summary>
    public sealed class ArchitectureTests
    {
        private const string PowerShellAssembly = "System.Management.Automation";

        private static readonly string[] s_powerShellNamespaces = { "GoEnvTools.Commands", "GoEnvTools.Completers" };

        private const BindingFlags Declared =
            BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly;

        private static Assembly CmdletsAssembly => typeof(GetProcessEnvironmentCommand).Assembly;

        private static bool MayUsePowerShell(Type type)
        {
            string? ns = type.Namespace;
            return ns is not null && s_powerShellNamespaces.Any(allowed =>
                ns.Equals(allowed, StringComparison.Ordinal) || ns.StartsWith(allowed + ".", StringComparison.Ordinal));
        }

        /// <summary>Whether a type is, or is built from, a System.Management.Automation type.</summary>
        private static bool IsPowerShellType(Type? type)
        {
            if (type is null || type.IsGenericParameter)
            {
                return false;
            }

            if (type.HasElementType)
            {
                return IsPowerShellType(type.GetElementType());
            }

            if (string.Equals(type.Assembly.GetName().Name, PowerShellAssembly, StringComparison.Ordinal))
            {
                return true;
            }

            return type.IsGenericType && !type.IsGenericTypeDefinition && type.GetGenericArguments().Any(IsPowerShellType);
        }

        private static IEnumerable<Type> AttributeTypes(MemberInfo member) =>
            member.GetCustomAttributesData().Select(a => a.AttributeType);

        private static IEnumerable<Type> AttributeTypes(ParameterInfo parameter) =>
            parameter.GetCustomAttributesData().Select(a => a.AttributeType);

        /// <summary>Every use of a System.Management.Automation type that reflection shows on one type, described.</summary>
        internal static List<string> FindPowerShellReferences(Type type)
        {
            var found = new List<string>();

            void Check(Type? used, string where)
            {
                if (IsPowerShellType(used))
                {
                    found.Add($"{type.FullName}: {where} uses {used!.FullName ?? used.Name}");
                }
            }

            void CheckMethod(MethodBase method, string kind)
            {
                foreach (ParameterInfo parameter in method.GetParameters())
                {
                    Check(parameter.ParameterType, $"{kind} {method.Name} parameter {parameter.Name}");
                    foreach (Type attribute in AttributeTypes(parameter))
                    {
                        Check(attribute, $"{kind} {method.Name} parameter {parameter.Name} attribute");
                    }
                }

                if (method is MethodInfo info)
                {
                    Check(info.ReturnType, $"{kind} {method.Name} return type");
                    foreach (Type argument in info.IsGenericMethod ? info.GetGenericArguments() : Type.EmptyTypes)
                    {
                        foreach (Type constraint in argument.GetGenericParameterConstraints())
                        {
                            Check(constraint, $"{kind} {method.Name} constraint");
                        }
                    }
                }

                foreach (Type attribute in AttributeTypes(method))
                {
                    Check(attribute, $"{kind} {method.Name} attribute");
                }

                MethodBody? body = method.GetMethodBody();
                if (body is not null)
                {
                    foreach (LocalVariableInfo local in body.LocalVariables)
                    {
                        Check(local.LocalType, $"{kind} {method.Name} local variable");
                    }
                }
            }

            for (Type? baseType = type.BaseType; baseType is not null; baseType = baseType.BaseType)
            {
                Check(baseType, "base type");
            }

            foreach (Type implemented in type.GetInterfaces())
            {
                Check(implemented, "interface");
            }

            foreach (Type attribute in AttributeTypes(type))
            {
                Check(attribute, "attribute");
            }

            foreach (FieldInfo field in type.GetFields(Declared))
            {
                Check(field.FieldType, $"field {field.Name}");
            }

            foreach (PropertyInfo property in type.GetProperties(Declared))
            {
                Check(property.PropertyType, $"property {property.Name}");
                foreach (Type attribute in AttributeTypes(property))
                {
                    Check(attribute, $"property {property.Name} attribute");
                }
            }

            foreach (EventInfo e in type.GetEvents(Declared))
            {
                Check(e.EventHandlerType, $"event {e.Name}");
            }

            foreach (ConstructorInfo constructor in type.GetConstructors(Declared))
            {
                CheckMethod(constructor, "constructor");
            }

            foreach (MethodInfo method in type.GetMethods(Declared))
            {
                CheckMethod(method, "method");
            }

            return found;
        }

        [Fact]
        public void CoreTypes_DoNotReferencePowerShell()
        {
            Type[] coreTypes = CmdletsAssembly.GetTypes().Where(t => !MayUsePowerShell(t)).ToArray();

            List<string> violations = coreTypes.SelectMany(FindPowerShellReferences).ToList();

            Assert.Contains(typeof(ProcessInspector), coreTypes);
            Assert.True(violations.Count == 0,
                "Only GoEnvTools.Commands and GoEnvTools.Completers may use System.Management.Automation; found:" +
                Environment.NewLine + string.Join(Environment.NewLine, violations));
        }

        [Fact]
        public void TheCheck_SeesTheCmdletsThemselves()
        {
            // The cmdlets do use PowerShell, so a check that finds nothing there would be blind.
            List<string> found = FindPowerShellReferences(typeof(GetProcessEnvironmentCommand));

            Assert.Contains(found, f => f.Contains("base type uses System.Management.Automation.PSCmdlet", StringComparison.Ordinal));
            Assert.Contains(found, f => f.Contains("attribute uses System.Management.Automation.CmdletAttribute", StringComparison.Ordinal));
        }

        [Fact]
        public void TheCheck_FindsEveryKindOfReference()
        {
            List<string> found = FindPowerShellReferences(typeof(LeakyType));

            Assert.Contains(found, f => f.Contains("field _session", StringComparison.Ordinal));
            Assert.Contains(found, f => f.Contains("property Objects", StringComparison.Ordinal));
            Assert.Contains(found, f => f.Contains("method Run parameter cmdlet", StringComparison.Ordinal));
            Assert.Contains(found, f => f.Contains("method Make return type", StringComparison.Ordinal));
            Assert.Contains(found, f => f.Contains("method Count local variable", StringComparison.Ordinal));
            Assert.Contains(found, f => f.Contains("interface", StringComparison.Ordinal));
            Assert.Empty(FindPowerShellReferences(typeof(CleanType)));
        }

        [Fact]
        public void TheCheck_FindsAPowerShellBaseType()
        {
            Assert.Contains(FindPowerShellReferences(typeof(LeakyCompleterBase)), f => f.Contains("base type", StringComparison.Ordinal));
        }

        // Samples for the check itself: they live in the test assembly, which the Core test does not scan.
        private sealed class LeakyType : IArgumentCompleter
        {
            private readonly SessionState? _session = null;

            public List<PSObject[]> Objects { get; } = new List<PSObject[]>();

            public SessionState? Session => _session;

            public void Run(Cmdlet cmdlet) => cmdlet.ToString();

            public PSObject Make() => new PSObject();

            public int Count()
            {
                var wrapped = new PSObject(1);
                return wrapped.Properties.Count();
            }

            public IEnumerable<CompletionResult> CompleteArgument(
                string commandName, string parameterName, string wordToComplete, System.Management.Automation.Language.CommandAst commandAst, System.Collections.IDictionary fakeBoundParameters) =>
                Array.Empty<CompletionResult>();
        }

        private sealed class LeakyCompleterBase : PSCmdlet
        {
        }

        private sealed class CleanType
        {
            private readonly Dictionary<string, string> _values = new Dictionary<string, string>();

            public IReadOnlyDictionary<string, string> Values => _values;

            public string Describe(ProcessInfo process) => process.ToString() + _values.Count;
        }
    }
}
