using System.Collections;
using System.Collections.Immutable;
using RelTool.Formats.Terms;

namespace RelTool.Formats.Manifests.Instructions;

/// <summary>An ordered list of module (or application) names with value equality, so instruction records compare by content.</summary>
public sealed class ModuleList(ImmutableArray<string> names) : IEquatable<ModuleList>, IReadOnlyList<string>
{
    public static readonly ModuleList Empty = new(ImmutableArray<string>.Empty);

    public ImmutableArray<string> Names { get; } = names.IsDefault ? ImmutableArray<string>.Empty : names;

    public static ModuleList Of(params string[] names) => new(names.ToImmutableArray());
    public static ModuleList Of(IEnumerable<string> names) => new(names.ToImmutableArray());

    public int Count => Names.Length;
    public string this[int index] => Names[index];
    public bool Contains(string name) => Names.Contains(name);

    public ErlList ToTerm() => Erl.List(Names.Select(n => (Term)Erl.Atom(n)));

    public bool Equals(ModuleList? other) => other is not null && Names.SequenceEqual(other.Names);
    public override bool Equals(object? obj) => Equals(obj as ModuleList);

    public override int GetHashCode()
    {
        var hash = new HashCode();
        foreach (var n in Names) hash.Add(n);
        return hash.ToHashCode();
    }

    public IEnumerator<string> GetEnumerator() => ((IEnumerable<string>)Names).GetEnumerator();
    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
    public override string ToString() => "[" + string.Join(",", Names) + "]";
}
