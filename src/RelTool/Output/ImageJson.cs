using System.Text.Json;
using RelTool.Core.Image;

namespace RelTool.Output;

/// <summary>The "image" field of `reltool release --json` (docs/containers.md): null, or the image archive with its digests and layers.</summary>
public static class ImageJson
{
    public static void Write(Utf8JsonWriter json, ImageResult? image)
    {
        json.WritePropertyName("image");
        if (image is null)
        {
            json.WriteNullValue();
            return;
        }
        json.WriteStartObject();
        json.WriteString("path", image.Path);
        json.WriteString("digest", image.Digest);
        json.WriteString("configDigest", image.ConfigDigest);
        json.WriteString("platform", image.Platform);
        json.WriteString("repoTag", image.RepoTag);
        json.WriteNumber("bytes", image.Bytes);
        json.WriteStartArray("layers");
        foreach (var layer in image.Layers)
        {
            json.WriteStartObject();
            json.WriteString("content", layer.Content);
            json.WriteString("digest", layer.Digest);
            json.WriteNumber("size", layer.Size);
            json.WriteString("diffId", layer.DiffId);
            json.WriteEndObject();
        }
        json.WriteEndArray();
        json.WriteEndObject();
    }
}
