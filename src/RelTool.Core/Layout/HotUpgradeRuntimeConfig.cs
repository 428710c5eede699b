using System.Text.Json;
using System.Text.Json.Nodes;

namespace RelTool.Core.Layout;

/// <summary>
/// The runtimeconfig a release boots with, for apps on RelTool.Runtime: methods with loops compiled optimised at once
/// (QuickJitForLoops off) unless the project chose itself. A live upgrade's state migration is a loop in code nothing
/// has run yet; on tier-0 code with on-stack replacement it takes several milliseconds of the pause instead of ~1 ms
/// (docs/launcher.md, "Pause").
/// </summary>
public static class HotUpgradeRuntimeConfig
{
    public const string QuickJitForLoops = "System.Runtime.TieredCompilation.QuickJitForLoops";

    /// <summary>The runtimeconfig text with <see cref="QuickJitForLoops"/> false when it does not set it.</summary>
    public static string Apply(string runtimeConfigJson, string path)
    {
        var root = JsonNode.Parse(runtimeConfigJson, documentOptions: new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true }) as JsonObject
            ?? throw new FormatException($"{path}: not a JSON object");
        var options = root["runtimeOptions"] as JsonObject ?? throw new FormatException($"{path}: no runtimeOptions");
        if (options["configProperties"] is not JsonObject properties)
        {
            properties = [];
            options["configProperties"] = properties;
        }
        if (properties.ContainsKey(QuickJitForLoops)) return runtimeConfigJson;
        properties[QuickJitForLoops] = false;
        return root.ToJsonString(new JsonSerializerOptions { WriteIndented = true }) + "\n";
    }
}
