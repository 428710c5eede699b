using RelTool.Formats.Archive;

namespace RelTool.Core.Layout;

/// <summary>The release tarball through <see cref="ReleaseArchive"/>: reproducible, parallel, SOURCE_DATE_EPOCH honoured.</summary>
public sealed class ReleaseArchiveWriter(ArchiveOptions? options = null) : IReleaseArchiver
{
    public void Write(string sourceDirectory, string outputFile, IReadOnlyList<string>? exclude = null)
    {
        var baseOptions = options ?? new ArchiveOptions();
        var effective = exclude is null or { Count: 0 } ? baseOptions : baseOptions with { Exclude = [.. baseOptions.Exclude, .. exclude] };
        ReleaseArchive.Write(sourceDirectory, outputFile, effective);
    }
}
