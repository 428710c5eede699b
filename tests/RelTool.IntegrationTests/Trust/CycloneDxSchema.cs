using System.Text.Json;
using Json.Schema;

namespace RelTool.IntegrationTests.Trust;

/// <summary>The CycloneDX 1.6 JSON schema kept as test data (Trust/CycloneDx/), with the schemas it references, offline.</summary>
public static class CycloneDxSchema
{
    private static readonly Lazy<JsonSchema> Bom = new(() =>
    {
        var directory = Path.Combine(AppContext.BaseDirectory, "Trust", "CycloneDx");
        var options = new BuildOptions { SchemaRegistry = new SchemaRegistry() };
        JsonSchema.FromText(File.ReadAllText(Path.Combine(directory, "spdx.schema.json")), options);
        JsonSchema.FromText(File.ReadAllText(Path.Combine(directory, "jsf-0.82.schema.json")), options);
        return JsonSchema.FromText(File.ReadAllText(Path.Combine(directory, "bom-1.6.schema.json")), options);
    });

    /// <summary>The schema's complaints about <paramref name="sbomFile"/>, one per failing location; empty when it validates.</summary>
    public static IReadOnlyList<string> Errors(string sbomFile)
    {
        using var document = JsonDocument.Parse(File.ReadAllText(sbomFile));
        var result = Bom.Value.Evaluate(document.RootElement, new EvaluationOptions { OutputFormat = OutputFormat.List, RequireFormatValidation = true });
        if (result.IsValid) return [];
        return [.. (result.Details ?? []).Where(d => d.Errors is { Count: > 0 })
            .SelectMany(d => d.Errors!.Select(e => $"{d.InstanceLocation} ({d.EvaluationPath}): {e.Key}: {e.Value}"))
            .DefaultIfEmpty("invalid, without details")];
    }
}
