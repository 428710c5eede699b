using RelTool.Core.Diff.Release;

namespace RelTool.Core.Inspect;

/// <summary>`reltool inspect PATH [--version V]`: reads a release directory or a release tarball and inspects it.</summary>
public static class ReleaseInspection
{
    /// <exception cref="ReleaseReadException">the input cannot be read at all: missing, unreadable, not a release, no release <paramref name="version"/></exception>
    public static Inspection Run(string path, string? version)
    {
        if (Directory.Exists(path)) return ReleaseInspector.Inspect(path, ReleaseFilesReader.FromDirectory(path), null, version);
        if (!File.Exists(path))
            throw new ReleaseReadException($"{path}: no such file or directory; give a release directory (e.g. _build/rel/<name>) or a .tar.gz made by `reltool release`");
        var (files, tarball) = ReleaseFilesReader.FromTarball(path);
        return ReleaseInspector.Inspect(path, files, tarball, version);
    }
}
