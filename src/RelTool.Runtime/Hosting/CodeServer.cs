using System.Collections.Concurrent;
using System.Reflection;

namespace RelTool.Runtime.Hosting;

/// <summary>
/// The current version of each loaded assembly, by simple name (OTP's code server). Code that must survive an
/// upgrade (child specs, restarts) names types instead of holding them, and resolves them here each time.
/// </summary>
public sealed class CodeServer
{
    private readonly ConcurrentDictionary<string, Assembly> current = new(StringComparer.Ordinal);

    /// <summary>Makes <paramref name="assembly"/> the current code for its simple name.</summary>
    public void MakeCurrent(Assembly assembly) => current[assembly.GetName().Name!] = assembly;

    /// <summary>Makes <paramref name="assembly"/> current unless some version of its name already is.</summary>
    public void MakeCurrentIfUnknown(Assembly assembly) => current.TryAdd(assembly.GetName().Name!, assembly);

    public bool Forget(string assemblyName) => current.TryRemove(assemblyName, out _);

    public Assembly? Current(string assemblyName) => current.TryGetValue(assemblyName, out var assembly) ? assembly : null;

    public IReadOnlyCollection<string> Loaded => current.Keys.ToArray();

    /// <summary>A new instance of <paramref name="typeName"/> from the current code of <paramref name="assemblyName"/>.</summary>
    public T Create<T>(string assemblyName, string typeName)
    {
        var assembly = Current(assemblyName)
            ?? throw new InvalidOperationException($"no code is loaded for assembly '{assemblyName}'");
        var type = assembly.GetType(typeName)
            ?? throw new InvalidOperationException($"{assemblyName} has no type {typeName}");
        return Activator.CreateInstance(type) is T instance
            ? instance
            : throw new InvalidOperationException($"{typeName} is not a {typeof(T).Name}");
    }
}
