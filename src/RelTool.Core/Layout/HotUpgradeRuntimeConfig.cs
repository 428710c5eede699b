using System.Text.Json;
using System.Text.Json.Nodes;
using RelTool.Formats.Layout;

namespace RelTool.Core.Layout;

/// <summary>
/// The runtimeconfig a release boots with, for apps on RelTool.Runtime: methods with loops compiled optimised at once
/// (QuickJitForLoops off) unless the project chose itself. A live upgrade's state migration is a loop in code nothing
/// has run yet; on tier-0 code with on-stack replacement it takes several milliseconds of the pause instead of ~1 ms
/// (docs/launcher.md, "Pause"). It also records whether the entry assembly is written against RelTool.Runtime
/// (<see cref="ReleaseLayout.EntryOnRuntimeProperty"/>), so that the launcher need not read the entry's metadata.
/// </summary>
public static class HotUpgradeRuntimeConfig
{
    public const string QuickJitForLoops = "System.Runtime.TieredCompilation.QuickJitForLoops";

    /// <summary>The runtimeconfig text with <see cref="QuickJitForLoops"/> false when it does not set it, and
    /// <see cref="ReleaseLayout.EntryOnRuntimeProperty"/> (what the launcher would otherwise read from the entry's metadata).</summary>
    public static string Apply(string runtimeConfigJson, string path, bool entryOnRuntime)
    {
        var root = JsonNode.Parse(runtimeConfigJson, documentOptions: new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true }) as JsonObject
            ?? throw new FormatException($"{path}: not a JSON object");
        var options = root["runtimeOptions"] as JsonObject ?? throw new FormatException($"{path}: no runtimeOptions");
        if (options["configProperties"] is not JsonObject properties)
        {
            properties = [];
            options["configProperties"] = properties;
        }
        if (!properties.ContainsKey(QuickJitForLoops)) properties[QuickJitForLoops] = false;
        properties[ReleaseLayout.EntryOnRuntimeProperty] = entryOnRuntime;
        return root.ToJsonString(new JsonSerializerOptions { WriteIndented = true }) + "\n";
    }
}
