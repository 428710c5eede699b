using System.CommandLine;
using System.Diagnostics;
using System.Text.Json;
using RelTool.Formats.Archive;

namespace RelTool.Commands;

/// <summary>`reltool tar DIR -o FILE.tar.gz`: packs any directory the way `reltool release` packs a release.</summary>
public static class TarCommand
{
    public static Command Create()
    {
        var directory = new Argument<string>("dir") { Description = "Directory to pack" }.NoOptionLike();
        var output = new Option<string>("--output", "-o") { Description = "The .tar.gz to write (replaced atomically)", Required = true };
        var exclude = new Option<string[]>("--exclude") { Description = "Glob of paths to leave out (repeatable; * and ? within a name, ** across names)" };
        var cache = new Option<string?>("--cache") { Description = "Directory of compressed segments reused across writes (e.g. _build/.reltool/tarcache)" };
        var json = new Option<bool>("--json") { Description = "Print the result as JSON (see docs/tar.md)" };
        var command = new Command("tar", "Pack a directory into a reproducible tar.gz (sorted entries, fixed owner and mtime from SOURCE_DATE_EPOCH, parallel gzip)")
        {
            directory, output, exclude, cache, json,
        };
        command.SetAction(parse =>
        {
            var options = new ArchiveOptions
            {
                Exclude = parse.GetValue(exclude) ?? [],
                CacheDirectory = parse.GetValue(cache),
            };
            var stopwatch = Stopwatch.StartNew();
            var result = ReleaseArchive.Write(parse.GetValue(directory)!, parse.GetValue(output)!, options);
            var seconds = stopwatch.Elapsed.TotalSeconds;
            if (parse.GetValue(json)) PrintJson(result, seconds);
            else PrintText(result, seconds, options.CacheDirectory is not null);
            return 0;
        });
        return command;
    }

    private static void PrintText(ArchiveResult result, double seconds, bool cached)
    {
        var ratio = result.TarBytes == 0 ? 0 : 100.0 * result.CompressedBytes / result.TarBytes;
        Console.WriteLine($"wrote {result.OutputFile}");
        Console.WriteLine($"  {result.Entries} entries, {Megabytes(result.TarBytes)} tar -> {Megabytes(result.CompressedBytes)} gzip ({ratio:F1}%) in {seconds:F2} s");
        if (cached)
            Console.WriteLine($"  cache: {result.SegmentsFromCache} of {result.Segments} segments reused ({Megabytes(result.BytesFromCache)}); {Megabytes(result.SourceBytesRead)} of files read");
        Console.WriteLine($"  mtime {result.Timestamp.UtcDateTime:yyyy-MM-ddTHH:mm:ssZ}");
    }

    private static void PrintJson(ArchiveResult result, double seconds)
    {
        using var stream = Console.OpenStandardOutput();
        using (var writer = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true }))
        {
            writer.WriteStartObject();
            writer.WriteNumber("schema", 1);
            writer.WriteString("output", result.OutputFile);
            writer.WriteNumber("entries", result.Entries);
            writer.WriteNumber("tarBytes", result.TarBytes);
            writer.WriteNumber("compressedBytes", result.CompressedBytes);
            writer.WriteNumber("segments", result.Segments);
            writer.WriteNumber("segmentsFromCache", result.SegmentsFromCache);
            writer.WriteNumber("bytesFromCache", result.BytesFromCache);
            writer.WriteNumber("sourceBytesRead", result.SourceBytesRead);
            writer.WriteNumber("mtime", result.Timestamp.ToUnixTimeSeconds());
            writer.WriteNumber("seconds", Math.Round(seconds, 3));
            writer.WriteEndObject();
        }
        stream.WriteByte((byte)'\n');
    }

    private static string Megabytes(long bytes) => $"{bytes / 1048576.0:F1} MiB";
}
