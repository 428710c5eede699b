using RelTool.Formats.Archive;

namespace RelTool.Core.Layout;

/// <summary>The release tarball through <see cref="ReleaseArchive"/>: reproducible, parallel, SOURCE_DATE_EPOCH honoured.</summary>
public sealed class ReleaseArchiveWriter : IReleaseArchiver
{
    public void Write(string sourceDirectory, string outputFile, ArchiveOptions? options = null)
    {
        var effective = options ?? new ArchiveOptions();
        // The release's cache lives in the output folder: it is kept smaller than a general-purpose one.
        if (effective.CacheDirectory is not null) effective = effective with { CacheMaxBytes = Math.Min(effective.CacheMaxBytes, ReleaseTarCache.MaxBytes) };
        ReleaseArchive.Write(sourceDirectory, outputFile, effective);
    }
}
