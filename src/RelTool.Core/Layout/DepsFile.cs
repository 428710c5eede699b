using System.Collections.Immutable;
using System.Text.Json;

namespace RelTool.Core.Layout;

/// <summary>
/// The parts of a published &lt;Entry&gt;.deps.json a release needs: for the runtime target, each library
/// (project or package) with its version, its dependencies and its runtime, native and resource assets.
/// </summary>
public sealed record DepsFile(string RuntimeTarget, ImmutableArray<DepsLibrary> Libraries)
{
    public static DepsFile Read(string path)
    {
        using var stream = File.OpenRead(path);
        return Parse(stream, path);
    }

    public static DepsFile Parse(Stream json, string file)
    {
        using var document = JsonDocument.Parse(json, new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
        var root = document.RootElement;
        var targetName = root.TryGetProperty("runtimeTarget", out var rt) && rt.TryGetProperty("name", out var n) ? n.GetString() : null;
        if (!root.TryGetProperty("targets", out var targets)) throw new FormatException($"{file}: no \"targets\"");
        var target = targetName is not null && targets.TryGetProperty(targetName, out var t) ? t
            : targets.EnumerateObject().Select(p => p.Value).FirstOrDefault();
        if (target.ValueKind != JsonValueKind.Object) throw new FormatException($"{file}: no target {targetName}");
        var types = root.TryGetProperty("libraries", out var libs)
            ? libs.EnumerateObject().ToDictionary(p => p.Name, p => p.Value.TryGetProperty("type", out var ty) ? ty.GetString() ?? "" : "")
            : [];

        var libraries = ImmutableArray.CreateBuilder<DepsLibrary>();
        foreach (var library in target.EnumerateObject())
        {
            var (name, version) = SplitKey(library.Name, file);
            libraries.Add(new DepsLibrary(
                name, version, types.GetValueOrDefault(library.Name, ""),
                library.Value.TryGetProperty("dependencies", out var deps) ? deps.EnumerateObject().Select(d => d.Name).ToImmutableArray() : [],
                AssetsOf(library.Value)));
        }
        return new DepsFile(targetName ?? "", libraries.ToImmutable());
    }

    private static ImmutableArray<DepsAsset> AssetsOf(JsonElement library)
    {
        var assets = ImmutableArray.CreateBuilder<DepsAsset>();
        if (library.TryGetProperty("runtime", out var runtime))
            foreach (var a in runtime.EnumerateObject()) assets.Add(new DepsAsset(DepsAssetKind.Runtime, a.Name, null, null));
        if (library.TryGetProperty("native", out var native))
            foreach (var a in native.EnumerateObject()) assets.Add(new DepsAsset(DepsAssetKind.Native, a.Name, null, null));
        if (library.TryGetProperty("resources", out var resources))
            foreach (var a in resources.EnumerateObject())
                assets.Add(new DepsAsset(DepsAssetKind.Resource, a.Name, a.Value.TryGetProperty("locale", out var l) ? l.GetString() : null, null));
        if (library.TryGetProperty("runtimeTargets", out var runtimeTargets))
            foreach (var a in runtimeTargets.EnumerateObject())
            {
                var kind = a.Value.TryGetProperty("assetType", out var at) && at.GetString() == "native" ? DepsAssetKind.Native : DepsAssetKind.Runtime;
                assets.Add(new DepsAsset(kind, a.Name, null, a.Value.TryGetProperty("rid", out var rid) ? rid.GetString() : null));
            }
        return assets.ToImmutable();
    }

    private static (string Name, string Version) SplitKey(string key, string file)
    {
        var slash = key.LastIndexOf('/');
        return slash > 0 ? (key[..slash], key[(slash + 1)..]) : throw new FormatException($"{file}: library key '{key}' is not Name/Version");
    }
}

/// <summary>A library of the deps file: <see cref="Type"/> is "project", "package" or another kind deps.json names.</summary>
public sealed record DepsLibrary(string Name, string Version, string Type, ImmutableArray<string> Dependencies, ImmutableArray<DepsAsset> Assets);

public enum DepsAssetKind { Runtime, Native, Resource }

/// <summary>An asset as deps.json names it (its path inside the package or project output); <see cref="Rid"/> for runtimeTargets.</summary>
public sealed record DepsAsset(DepsAssetKind Kind, string Path, string? Culture, string? Rid);
