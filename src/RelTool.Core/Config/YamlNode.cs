using System.Collections.Immutable;

namespace RelTool.Core.Config;

/// <summary>A YAML node with the 1-based position where it starts, as the config reader needs it for messages.</summary>
public abstract record YamlNode(int Line, int Column)
{
    public abstract string Kind { get; }
}

public sealed record YamlScalar(string Value, bool IsPlain, int Line, int Column) : YamlNode(Line, Column)
{
    public override string Kind => "a scalar";

    /// <summary>A plain `~`, `null` or empty scalar: YAML's null.</summary>
    public bool IsNull => IsPlain && Value is "" or "~" or "null" or "Null" or "NULL";
}

public sealed record YamlSequence(ImmutableArray<YamlNode> Items, int Line, int Column) : YamlNode(Line, Column)
{
    public override string Kind => "a list";
}

public sealed record YamlMapping(ImmutableArray<KeyValuePair<YamlScalar, YamlNode>> Entries, int Line, int Column) : YamlNode(Line, Column)
{
    public override string Kind => "a mapping";
}
