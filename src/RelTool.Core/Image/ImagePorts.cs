using System.Collections.Immutable;
using System.Globalization;
using System.Text.Json;
using RelTool.Core.Release;
using RelTool.Formats.Layout;

namespace RelTool.Core.Image;

/// <summary>The TCP ports a release's URLs name, for the image's ExposedPorts: health_url, and the entry application's
/// appsettings.json `Urls` and `Kestrel:Endpoints:*:Url`. A port only the operator's configuration sets is not known here.</summary>
public static class ImagePorts
{
    public static ImmutableSortedSet<int> Of(StagedRelease staged, string? healthUrl)
    {
        var urls = new List<string>();
        if (healthUrl is not null) urls.Add(healthUrl);
        if (staged.Applications.FirstOrDefault(a => a.IsEntry) is { } entry)
        {
            var settings = Path.Combine(new ReleaseRoot(staged.Root).LibDirOf(entry.DirectoryName), "appsettings.json");
            if (File.Exists(settings)) urls.AddRange(UrlsIn(settings));
        }
        return [.. urls.SelectMany(u => u.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)).Select(PortOf).OfType<int>()];
    }

    /// <summary>"scheme://host:port/…" with any host (also `*`, `+`, `[::]`); http and https without a port mean 80 and 443.</summary>
    public static int? PortOf(string url)
    {
        var schemeEnd = url.IndexOf("://", StringComparison.Ordinal);
        if (schemeEnd <= 0) return null;
        var scheme = url[..schemeEnd].ToLowerInvariant();
        var authority = url[(schemeEnd + 3)..];
        var slash = authority.IndexOf('/');
        if (slash >= 0) authority = authority[..slash];
        var colon = authority.LastIndexOf(':');
        if (colon >= 0 && colon > authority.LastIndexOf(']')
            && int.TryParse(authority[(colon + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out var port))
            return port is > 0 and < 65536 ? port : null;
        return scheme switch { "http" => 80, "https" => 443, _ => null };
    }

    private static IEnumerable<string> UrlsIn(string appsettings)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(File.ReadAllBytes(appsettings), new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
        }
        catch (JsonException)
        {
            yield break; // the app reports its own configuration errors; the image just exposes nothing from it
        }
        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object) yield break;
            foreach (var property in root.EnumerateObject())
            {
                if (property.NameEquals("Urls") && property.Value.ValueKind == JsonValueKind.String) yield return property.Value.GetString()!;
                if (!property.NameEquals("Kestrel") || property.Value.ValueKind != JsonValueKind.Object) continue;
                foreach (var section in property.Value.EnumerateObject())
                {
                    if (!section.NameEquals("Endpoints") || section.Value.ValueKind != JsonValueKind.Object) continue;
                    foreach (var endpoint in section.Value.EnumerateObject())
                        if (endpoint.Value.ValueKind == JsonValueKind.Object && endpoint.Value.TryGetProperty("Url", out var url) && url.ValueKind == JsonValueKind.String)
                            yield return url.GetString()!;
                }
            }
        }
    }
}
