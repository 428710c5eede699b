using System.Collections;

namespace RelTool.Runtime;

/// <summary>
/// Turns a server state into values that any load context can read without keeping the old code loaded:
/// values of shared types stay as they are; enums of unshared types become their names; dictionaries become
/// <c>Dictionary&lt;string, object?&gt;</c> (string keys) or <c>Dictionary&lt;object, object?&gt;</c>; other
/// sequences <c>List&lt;object?&gt;</c>; other objects <see cref="ExportedObject"/>.
/// </summary>
/// <remarks>
/// Reflection here caches nothing: caches in a shared assembly (as reflection-based System.Text.Json keeps)
/// would pin the old load context. A value of a shared type is trusted as a whole: an
/// <c>object</c>-typed slot inside it that holds an object of old code would still pin that code.
/// </remarks>
internal static class StateExport
{
    private const int MaxDepth = 64;

    public static object? Export(object? value) => Export(value, 0);

    private static object? Export(object? value, int depth)
    {
        if (value is null)
        {
            return null;
        }

        if (depth > MaxDepth)
        {
            throw new InvalidOperationException($"state is nested deeper than {MaxDepth} levels (a cycle?); override ExportState");
        }

        var type = value.GetType();
        if (SharedTypes.IsShared(type))
        {
            return value;
        }

        if (type.IsEnum)
        {
            return value.ToString();
        }

        if (value is IDictionary dictionary)
        {
            return ExportDictionary(dictionary, depth);
        }

        if (value is IEnumerable sequence)
        {
            var items = new List<object?>();
            foreach (var item in sequence)
            {
                items.Add(Export(item, depth + 1));
            }

            return items;
        }

        var fields = new Dictionary<string, object?>(StringComparer.Ordinal);
        foreach (var (name, field) in StateFields.Of(type))
        {
            fields[name] = Export(field.GetValue(value), depth + 1);
        }

        return new ExportedObject(type.ToString(), StateFields.Shape(type), fields);
    }

    private static object ExportDictionary(IDictionary dictionary, int depth)
    {
        var entries = new List<(object Key, object? Value)>();
        foreach (DictionaryEntry entry in dictionary)
        {
            entries.Add((Export(entry.Key, depth + 1)!, Export(entry.Value, depth + 1)));
        }

        if (entries.All(e => e.Key is string))
        {
            return entries.ToDictionary(e => (string)e.Key, e => e.Value, StringComparer.Ordinal);
        }

        return entries.ToDictionary(e => e.Key, e => e.Value);
    }
}
