using System.Formats.Tar;
using System.Globalization;
using System.IO.Compression;

namespace RelTool.Core.Layout;

/// <summary>
/// A plain reproducible tar.gz writer: Ustar entries (Pax headers would embed the process id) sorted by path,
/// uid/gid 0 with empty names, Unix modes kept, one mtime for all (SOURCE_DATE_EPOCH, else 1980-01-01).
/// </summary>
public sealed class TarGzArchiver : IReleaseArchiver
{
    public static readonly DateTimeOffset DefaultTimestamp = new(1980, 1, 1, 0, 0, 0, TimeSpan.Zero);

    public void Write(string sourceDirectory, string outputFile)
    {
        var timestamp = Timestamp();
        var root = Path.GetFullPath(sourceDirectory);
        using var file = new FileStream(outputFile, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16);
        using (var gzip = new GZipStream(file, CompressionLevel.Optimal, leaveOpen: true))
        using (var tar = new TarWriter(gzip, TarEntryFormat.Ustar, leaveOpen: true))
        {
            foreach (var path in Walk(root))
            {
                var relative = Path.GetRelativePath(root, path).Replace('\\', '/');
                var isDirectory = Directory.Exists(path);
                var entry = new UstarTarEntry(isDirectory ? TarEntryType.Directory : TarEntryType.RegularFile, isDirectory ? relative + "/" : relative)
                {
                    ModificationTime = timestamp,
                    Mode = OperatingSystem.IsWindows() ? (isDirectory ? DirectoryMode : FileMode644) : File.GetUnixFileMode(path),
                    Uid = 0,
                    Gid = 0,
                    UserName = "",
                    GroupName = "",
                };
                if (isDirectory)
                {
                    tar.WriteEntry(entry);
                    continue;
                }
                using var content = File.OpenRead(path);
                entry.DataStream = content;
                tar.WriteEntry(entry);
            }
        }
        file.Flush(flushToDisk: true);
    }

    private const UnixFileMode FileMode644 = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead;
    private const UnixFileMode DirectoryMode = FileMode644 | UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute;

    /// <summary>Every folder and file below <paramref name="root"/>, each folder before its contents, in ordinal order.</summary>
    private static IEnumerable<string> Walk(string root)
    {
        foreach (var entry in Directory.EnumerateFileSystemEntries(root).Order(StringComparer.Ordinal))
        {
            if (new FileInfo(entry).LinkTarget is not null)
                throw new IOException($"{entry}: symbolic links are not packed into a release tarball");
            yield return entry;
            if (Directory.Exists(entry))
                foreach (var inner in Walk(entry)) yield return inner;
        }
    }

    private static DateTimeOffset Timestamp()
    {
        var value = Environment.GetEnvironmentVariable("SOURCE_DATE_EPOCH");
        if (string.IsNullOrWhiteSpace(value)) return DefaultTimestamp;
        return long.TryParse(value.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var seconds)
            ? DateTimeOffset.FromUnixTimeSeconds(seconds)
            : throw new FormatException($"SOURCE_DATE_EPOCH '{value}' is not a number of seconds since 1970");
    }
}
