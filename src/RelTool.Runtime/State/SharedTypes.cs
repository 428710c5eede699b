using System.Runtime.Loader;

namespace RelTool.Runtime;

/// <summary>Whether a type means the same thing to every load context: it and all its parts live in the default one.</summary>
internal static class SharedTypes
{
    public static bool IsShared(Type type)
    {
        if (type.HasElementType)
        {
            return IsShared(type.GetElementType()!);
        }

        if (type.IsGenericType && !type.IsGenericTypeDefinition)
        {
            return IsShared(type.GetGenericTypeDefinition()) && type.GetGenericArguments().All(IsShared);
        }

        return AssemblyLoadContext.GetLoadContext(type.Assembly) == AssemblyLoadContext.Default;
    }
}
