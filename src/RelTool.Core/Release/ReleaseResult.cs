using System.Collections.Immutable;
using RelTool.Core.Build;
using RelTool.Core.Upgrade.Build;

namespace RelTool.Core.Release;

/// <summary>A release written to <see cref="OutputDirectory"/>. Paths in <see cref="Applications"/> are relative to it.</summary>
public sealed record ReleaseResult(
    string Name,
    string Version,
    string RuntimeVersion,
    string Environment,
    string Configuration,
    string RuntimeIdentifier,
    bool IncludeRuntime,
    string ProjectPath,
    string OutputDirectory,
    string? TarballPath,
    string? TarballSha256,
    long? TarballBytes,
    bool ReplacedExisting,
    ImmutableArray<ApplicationSummary> Applications,
    ImmutableArray<BuildDiagnostic> Warnings)
{
    /// <summary>Set by `--upgrade`: the appups, relup and upgrade tarball written with the release, for each base release in the order given.</summary>
    public ImmutableArray<UpgradeResult> Upgrades { get; init; } = [];

    /// <summary>The first (with one base: the only) of <see cref="Upgrades"/>; null without `--upgrade`.</summary>
    public UpgradeResult? Upgrade => Upgrades.IsDefaultOrEmpty ? null : Upgrades[0];

    /// <summary>The SBOM, SHA256SUMS, the signatures written (none without a signing key) and the trusted keys the release carries.</summary>
    public ReleaseTrust? Trust { get; init; }
    /// <summary>What the user must know about this release that is not a build warning (e.g. what a win-* release lacks).</summary>
    public ImmutableArray<string> Notices { get; init; } = [];
}

/// <summary>Full paths of the trust files of a release (docs/reltool-release.md, "SBOM, checksums and signatures").</summary>
public sealed record ReleaseTrust(string Sbom, string Checksums, ImmutableArray<string> Signatures, ImmutableArray<string> TrustedKeys);

/// <summary>One application of the release; <see cref="Shared"/> when an identical lib dir was already in the output.</summary>
public sealed record ApplicationSummary(string Name, string Version, string Kind, string Directory, int Files, long Bytes, bool Shared);
