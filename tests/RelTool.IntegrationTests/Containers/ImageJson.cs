using System.Text.Json;

namespace RelTool.IntegrationTests.Containers;

/// <summary>The "image" object of `reltool release --json`.</summary>
public sealed record ReleasedImage(string Path, string Digest, string ConfigDigest, string RepoTag, IReadOnlyList<(string Content, string Digest)> Layers)
{
    public static ReleasedImage From(JsonElement release)
    {
        var image = release.GetProperty("image");
        Assert.Equal(JsonValueKind.Object, image.ValueKind);
        return new ReleasedImage(
            image.GetProperty("path").GetString()!, image.GetProperty("digest").GetString()!, image.GetProperty("configDigest").GetString()!,
            image.GetProperty("repoTag").GetString()!,
            [.. image.GetProperty("layers").EnumerateArray().Select(l => (l.GetProperty("content").GetString()!, l.GetProperty("digest").GetString()!))]);
    }
}
