using System.Collections.Immutable;
using RelTool.Core.Build;

namespace RelTool.Core.Layout;

/// <summary>
/// Splits a publish folder into applications, one per library of the deps file. Each published file goes to exactly
/// one application: the library whose deps.json asset it is; else the project or package MSBuild says it came from;
/// else the library owning the assembly with the same file stem (Lib.pdb, Lib.xml); else the entry project.
/// </summary>
public static class ApplicationMapper
{
    /// <param name="publishedFiles">every file of the publish folder, relative, with '/'</param>
    /// <param name="entryAssemblyName">the entry project's AssemblyName (its Kv.dll)</param>
    /// <param name="origins">MSBuild's ResolvedFileToPublish items, when captured; may be empty</param>
    public static ImmutableArray<PackagedApplication> Map(
        DepsFile deps, IReadOnlyCollection<string> publishedFiles, string entryAssemblyName, IReadOnlyList<PublishedFileOrigin> origins)
    {
        var published = new HashSet<string>(publishedFiles, StringComparer.Ordinal);
        var owner = new Dictionary<string, string>(StringComparer.Ordinal);
        var files = deps.Libraries.ToDictionary(l => l.Name, _ => ImmutableArray.CreateBuilder<ApplicationFile>(), StringComparer.Ordinal);

        void Claim(string library, ApplicationFile file)
        {
            if (owner.TryAdd(file.RelativePath, library)) files[library].Add(file);
        }

        foreach (var library in deps.Libraries)
            foreach (var asset in library.Assets)
                if (PublishedPathOf(asset, published) is { } path)
                    Claim(library.Name, FileOf(asset, path));

        var entry = EntryLibrary(deps, owner, entryAssemblyName);
        var byOrigin = OriginIndex(deps, origins);
        var byStem = owner.Where(o => IsAssemblyPath(o.Key))
            .GroupBy(o => StemPath(o.Key), StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.First().Value, StringComparer.Ordinal);
        foreach (var path in published.Order(StringComparer.Ordinal))
        {
            if (owner.ContainsKey(path)) continue;
            var library = byOrigin.GetValueOrDefault(path) ?? byStem.GetValueOrDefault(StemPath(path)) ?? entry.Name;
            Claim(library, new ApplicationFile(path, FileRole.Other));
        }

        var names = deps.Libraries.Select(l => l.Name).ToHashSet(StringComparer.Ordinal);
        var applications = deps.Libraries.Select(l => new PackagedApplication(
            l.Name, l.Version, l.Type == "project" ? ApplicationKind.Project : ApplicationKind.Package, l.Name == entry.Name,
            l.Dependencies.Where(names.Contains).Distinct().Order(StringComparer.Ordinal).ToImmutableArray(),
            files[l.Name].OrderBy(f => f.RelativePath, StringComparer.Ordinal).ToImmutableArray())).ToImmutableArray();
        CheckEveryFileOnce(applications, published);
        return applications;
    }

    /// <summary>Where the publish put a deps.json asset: at its full path (runtimeTargets), culture/file (resources) or at the root.</summary>
    private static string? PublishedPathOf(DepsAsset asset, HashSet<string> published)
    {
        var fileName = Path.GetFileName(asset.Path);
        string[] candidates = asset.Kind == DepsAssetKind.Resource && asset.Culture is { } culture
            ? [asset.Path, $"{culture}/{fileName}"]
            : [asset.Path, fileName];
        return candidates.FirstOrDefault(published.Contains);
    }

    private static ApplicationFile FileOf(DepsAsset asset, string path) => asset.Kind switch
    {
        DepsAssetKind.Runtime when IsAssemblyPath(path) => new ApplicationFile(path, FileRole.Assembly, Path.GetFileNameWithoutExtension(path)),
        DepsAssetKind.Resource => new ApplicationFile(path, FileRole.Resource, Path.GetFileNameWithoutExtension(path), asset.Culture ?? ""),
        DepsAssetKind.Native => new ApplicationFile(path, FileRole.Native),
        _ => new ApplicationFile(path, FileRole.Other),
    };

    private static DepsLibrary EntryLibrary(DepsFile deps, Dictionary<string, string> owner, string entryAssemblyName)
    {
        var name = owner.GetValueOrDefault(entryAssemblyName + ".dll");
        return deps.Libraries.FirstOrDefault(l => l.Name == name)
            ?? deps.Libraries.FirstOrDefault(l => l.Type == "project")
            ?? throw new FormatException($"the deps file lists no project, and no library owns {entryAssemblyName}.dll");
    }

    /// <summary>Published path → library, from MSBuild's NuGetPackageId / MSBuildSourceProjectFile metadata.</summary>
    private static Dictionary<string, string> OriginIndex(DepsFile deps, IReadOnlyList<PublishedFileOrigin> origins)
    {
        var packages = deps.Libraries.Where(l => l.Type != "project").ToDictionary(l => l.Name, l => l.Name, StringComparer.OrdinalIgnoreCase);
        var projects = deps.Libraries.Where(l => l.Type == "project").GroupBy(l => l.Name, StringComparer.OrdinalIgnoreCase)
            .ToDictionary(g => g.Key, g => g.First().Name, StringComparer.OrdinalIgnoreCase);
        var index = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var origin in origins)
        {
            var library = origin.PackageId is { } id ? packages.GetValueOrDefault(id)
                : origin.SourceProject is { } project ? projects.GetValueOrDefault(Path.GetFileNameWithoutExtension(project))
                : null;
            if (library is not null) index.TryAdd(origin.RelativePath, library);
        }
        return index;
    }

    private static bool IsAssemblyPath(string path) =>
        path.EndsWith(".dll", StringComparison.OrdinalIgnoreCase) || path.EndsWith(".exe", StringComparison.OrdinalIgnoreCase);

    private static string StemPath(string path)
    {
        var directory = Path.GetDirectoryName(path)?.Replace('\\', '/');
        var stem = Path.GetFileNameWithoutExtension(path);
        return string.IsNullOrEmpty(directory) ? stem : $"{directory}/{stem}";
    }

    private static void CheckEveryFileOnce(ImmutableArray<PackagedApplication> applications, HashSet<string> published)
    {
        var placed = applications.SelectMany(a => a.Files).Select(f => f.RelativePath).ToList();
        var duplicates = placed.GroupBy(p => p, StringComparer.Ordinal).Where(g => g.Count() > 1).Select(g => g.Key).ToList();
        var missing = published.Except(placed, StringComparer.Ordinal).ToList();
        var extra = placed.Except(published, StringComparer.Ordinal).ToList();
        if (duplicates.Count + missing.Count + extra.Count > 0)
            throw new InvalidOperationException(
                $"application mapping broke the one-place rule: duplicates [{string.Join(", ", duplicates)}], unplaced [{string.Join(", ", missing)}], not published [{string.Join(", ", extra)}]");
    }
}
