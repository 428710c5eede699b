using System.Collections;
using System.Collections.Immutable;

namespace RelTool.Formats.Manifests.Instructions;

/// <summary>An immutable list with value equality, so instruction records that hold lists compare by content.</summary>
public sealed class ValueList<T>(ImmutableArray<T> items) : IEquatable<ValueList<T>>, IReadOnlyList<T>
{
    public static readonly ValueList<T> Empty = new(ImmutableArray<T>.Empty);

    public ImmutableArray<T> Items { get; } = items.IsDefault ? ImmutableArray<T>.Empty : items;

    public int Count => Items.Length;
    public T this[int index] => Items[index];

    public bool Equals(ValueList<T>? other) => other is not null && Items.SequenceEqual(other.Items);
    public override bool Equals(object? obj) => Equals(obj as ValueList<T>);

    public override int GetHashCode()
    {
        var hash = new HashCode();
        foreach (var item in Items) hash.Add(item);
        return hash.ToHashCode();
    }

    public IEnumerator<T> GetEnumerator() => ((IEnumerable<T>)Items).GetEnumerator();
    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}

public static class ValueList
{
    public static ValueList<T> Of<T>(params T[] items) => new(items.ToImmutableArray());
    public static ValueList<T> From<T>(IEnumerable<T> items) => new(items.ToImmutableArray());
    public static ValueList<T> Of<T>(ImmutableArray<T> items) => new(items);
}
