using RelTool.Formats.Archive;

namespace RelTool.Core.Layout;

/// <summary>The release tarball through <see cref="ReleaseArchive"/>: reproducible, parallel, SOURCE_DATE_EPOCH honoured.</summary>
public sealed class ReleaseArchiveWriter(ArchiveOptions? options = null) : IReleaseArchiver
{
    public void Write(string sourceDirectory, string outputFile) => ReleaseArchive.Write(sourceDirectory, outputFile, options);
}
