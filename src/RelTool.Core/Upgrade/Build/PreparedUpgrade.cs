using System.Collections.Immutable;
using RelTool.Core.Diff;

namespace RelTool.Core.Upgrade.Build;

/// <summary>
/// The upgrade files written into a staged release: appups in the new lib dirs and releases/&lt;Vsn&gt;/relup.
/// Paths are relative to the release root.
/// </summary>
/// <param name="SharedLibDirs">Lib dir names the new release takes unchanged from the base release.</param>
/// <param name="TarballExclude">What the upgrade tarball leaves out of the staged tree (<see cref="UpgradeTarballContents"/>).</param>
/// <param name="Warnings">Plain words: relup warnings, servers whose state changed shape, --allow-same-version.</param>
public sealed record PreparedUpgrade(
    UpgradeBase From,
    ReleaseDiff Diff,
    ImmutableArray<WrittenAppup> Appups,
    string RelupPath,
    IReadOnlyList<string> SharedLibDirs,
    string TarballName,
    IReadOnlyList<string> TarballExclude,
    ImmutableArray<string> Warnings);

/// <param name="HandWritten">The hand-written file it was copied from; null when generated.</param>
public sealed record WrittenAppup(string Application, string FromVersion, string ToVersion, string Path, string? HandWritten);
