using System.Formats.Tar;
using System.IO.Compression;

namespace RelTool.IntegrationTests.Upgrade;

/// <summary>The entry names of a .tar.gz as the BCL's own TarReader sees them (independent of reltool's reader).</summary>
public static class TarballEntries
{
    public static List<string> Of(string tarball)
    {
        using var file = File.OpenRead(tarball);
        using var gzip = new GZipStream(file, CompressionMode.Decompress);
        using var reader = new TarReader(gzip);
        var names = new List<string>();
        while (reader.GetNextEntry() is { } entry) names.Add(entry.Name);
        return names;
    }
}
