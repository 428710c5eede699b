using System.Collections.Immutable;
using System.Globalization;
using System.Text.Json.Nodes;

namespace RelTool.Formats.Oci;

/// <summary>One entry of an image config's history: what made a layer (or, with <see cref="EmptyLayer"/>, a setting).</summary>
public sealed record OciHistory(string? Created, string? CreatedBy, string? Comment = null, bool EmptyLayer = false)
{
    public JsonObject ToJson()
    {
        var json = new JsonObject();
        if (Created is not null) json["created"] = Created;
        if (CreatedBy is not null) json["created_by"] = CreatedBy;
        if (Comment is not null) json["comment"] = Comment;
        if (EmptyLayer) json["empty_layer"] = true;
        return json;
    }

    internal static OciHistory Read(JsonNode node) => new(
        node["created"]?.GetValue<string>(), node["created_by"]?.GetValue<string>(), node["comment"]?.GetValue<string>(),
        node["empty_layer"]?.GetValue<bool>() ?? false);
}

/// <summary>An image configuration (image-spec config.md): platform, how a container runs, and the layers' uncompressed
/// digests (<see cref="DiffIds"/>, base first). Written with a fixed key order and <see cref="Created"/> fixed, so that it
/// hashes the same every time.</summary>
public sealed record OciImageConfig(
    OciPlatform Platform,
    DateTimeOffset Created,
    ImmutableArray<string> DiffIds,
    ImmutableArray<OciHistory> History)
{
    public string? User { get; init; }
    public ImmutableArray<string> Env { get; init; } = [];
    public ImmutableArray<string> Entrypoint { get; init; } = [];
    public ImmutableArray<string> Cmd { get; init; } = [];
    public string? WorkingDir { get; init; }
    public ImmutableSortedSet<string> ExposedPorts { get; init; } = [];
    public ImmutableSortedDictionary<string, string> Labels { get; init; } = ImmutableSortedDictionary<string, string>.Empty;
    public string? StopSignal { get; init; }

    public static string Timestamp(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    public byte[] ToBytes()
    {
        var config = new JsonObject();
        if (User is not null) config["User"] = User;
        if (ExposedPorts.Count > 0)
        {
            var ports = new JsonObject();
            foreach (var port in ExposedPorts) ports[port] = new JsonObject();
            config["ExposedPorts"] = ports;
        }
        if (Env.Length > 0) config["Env"] = Array(Env);
        if (Entrypoint.Length > 0) config["Entrypoint"] = Array(Entrypoint);
        if (Cmd.Length > 0) config["Cmd"] = Array(Cmd);
        if (WorkingDir is not null) config["WorkingDir"] = WorkingDir;
        if (Labels.Count > 0) config["Labels"] = OciJson.SortedMap(Labels);
        if (StopSignal is not null) config["StopSignal"] = StopSignal;

        var json = new JsonObject { ["created"] = Timestamp(Created), ["architecture"] = Platform.Architecture };
        if (Platform.Variant is not null) json["variant"] = Platform.Variant;
        json["os"] = Platform.Os;
        json["config"] = config;
        json["rootfs"] = new JsonObject { ["type"] = "layers", ["diff_ids"] = Array(DiffIds) };
        json["history"] = new JsonArray([.. History.Select(h => (JsonNode)h.ToJson())]);
        return OciJson.Bytes(json);
    }

    /// <summary>Reads a base image's config: its platform, layers, history and the run settings an image on top inherits.</summary>
    public static OciImageConfig Read(byte[] bytes, string where)
    {
        var json = OciJson.Parse(bytes, where);
        var platform = new OciPlatform(OciJson.String(json, "os", where), OciJson.String(json, "architecture", where), json["variant"]?.GetValue<string>());
        var created = json["created"]?.GetValue<string>() is { } c && DateTimeOffset.TryParse(c, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var t)
            ? t : DateTimeOffset.UnixEpoch;
        var diffIds = (json["rootfs"]?["diff_ids"] as JsonArray ?? throw new OciException(where, "has no rootfs.diff_ids"))
            .Select(d => d?.GetValue<string>() ?? "").ToImmutableArray();
        foreach (var id in diffIds)
            if (!OciDigest.IsSha256(id)) throw new OciException(where, $"rootfs.diff_ids holds '{id}', not a sha256 digest");
        var history = json["history"] is JsonArray h ? h.Where(n => n is not null).Select(n => OciHistory.Read(n!)).ToImmutableArray() : [];
        var config = json["config"];
        return new OciImageConfig(platform, created, diffIds, history)
        {
            User = config?["User"]?.GetValue<string>() is { Length: > 0 } u ? u : null,
            Env = Strings(config?["Env"]),
            Entrypoint = Strings(config?["Entrypoint"]),
            Cmd = Strings(config?["Cmd"]),
            WorkingDir = config?["WorkingDir"]?.GetValue<string>() is { Length: > 0 } w ? w : null,
            ExposedPorts = config?["ExposedPorts"] is JsonObject p ? [.. p.Select(kv => kv.Key)] : [],
            Labels = config?["Labels"] is JsonObject l
                ? l.ToImmutableSortedDictionary(kv => kv.Key, kv => kv.Value?.GetValue<string>() ?? "", StringComparer.Ordinal)
                : ImmutableSortedDictionary<string, string>.Empty,
            StopSignal = config?["StopSignal"]?.GetValue<string>(),
        };
    }

    private static JsonArray Array(IEnumerable<string> values) => new([.. values.Select(v => (JsonNode)JsonValue.Create(v))]);

    private static ImmutableArray<string> Strings(JsonNode? node) =>
        node is JsonArray array ? [.. array.Select(n => n?.GetValue<string>() ?? "")] : [];
}
