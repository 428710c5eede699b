using System.Reflection;
using System.Runtime.CompilerServices;
using RelTool.Runtime.Servers;

namespace RelTool.Boot.ReleaseHandler;

/// <summary>
/// Compiles the server types of newly loaded code before the servers are suspended, so that the suspend → resume
/// pause does not include JIT work (CodeChange and the first requests of the new code).
/// </summary>
public static class ServerWarmUp
{
    private const BindingFlags Declared = BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly;

    public static void Prepare(Assembly assembly)
    {
        foreach (var type in assembly.GetTypes().Where(t => typeof(Server).IsAssignableFrom(t) && !t.IsAbstract && !t.ContainsGenericParameters))
            foreach (var method in type.GetMethods(Declared).Where(m => !m.IsAbstract && !m.ContainsGenericParameters))
            {
                try { RuntimeHelpers.PrepareMethod(method.MethodHandle); }
                catch (Exception e) when (e is ArgumentException or InvalidOperationException or NotSupportedException) { }
            }
    }
}
