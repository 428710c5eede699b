using System.Text;
using System.Text.Json;

namespace RelTool.Core.Diff;

/// <summary>
/// The part of a .deps.json that a version bump does not touch: library names (without "/version"),
/// their kinds and asset paths. Versions, assemblyVersion/fileVersion, sha512 and package paths
/// are dropped: a changed dependency shows up as its changed assembly.
/// </summary>
internal static class DepsJsonNormalizer
{
    public static bool IsDepsJson(string relative) => relative.EndsWith(".deps.json", StringComparison.OrdinalIgnoreCase);

    /// <summary>A canonical text; null when the file is not valid JSON (it is then compared by bytes).</summary>
    public static string? Normalize(byte[] json)
    {
        try
        {
            using var document = JsonDocument.Parse(json);
            var text = new StringBuilder();
            var root = document.RootElement;
            if (root.TryGetProperty("runtimeTarget", out var target)) text.Append("runtimeTarget ").Append(target.GetRawText()).Append('\n');
            if (root.TryGetProperty("targets", out var targets) && targets.ValueKind == JsonValueKind.Object)
                foreach (var framework in targets.EnumerateObject())
                    foreach (var library in Sorted(framework.Value))
                        WriteLibrary(text, framework.Name, library);
            if (root.TryGetProperty("libraries", out var libraries) && libraries.ValueKind == JsonValueKind.Object)
                foreach (var library in Sorted(libraries))
                    text.Append("library ").Append(NameOf(library.Name)).Append(' ')
                        .Append(library.Value.TryGetProperty("type", out var type) ? type.ToString() : "").Append('\n');
            return text.ToString();
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static void WriteLibrary(StringBuilder text, string framework, JsonProperty library)
    {
        text.Append(framework).Append(' ').Append(NameOf(library.Name)).Append('\n');
        if (library.Value.ValueKind != JsonValueKind.Object) return;
        foreach (var section in library.Value.EnumerateObject().OrderBy(p => p.Name, StringComparer.Ordinal))
        {
            if (section.Value.ValueKind != JsonValueKind.Object) continue;
            foreach (var entry in Sorted(section.Value))
            {
                text.Append("  ").Append(section.Name).Append(' ').Append(entry.Name);
                if (section.Name != "dependencies" && entry.Value.ValueKind == JsonValueKind.Object)
                    foreach (var property in entry.Value.EnumerateObject().OrderBy(p => p.Name, StringComparer.Ordinal))
                        if (property.Name is not ("assemblyVersion" or "fileVersion"))
                            text.Append(' ').Append(property.Name).Append('=').Append(property.Value.ToString());
                text.Append('\n');
            }
        }
    }

    private static IEnumerable<JsonProperty> Sorted(JsonElement element) =>
        element.ValueKind == JsonValueKind.Object ? element.EnumerateObject().OrderBy(p => NameOf(p.Name), StringComparer.Ordinal) : [];

    private static string NameOf(string libraryKey)
    {
        var slash = libraryKey.IndexOf('/');
        return slash < 0 ? libraryKey : libraryKey[..slash];
    }
}
