using System.Collections.Immutable;
using RelTool.Core.Layout;
using RelTool.Formats.Layout;

namespace RelTool.Core.Release;

/// <summary>
/// A complete release for one version, written in a staging folder: a tree that would boot on its own (its
/// RELEASES lists only this release), but for runtime folders the output already has (<see cref="Grafts"/>). <see cref="Applications"/> are in .rel order: the launcher, then load order.
/// </summary>
public sealed record StagedRelease(
    string Root,
    string Name,
    string Version,
    RuntimeSelection Runtime,
    bool IncludeRuntime,
    ImmutableArray<PackagedApplication> Applications)
{
    /// <summary>Runtime folders the output already holds and keeps: empty here, packed from the output (archive path → folder).</summary>
    public ImmutableDictionary<string, string> Grafts { get; init; } = ImmutableDictionary<string, string>.Empty;

    public string ReleaseDirectory => new ReleaseRoot(Root).ReleaseDir(Version);
    public string TarballName => $"{Name}.tar.gz";
    public string TarballRelativePath => ReleaseLayout.ReleaseFilePath(Version, TarballName);
}
