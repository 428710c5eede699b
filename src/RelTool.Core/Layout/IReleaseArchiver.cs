namespace RelTool.Core.Layout;

/// <summary>Packs a release tree into a reproducible .tar.gz.</summary>
public interface IReleaseArchiver
{
    /// <param name="exclude">Globs of paths (relative, '/'-separated; a leading '/' anchors at the root) left out.</param>
    /// <param name="cacheDirectory">Compressed segments of earlier writes to reuse (outside the tree); null for none.
    /// The bytes written are the same with or without it.</param>
    /// <param name="grafts">Empty directories of the tree packed with the contents of another directory (see
    /// <see cref="RelTool.Formats.Archive.ArchiveOptions.Grafts"/>).</param>
    /// <param name="cacheName">A stable name for this tarball in the cache, for a tree that lives in a new folder each time.</param>
    void Write(string sourceDirectory, string outputFile, IReadOnlyList<string>? exclude = null, string? cacheDirectory = null,
        IReadOnlyDictionary<string, string>? grafts = null, string? cacheName = null);
}
