using System.Text.Json;
using System.Text.Json.Nodes;

namespace RelTool.Core.Layout;

/// <summary>
/// The runtimeconfig of a release that bundles its runtime: every framework reference names the version runtime/shared/
/// holds for it, and the host may not roll forward. A framework-dependent runtimeconfig rolls forward to the newest
/// patch of its major.minor that the dotnet root holds, so once an upgrade brought 10.0.15 beside 10.0.12, a downgrade
/// (or a restart) of the 10.0.12 release would have run on 10.0.15.
/// </summary>
public static class PinnedRuntimeConfig
{
    /// <summary>The runtimeconfig text pinned to <paramref name="bundled"/>; a framework it names that is not bundled is an error.</summary>
    public static string Apply(string runtimeConfigJson, string path, IReadOnlyList<ResolvedFramework> bundled)
    {
        var root = JsonNode.Parse(runtimeConfigJson, documentOptions: new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true }) as JsonObject
            ?? throw new FormatException($"{path}: not a JSON object");
        var options = root["runtimeOptions"] as JsonObject ?? throw new FormatException($"{path}: no runtimeOptions");
        var references = new List<JsonObject>();
        if (options["framework"] is JsonObject single) references.Add(single);
        if (options["frameworks"] is JsonArray many) references.AddRange(many.OfType<JsonObject>());
        foreach (var reference in references)
        {
            var name = reference["name"]?.GetValue<string>() ?? throw new FormatException($"{path}: a framework reference needs a name");
            var version = bundled.FirstOrDefault(f => f.Name == name)?.Version
                ?? throw new FormatException($"{path}: names the framework {name}, which the release's runtime does not bundle ({string.Join(", ", bundled.Select(f => f.Name))})");
            reference["version"] = version;
            // A reference's own policy would win over the one of runtimeOptions.
            reference.Remove("rollForward");
        }
        options["rollForward"] = nameof(RollForwardPolicy.Disable);
        return root.ToJsonString(new JsonSerializerOptions { WriteIndented = true }) + "\n";
    }
}
