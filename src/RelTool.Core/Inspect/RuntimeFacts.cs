using System.Collections.Immutable;

namespace RelTool.Core.Inspect;

/// <summary>runtime/: bundled when the directory exists; the versions found under runtime/shared/&lt;Framework&gt;/ and runtime/host/fxr/.</summary>
public sealed record RuntimeFacts(bool Bundled, ImmutableArray<FrameworkFacts> Frameworks, ImmutableArray<string> HostFxrVersions)
{
    public const string NetCoreApp = "Microsoft.NETCore.App";

    public static RuntimeFacts Of(ReleaseFiles files) => new(
        files.HasDirectory("runtime"),
        files.Subdirectories("runtime/shared").Select(f => new FrameworkFacts(f, Versions(files, $"runtime/shared/{f}"))).ToImmutableArray(),
        Versions(files, "runtime/host/fxr"));

    public bool HasFramework(string name, string version) => Frameworks.Any(f => f.Name == name && f.Versions.Contains(version));

    private static ImmutableArray<string> Versions(ReleaseFiles files, string directory) =>
        files.Subdirectories(directory).Order(Diff.Release.VersionOrder.Instance).ToImmutableArray();
}

public sealed record FrameworkFacts(string Name, ImmutableArray<string> Versions);
