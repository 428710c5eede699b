using System.Collections.Immutable;
using System.Text.RegularExpressions;

namespace RelTool.Core.Config;

/// <summary>Replaces {{name}} placeholders; an unknown name is an error that lists the known ones.</summary>
public static partial class TemplateText
{
    public static string Render(string text, IReadOnlyDictionary<string, string> variables, string source) =>
        Placeholder().Replace(text, match =>
        {
            var name = match.Groups[1].Value;
            return variables.TryGetValue(name, out var value)
                ? value
                : throw new ConfigException(source, $"unknown template variable {{{{{name}}}}}; known: {string.Join(", ", variables.Keys.Order(StringComparer.Ordinal))}");
        });

    /// <summary>Replaces only the given names and leaves other placeholders as they are (for text that documents them).</summary>
    public static string RenderKnown(string text, IReadOnlyDictionary<string, string> variables) =>
        Placeholder().Replace(text, match => variables.TryGetValue(match.Groups[1].Value, out var value) ? value : match.Value);

    /// <summary>The variables overlays and templates see.</summary>
    public static ImmutableDictionary<string, string> ReleaseVariables(
        string releaseName, string releaseVersion, string runtimeVersion, string environment, string configuration, string runtimeIdentifier, string bootVersion) =>
        new Dictionary<string, string>
        {
            ["rel_name"] = releaseName,
            ["rel_vsn"] = releaseVersion,
            ["runtime_vsn"] = runtimeVersion,
            ["erts_vsn"] = runtimeVersion,
            ["env"] = environment,
            ["configuration"] = configuration,
            ["runtime_identifier"] = runtimeIdentifier,
            ["boot_vsn"] = bootVersion,
        }.ToImmutableDictionary(StringComparer.Ordinal);

    [GeneratedRegex(@"\{\{\s*([A-Za-z_][A-Za-z0-9_]*)\s*\}\}")]
    private static partial Regex Placeholder();
}
