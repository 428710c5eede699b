using System.Collections.Immutable;
using RelTool.Formats.Layout;

namespace RelTool.Core.Inspect;

/// <summary>runtime/: bundled when the directory exists; the versions found under runtime/shared/&lt;Framework&gt;/ and runtime/host/fxr/.</summary>
public sealed record RuntimeFacts(bool Bundled, ImmutableArray<FrameworkFacts> Frameworks, ImmutableArray<string> HostFxrVersions)
{
    public const string NetCoreApp = "Microsoft.NETCore.App";

    public static RuntimeFacts Of(ReleaseFiles files) => new(
        files.HasDirectory(ReleaseLayout.RuntimeDir),
        files.Subdirectories(SharedDir).Select(f => new FrameworkFacts(f, Versions(files, $"{SharedDir}/{f}"))).ToImmutableArray(),
        Versions(files, $"{ReleaseLayout.RuntimeDir}/host/fxr"));

    private const string SharedDir = ReleaseLayout.RuntimeDir + "/shared";

    public bool HasFramework(string name, string version) => Frameworks.Any(f => f.Name == name && f.Versions.Contains(version));

    private static ImmutableArray<string> Versions(ReleaseFiles files, string directory) =>
        files.Subdirectories(directory).Order(Releases.VersionOrder.Instance).ToImmutableArray();
}

public sealed record FrameworkFacts(string Name, ImmutableArray<string> Versions);
