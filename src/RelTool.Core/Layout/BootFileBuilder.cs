using System.Collections.Immutable;
using RelTool.Formats.Manifests;

namespace RelTool.Core.Layout;

/// <summary>Builds start.boot for the app's applications (given in load order); the launcher itself is not in it.</summary>
public static class BootFileBuilder
{
    public static BootFile Build(
        string releaseName, string releaseVersion, RuntimeSelection runtime, IReadOnlyList<PackagedApplication> loadOrder, string entryAssemblyName,
        string? runtimeIdentifier = null)
    {
        var entry = loadOrder.Single(a => a.IsEntry);
        var entryAssembly = entry.Files.FirstOrDefault(f => f.Role == FileRole.Assembly && f.AssemblyName == entryAssemblyName)
            ?? throw new InvalidOperationException($"the entry application {entry.Name} has no assembly {entryAssemblyName}");
        var assemblies = loadOrder.SelectMany(a => a.Files
                .Where(f => f.Role is FileRole.Assembly or FileRole.Resource)
                .Select(f => new BootAssembly(f.AssemblyName!, f.Role == FileRole.Resource ? f.Culture ?? "" : "", $"{a.LibDirectory}/{f.RelativePath}")))
            .ToImmutableArray();
        var nativeDirs = loadOrder.SelectMany(a => a.Files
                .Where(f => f.Role == FileRole.Native)
                .Select(f => DirectoryOf($"{a.LibDirectory}/{f.RelativePath}")))
            .Distinct(StringComparer.Ordinal)
            .ToImmutableArray();
        return new BootFile(
            releaseName, releaseVersion, runtime.RuntimeVersion,
            runtime.Frameworks.Select(f => new BootFramework(f.Name, f.Version)).ToImmutableArray(),
            entry.Name, $"{entry.LibDirectory}/{entryAssembly.RelativePath}",
            loadOrder.Select(a => new BootApplication(a.Name, a.Version, a.LibDirectory)).ToImmutableArray(),
            assemblies, nativeDirs)
        {
            RuntimeIdentifier = runtimeIdentifier,
        };
    }

    private static string DirectoryOf(string path) => path[..path.LastIndexOf('/')];
}
