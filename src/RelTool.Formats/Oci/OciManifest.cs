using System.Collections.Immutable;
using System.Text.Json.Nodes;

namespace RelTool.Formats.Oci;

/// <summary>An image manifest (image-spec manifest.md): the config and the layers, base first.</summary>
public sealed record OciManifest(OciDescriptor Config, ImmutableArray<OciDescriptor> Layers)
{
    public IReadOnlyDictionary<string, string>? Annotations { get; init; }

    public byte[] ToBytes()
    {
        var json = new JsonObject
        {
            ["schemaVersion"] = 2,
            ["mediaType"] = OciMediaTypes.Manifest,
            ["config"] = Config.ToJson(),
            ["layers"] = new JsonArray([.. Layers.Select(l => (JsonNode)l.ToJson())]),
        };
        if (Annotations is { Count: > 0 } annotations) json["annotations"] = OciJson.SortedMap(annotations);
        return OciJson.Bytes(json);
    }

    public static OciManifest Read(byte[] bytes, string where)
    {
        var json = OciJson.Parse(bytes, where);
        var config = OciDescriptor.Read(json["config"], where + " (config)");
        var layers = (json["layers"] as JsonArray ?? throw new OciException(where, "has no layers"))
            .Select((l, i) => OciDescriptor.Read(l, $"{where} (layer {i + 1})")).ToImmutableArray();
        return new OciManifest(config, layers);
    }
}

/// <summary>An image index (image-spec image-index.md), as index.json of a layout or a multi-platform image.</summary>
public sealed record OciIndex(ImmutableArray<OciDescriptor> Manifests)
{
    public byte[] ToBytes() => OciJson.Bytes(new JsonObject
    {
        ["schemaVersion"] = 2,
        ["mediaType"] = OciMediaTypes.Index,
        ["manifests"] = new JsonArray([.. Manifests.Select(m => (JsonNode)m.ToJson())]),
    });

    public static OciIndex Read(byte[] bytes, string where)
    {
        var json = OciJson.Parse(bytes, where);
        var manifests = (json["manifests"] as JsonArray ?? throw new OciException(where, "has no manifests"))
            .Select((m, i) => OciDescriptor.Read(m, $"{where} (manifest {i + 1})")).ToImmutableArray();
        return new OciIndex(manifests);
    }
}
