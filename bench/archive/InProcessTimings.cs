using System.Diagnostics;
using RelTool.Formats.Archive;

namespace RelTool.Bench.Archive;

/// <summary>Times ReleaseArchive.Write inside one process (no start-up cost): cold without cache, cold into an empty
/// cache, warm cache, and after rewriting one assembly with changed content. Prints one `name seconds` line each.</summary>
internal static class InProcessTimings
{
    public static int Run(string source, string output, string cacheDirectory, string changedFile)
    {
        ReleaseArchive.Write(source, output, new ArchiveOptions());
        Measure("no-cache", () => ReleaseArchive.Write(source, output, new ArchiveOptions()));
        if (Directory.Exists(cacheDirectory)) Directory.Delete(cacheDirectory, recursive: true);
        var cached = new ArchiveOptions { CacheDirectory = cacheDirectory };
        Measure("cache-cold", () => ReleaseArchive.Write(source, output, cached));
        Measure("cache-warm", () => ReleaseArchive.Write(source, output, cached));
        var original = File.ReadAllBytes(changedFile);
        try
        {
            var changed = (byte[])original.Clone();
            changed[^1] ^= 0xFF;
            File.WriteAllBytes(changedFile, changed);
            Measure("one-changed", () => ReleaseArchive.Write(source, output, cached));
        }
        finally
        {
            File.WriteAllBytes(changedFile, original);
        }
        return 0;
    }

    private static void Measure(string name, Func<ArchiveResult> write)
    {
        var stopwatch = Stopwatch.StartNew();
        var result = write();
        Console.WriteLine($"{name} {stopwatch.Elapsed.TotalSeconds:F3} reused={result.SegmentsFromCache}/{result.Segments}");
    }
}
