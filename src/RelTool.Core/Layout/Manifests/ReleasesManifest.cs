using RelTool.Formats.Layout;
using RelTool.Formats.Manifests;

namespace RelTool.Core.Layout.Manifests;

/// <summary>
/// The release's entry in releases/RELEASES (a <see cref="ReleasesFile"/>), with lib dirs relative to the release root:
/// <c>[{release,"kv","0.1.0","10.0.12",[{'Kv',"0.1.0","lib/Kv-0.1.0"},...],permanent}].</c>
/// </summary>
public static class ReleasesManifest
{
    public static ReleaseEntry Entry(string releaseName, string releaseVersion, string runtimeVersion, IEnumerable<PackagedApplication> applications) =>
        new(releaseName, releaseVersion, runtimeVersion, [.. applications.Select(a => new ReleaseApplication(a.Name, a.Version, a.LibDirectory))], ReleaseStatus.Permanent);

    /// <summary>
    /// <paramref name="existing"/> with <paramref name="built"/> made permanent and put first: the previously permanent
    /// release becomes old (as release_handler:make_permanent leaves it), an earlier entry of the same version is replaced.
    /// </summary>
    public static ReleasesFile WithPermanent(ReleasesFile existing, ReleaseEntry built) => new(
    [
        built with { Status = ReleaseStatus.Permanent },
        .. existing.Releases.Where(r => r.Version != built.Version).Select(r => r.Status == ReleaseStatus.Permanent ? r with { Status = ReleaseStatus.Old } : r),
    ]);
}
