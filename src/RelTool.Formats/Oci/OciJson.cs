using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace RelTool.Formats.Oci;

/// <summary>The JSON of manifests and configs: written compactly with keys in a fixed order (so the same image has the same digest), read leniently.</summary>
internal static class OciJson
{
    private static readonly JsonWriterOptions WriterOptions = new() { Indented = false, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static byte[] Bytes(JsonNode node)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, WriterOptions)) node.WriteTo(writer);
        return buffer.ToArray();
    }

    public static JsonObject SortedMap(IEnumerable<KeyValuePair<string, string>> map)
    {
        var json = new JsonObject();
        foreach (var (key, value) in map.OrderBy(kv => kv.Key, StringComparer.Ordinal)) json[key] = value;
        return json;
    }

    public static JsonNode Parse(byte[] bytes, string where)
    {
        try
        {
            return JsonNode.Parse(bytes) ?? throw new OciException(where, "is JSON null");
        }
        catch (JsonException e)
        {
            throw new OciException(where, "is not valid JSON: " + e.Message, e);
        }
    }

    public static string String(JsonNode? node, string key, string where) =>
        node?[key] is JsonValue value && value.TryGetValue<string>(out var s) ? s : throw new OciException(where, $"has no string \"{key}\"");

    public static string Text(byte[] bytes) => Encoding.UTF8.GetString(bytes);
}
