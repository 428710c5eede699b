using System.Collections.Immutable;
using RelTool.Core.Diff;

namespace RelTool.Core.Upgrade.Build;

/// <summary>What `reltool release --upgrade` wrote besides the release. Paths are absolute.</summary>
/// <param name="TarballPath">releases/&lt;Vsn&gt;/&lt;name&gt;-from-&lt;From&gt;.tar.gz; null with --no-tar.</param>
/// <param name="SharedLibDirs">Lib dir names the new release shares with the base release.</param>
public sealed record UpgradeResult(
    string FromVersion,
    ImmutableArray<WrittenAppup> Appups,
    string RelupPath,
    string? TarballPath,
    long? TarballBytes,
    string? TarballSha256,
    IReadOnlyList<string> SharedLibDirs,
    ImmutableArray<string> Warnings,
    ReleaseDiff Diff);
