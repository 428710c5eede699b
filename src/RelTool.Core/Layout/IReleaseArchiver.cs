using RelTool.Formats.Archive;

namespace RelTool.Core.Layout;

/// <summary>Packs a release tree into a reproducible .tar.gz.</summary>
public interface IReleaseArchiver
{
    /// <param name="options">What to leave out (<see cref="ArchiveOptions.Exclude"/>), the segment cache to reuse
    /// (<see cref="ArchiveOptions.CacheDirectory"/>, <see cref="ArchiveOptions.IndexName"/>: the bytes written are the
    /// same with or without it), and <see cref="ArchiveOptions.Grafts"/>; null for the defaults.</param>
    void Write(string sourceDirectory, string outputFile, ArchiveOptions? options = null);
}
