using RelTool.Formats.Archive;

namespace RelTool.Core.Layout;

/// <summary>The release tarball through <see cref="ReleaseArchive"/>: reproducible, parallel, SOURCE_DATE_EPOCH honoured.</summary>
public sealed class ReleaseArchiveWriter(ArchiveOptions? options = null) : IReleaseArchiver
{
    public void Write(string sourceDirectory, string outputFile, IReadOnlyList<string>? exclude = null, string? cacheDirectory = null,
        IReadOnlyDictionary<string, string>? grafts = null, string? cacheName = null)
    {
        var effective = options ?? new ArchiveOptions();
        if (exclude is { Count: > 0 }) effective = effective with { Exclude = [.. effective.Exclude, .. exclude] };
        if (cacheDirectory is not null) effective = effective with { CacheDirectory = cacheDirectory, CacheMaxBytes = Math.Min(effective.CacheMaxBytes, ReleaseTarCache.MaxBytes) };
        if (grafts is { Count: > 0 }) effective = effective with { Grafts = grafts };
        if (cacheName is not null) effective = effective with { IndexName = cacheName };
        ReleaseArchive.Write(sourceDirectory, outputFile, effective);
    }
}
