using RelTool.Boot.Layout;
using RelTool.Formats.Manifests;

namespace RelTool.Boot.ReleaseHandler.ClientSide;

/// <summary>releases/RELEASES as release_handler keeps it: unpacked releases go first; make_permanent marks the old permanent one old.</summary>
public sealed class ReleasesRegistry(ReleaseRoot root)
{
    public ReleasesFile Read()
    {
        try { return ReleasesFile.Read(root.ReleasesFilePath); }
        catch (Exception e) when (e is FormatException or Formats.FileProblemException) { throw new LauncherException(ExitCodes.Failure, e.Message); }
    }

    public ReleaseEntry? Find(string version) => Read().Releases.FirstOrDefault(r => r.Version == version);

    public ReleaseEntry Require(string version) =>
        Find(version) ?? throw new LauncherException(ExitCodes.Failure, $"release {version} is not installed (not in {root.ReleasesFilePath}); unpack it first");

    public void AddUnpacked(RelFile rel)
    {
        var current = Read();
        if (current.Releases.Any(r => r.Version == rel.Version))
            throw new LauncherException(ExitCodes.Failure, $"release {rel.Version} is already in {root.ReleasesFilePath}");
        var absolute = current.Releases.SelectMany(r => r.Applications).Any(a => a.LibDir.StartsWith('/'));
        var apps = rel.Applications.Select(a => new ReleaseApplication(a.Name, a.Version,
            absolute ? root.LibDirOf(a.Name, a.Version) : ReleaseLayout.LibDirPath(a.Name, a.Version)));
        var entry = new ReleaseEntry(rel.Name, rel.Version, rel.ErtsVersion, [.. apps], ReleaseStatus.Unpacked);
        new ReleasesFile([entry, .. current.Releases]).Write(root.ReleasesFilePath);
    }

    /// <summary>RELEASES and start_erl.data change together, through <see cref="PendingReleaseState"/>: a kill between
    /// the two renames is completed by the next command.</summary>
    public void MakePermanent(ReleaseEntry entry) =>
        new PendingReleaseState(new ReleasesFile([.. Read().Releases.Select(r =>
                r.Version == entry.Version ? r with { Status = ReleaseStatus.Permanent }
                : r.Status == ReleaseStatus.Permanent ? r with { Status = ReleaseStatus.Old }
                : r)]),
            new StartErlData(entry.ErtsVersion, entry.Version))
            .Apply(root.ReleasesDir);

    public void Remove(string version) => Write(Read().Releases.Where(r => r.Version != version));

    private void Write(IEnumerable<ReleaseEntry> entries) => new ReleasesFile([.. entries]).Write(root.ReleasesFilePath);
}
