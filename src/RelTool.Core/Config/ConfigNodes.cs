using System.Collections.Immutable;

namespace RelTool.Core.Config;

/// <summary>Typed access to YAML nodes that reports a wrong shape with the node's position, what was expected and the valid choices.</summary>
internal sealed class ConfigNodes(string file)
{
    public ConfigException Error(YamlNode at, string problem) => new(file, problem, at.Line, at.Column);

    public YamlMapping Mapping(YamlNode node, string what) =>
        node as YamlMapping ?? throw Error(node, $"{what} must be a mapping (key: value lines), got {Describe(node)}");

    /// <summary>A mapping whose value may be left empty (`hooks:` with nothing under it).</summary>
    public YamlMapping? OptionalMapping(YamlNode node, string what) =>
        node is YamlScalar { IsNull: true } ? null : Mapping(node, what);

    public ImmutableArray<YamlNode> Sequence(YamlNode node, string what) => node switch
    {
        YamlScalar { IsNull: true } => [],
        YamlSequence s => s.Items,
        _ => throw Error(node, $"{what} must be a list (lines starting with '- '), got {Describe(node)}"),
    };

    public string String(YamlNode node, string what) => node switch
    {
        YamlScalar { IsNull: true } => throw Error(node, $"{what} must not be empty"),
        YamlScalar s => s.Value,
        _ => throw Error(node, $"{what} must be a string, got {Describe(node)}"),
    };

    public string? OptionalString(YamlNode node, string what) =>
        node is YamlScalar { IsNull: true } ? null : String(node, what);

    public bool Bool(YamlNode node, string what) => node switch
    {
        YamlScalar { IsPlain: true, Value: "true" or "True" or "TRUE" } => true,
        YamlScalar { IsPlain: true, Value: "false" or "False" or "FALSE" } => false,
        _ => throw Error(node, $"{what} must be true or false, got {Describe(node)}"),
    };

    public ImmutableDictionary<string, string> StringMap(YamlNode node, string what)
    {
        var mapping = OptionalMapping(node, what);
        if (mapping is null) return ImmutableDictionary<string, string>.Empty;
        var builder = ImmutableDictionary.CreateBuilder<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var (key, value) in mapping.Entries)
        {
            if (value is not YamlScalar scalar) throw Error(value, $"{what}.{key.Value} must be a single value, got {Describe(value)}");
            builder[key.Value] = scalar.Value;
        }
        return builder.ToImmutable();
    }

    /// <summary>Fails on the first key that is not one of <paramref name="valid"/>, naming the valid keys.</summary>
    public void CheckKeys(YamlMapping mapping, string where, params string[] valid)
    {
        foreach (var (key, _) in mapping.Entries)
            if (!valid.Contains(key.Value, StringComparer.Ordinal))
                throw Error(key, $"unknown key '{key.Value}' in {where}; valid keys: {string.Join(", ", valid)}");
    }

    public static string Describe(YamlNode node) => node switch
    {
        YamlScalar { IsNull: true } => "nothing",
        YamlScalar s => $"'{s.Value}'",
        _ => node.Kind,
    };
}
