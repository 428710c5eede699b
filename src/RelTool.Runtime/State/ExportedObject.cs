using System.Collections;

namespace RelTool.Runtime;

/// <summary>
/// An object of a type that only one load context knows, copied into BCL values: its fields by name
/// (auto-property backing fields under the property's name), its type's full name and its shape.
/// </summary>
public sealed class ExportedObject(string typeName, string shape, IReadOnlyDictionary<string, object?> fields)
    : IReadOnlyDictionary<string, object?>
{
    /// <summary>The full name of the exported type, without assembly names (<c>Type.ToString()</c>).</summary>
    public string TypeName { get; } = typeName;

    /// <summary>The sorted <c>field:type</c> list of the exported type; equal shapes can be copied field by field.</summary>
    public string Shape { get; } = shape;

    public object? this[string key] => fields[key];

    public IEnumerable<string> Keys => fields.Keys;

    public IEnumerable<object?> Values => fields.Values;

    public int Count => fields.Count;

    public bool ContainsKey(string key) => fields.ContainsKey(key);

    public bool TryGetValue(string key, out object? value) => fields.TryGetValue(key, out value);

    public IEnumerator<KeyValuePair<string, object?>> GetEnumerator() => fields.GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    public override string ToString() => $"{TypeName} {{ {string.Join(", ", fields.Select(f => $"{f.Key} = {f.Value}"))} }}";
}
