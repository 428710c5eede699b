using System.Text.Json;

namespace RelTool.Output;

/// <summary>The "tarball" member of release JSON: {path, sha256, bytes}, or null when no tarball was written.</summary>
public static class TarballJson
{
    public static void Write(Utf8JsonWriter json, string? path, string? sha256, long? bytes)
    {
        json.WritePropertyName("tarball");
        if (path is null)
        {
            json.WriteNullValue();
            return;
        }
        json.WriteStartObject();
        json.WriteString("path", path);
        json.WriteString("sha256", sha256);
        json.WriteNumber("bytes", bytes ?? 0);
        json.WriteEndObject();
    }
}
