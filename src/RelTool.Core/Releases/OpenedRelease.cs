namespace RelTool.Core.Releases;

/// <summary>A release read from a directory or a tarball; disposing removes what a tarball was unpacked into.</summary>
public sealed class OpenedRelease : IDisposable
{
    private readonly ReleaseTarball? tarball;

    private OpenedRelease(ReleaseSnapshot snapshot, ReleaseTarball? tarball)
    {
        Snapshot = snapshot;
        this.tarball = tarball;
    }

    public ReleaseSnapshot Snapshot { get; }

    /// <summary>A release directory (its current version) or a .tar.gz of one.</summary>
    public static OpenedRelease Open(string path)
    {
        if (!ReleaseTarball.IsTarball(path)) return new OpenedRelease(ReleaseReader.ReadCurrent(path), null);
        var tarball = ReleaseTarball.Extract(path);
        try
        {
            return new OpenedRelease(ReleaseReader.ReadCurrent(tarball.Directory), tarball);
        }
        catch
        {
            tarball.Dispose();
            throw;
        }
    }

    /// <summary>One version inside an install root.</summary>
    public static OpenedRelease Open(string root, string version) => new(ReleaseReader.Read(root, version), null);

    public void Dispose() => tarball?.Dispose();
}
