using System.Collections.Immutable;
using RelTool.Core.Diff;

namespace RelTool.Core.Upgrade.Build;

/// <summary>
/// The upgrade files written into a staged release: one appup per changed application in the new lib dirs (an entry per
/// base) and releases/&lt;Vsn&gt;/relup (up from and down to every base). Paths are relative to the release root.
/// </summary>
/// <param name="Bases">One per base release, in the order given (--upfrom), or the one default base.</param>
public sealed record PreparedUpgrade(ImmutableArray<PreparedBase> Bases, string RelupPath);

/// <summary>What the upgrade build wrote for one base release.</summary>
/// <param name="Appups">The appup of each application whose version differs from this base's (a file may hold other bases' entries too).</param>
/// <param name="SharedLibDirs">Lib dir names the new release takes unchanged from the output that this base release has.</param>
/// <param name="TarballExclude">What this base's upgrade tarball leaves out of the staged tree (<see cref="UpgradeTarballContents"/>).</param>
/// <param name="Warnings">Plain words: relup warnings, servers whose state changed shape, --allow-same-version.</param>
public sealed record PreparedBase(
    UpgradeBase From,
    ReleaseDiff Diff,
    ImmutableArray<WrittenAppup> Appups,
    IReadOnlyList<string> SharedLibDirs,
    string TarballName,
    IReadOnlyList<string> TarballExclude,
    ImmutableArray<string> Warnings);

/// <param name="HandWritten">The hand-written file it was copied from; null when generated.</param>
public sealed record WrittenAppup(string Application, string FromVersion, string ToVersion, string Path, string? HandWritten);
