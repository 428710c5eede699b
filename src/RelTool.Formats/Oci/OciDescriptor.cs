using System.Text.Json.Nodes;

namespace RelTool.Formats.Oci;

/// <summary>A content descriptor (image-spec descriptor.md): what a blob is, its sha256 digest ("sha256:…") and size.</summary>
public sealed record OciDescriptor(string MediaType, string Digest, long Size)
{
    public OciPlatform? Platform { get; init; }
    public IReadOnlyDictionary<string, string>? Annotations { get; init; }

    /// <summary>The hex part of <see cref="Digest"/>, the blob's file name under blobs/sha256/.</summary>
    public string Hex => Digest["sha256:".Length..];

    public JsonObject ToJson()
    {
        var json = new JsonObject { ["mediaType"] = MediaType, ["digest"] = Digest, ["size"] = Size };
        if (Platform is { } platform) json["platform"] = platform.ToJson();
        if (Annotations is { Count: > 0 } annotations) json["annotations"] = OciJson.SortedMap(annotations);
        return json;
    }

    internal static OciDescriptor Read(JsonNode? node, string where)
    {
        var mediaType = OciJson.String(node, "mediaType", where);
        var digest = OciJson.String(node, "digest", where);
        if (!OciDigest.IsSha256(digest)) throw new OciException(where, $"digest '{digest}' is not sha256:<64 hex digits>");
        var size = node?["size"]?.GetValue<long>() ?? throw new OciException(where, "descriptor has no size");
        var platform = node?["platform"] is JsonObject p ? OciPlatform.Read(p) : null;
        var annotations = node?["annotations"] is JsonObject a
            ? a.ToDictionary(kv => kv.Key, kv => kv.Value?.GetValue<string>() ?? "", StringComparer.Ordinal)
            : null;
        return new OciDescriptor(mediaType, digest, size) { Platform = platform, Annotations = annotations };
    }
}
