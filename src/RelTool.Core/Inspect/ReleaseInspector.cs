using RelTool.Core.Releases;
using RelTool.Formats.Layout;

namespace RelTool.Core.Inspect;

/// <summary>
/// From the files read of a release (directory or tarball) to what `reltool inspect` reports: the release, its applications,
/// runtime, RELEASES and relup, and every problem found. Reads nothing from disk: <see cref="ReleaseFilesReader"/> does that.
/// </summary>
public static class ReleaseInspector
{
    /// <param name="input">The path as the user gave it (named in messages).</param>
    /// <param name="tarball">Facts about the tarball the files come from; null for a directory.</param>
    /// <param name="version">--version, or null for the version start_erl.data names.</param>
    /// <exception cref="ReleaseReadException">not a release at all, or no release <paramref name="version"/></exception>
    public static Inspection Inspect(string input, ReleaseFiles files, TarballFacts? tarball, string? version)
    {
        var kind = tarball is null ? InputKind.Directory
            : files.Complete && !files.HasFile(ReleaseLayout.StartErlDataPath) && !files.HasFile(ReleaseLayout.ReleasesFilePath) ? InputKind.UpgradeTarball
            : InputKind.Tarball;
        if (files.Complete && !files.HasDirectory(ReleaseLayout.ReleasesDir))
            throw new ReleaseReadException(kind == InputKind.Directory
                ? $"{input}: not a release directory (no releases/); give the root of a release, e.g. _build/rel/<name>"
                : $"{input}: not a release tarball (no releases/); give a tarball made by `reltool release`");
        var context = new InspectContext(files, kind);
        if (tarball is { Verified: false, Error: var error }) context.Problem(input, error ?? "failed verification");
        var startErl = InstallationChecks.ReadStartErl(context);
        var installed = InstallationChecks.ReadInstalled(context);
        InstallationChecks.CheckAgreement(context, startErl, installed);
        var runtime = RuntimeFacts.Of(files);
        var chosen = VersionChoice.Choose(input, files, version, startErl, installed);
        var release = chosen is { } c ? ReleaseChecks.Inspect(context, c.Version, c.Source, runtime) : null;
        return new Inspection(input, kind, tarball, runtime, startErl, installed, release, [.. context.Problems]);
    }
}
