using System.Collections.Immutable;
using System.Text.Json;

namespace RelTool.Core.Layout;

/// <summary>The framework references of a *.runtimeconfig.json, with the roll-forward policy that applies to each.</summary>
public sealed record RuntimeConfig(ImmutableArray<FrameworkReference> Frameworks)
{
    public static RuntimeConfig Read(string path)
    {
        using var stream = File.OpenRead(path);
        using var document = JsonDocument.Parse(stream, new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
        if (!document.RootElement.TryGetProperty("runtimeOptions", out var options))
            throw new FormatException($"{path}: no runtimeOptions");
        var defaultRollForward = options.TryGetProperty("rollForward", out var rf) ? rf.GetString() : null;
        var references = ImmutableArray.CreateBuilder<FrameworkReference>();
        if (options.TryGetProperty("framework", out var single)) references.Add(ReferenceOf(single, defaultRollForward, path));
        if (options.TryGetProperty("frameworks", out var many))
            foreach (var f in many.EnumerateArray()) references.Add(ReferenceOf(f, defaultRollForward, path));
        return new RuntimeConfig(references.ToImmutable());
    }

    private static FrameworkReference ReferenceOf(JsonElement element, string? defaultRollForward, string path)
    {
        var name = element.TryGetProperty("name", out var n) ? n.GetString() : null;
        var version = element.TryGetProperty("version", out var v) ? v.GetString() : null;
        if (name is null || version is null) throw new FormatException($"{path}: a framework reference needs a name and a version");
        var rollForward = element.TryGetProperty("rollForward", out var rf) ? rf.GetString() : defaultRollForward;
        return new FrameworkReference(name, version, RollForwardPolicies.Parse(rollForward));
    }
}

public sealed record FrameworkReference(string Name, string Version, RollForwardPolicy RollForward);
