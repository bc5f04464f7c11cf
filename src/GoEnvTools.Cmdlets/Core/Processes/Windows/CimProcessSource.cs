using System;
using System.Collections.Generic;
using System.Globalization;
using Microsoft.Management.Infrastructure;

namespace GoEnvTools.Windows
{
    /// <summary>
    /// Win32_Process through Microsoft.Management.Infrastructure, which both PowerShell editions ship on Windows.
    /// Only this class names its types, and only the Windows provider creates it, on first need: loading the module
    /// elsewhere never loads that assembly.
    /// </summary>
    internal sealed class CimProcessSource : ICimProcessSource, IDisposable
    {
        private const string Namespace = @"root\cimv2";
        private readonly CimSession _session = CimSession.Create(null);

        public ProcessInfo? Query(int processId)
        {
            string query = "SELECT ProcessId, ParentProcessId, Name, ExecutablePath, CommandLine, CreationDate FROM Win32_Process WHERE ProcessId = " +
                processId.ToString(CultureInfo.InvariantCulture);
            foreach (CimInstance instance in _session.QueryInstances(Namespace, "WQL", query))
            {
                using (instance)
                {
                    var properties = new Dictionary<string, object?>(StringComparer.OrdinalIgnoreCase);
                    foreach (CimProperty property in instance.CimInstanceProperties)
                    {
                        properties[property.Name] = property.Value;
                    }

                    Dictionary<string, object?>? owner = null;
                    try
                    {
                        using CimMethodResult result = _session.InvokeMethod(Namespace, instance, "GetOwner", new CimMethodParametersCollection());
                        owner = new Dictionary<string, object?>(StringComparer.OrdinalIgnoreCase) { ["ReturnValue"] = result.ReturnValue?.Value };
                        foreach (CimMethodParameter parameter in result.OutParameters)
                        {
                            owner[parameter.Name] = parameter.Value;
                        }
                    }
                    catch (CimException)
                    {
                        // The owner stays unknown; the rest of the instance still stands.
                    }

                    return CimProcessMapper.ToProcessInfo(properties, owner);
                }
            }

            return null;
        }

        public void Dispose() => _session.Dispose();
    }
}
