using System.Reflection;

namespace RelTool.Runtime;

/// <summary>The instance fields that make up an exported object, named as the source code names them.</summary>
internal static class StateFields
{
    private const BindingFlags Instance = BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic;

    public static IEnumerable<(string Name, FieldInfo Field)> Of(Type type)
    {
        for (var t = type; t is not null && t != typeof(object) && t != typeof(ValueType); t = t.BaseType)
        {
            foreach (var field in t.GetFields(Instance | BindingFlags.DeclaredOnly))
            {
                yield return (SourceName(field.Name), field);
            }
        }
    }

    public static string Shape(Type type) =>
        string.Join(';', Of(type).Select(f => $"{f.Name}:{f.Field.FieldType}").Order(StringComparer.Ordinal));

    private static string SourceName(string fieldName) =>
        fieldName.StartsWith('<') && fieldName.EndsWith(">k__BackingField", StringComparison.Ordinal)
            ? fieldName[1..fieldName.IndexOf('>')]
            : fieldName;
}
