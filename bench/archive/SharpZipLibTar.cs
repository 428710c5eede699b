using ICSharpCode.SharpZipLib.GZip;
using ICSharpCode.SharpZipLib.Tar;

namespace RelTool.Bench.Archive;

/// <summary>The SharpZipLib peer: TarOutputStream inside GZipOutputStream (default level 6), entries in ordinal order,
/// with owner and modes set as a release needs them, so that it does the same work as `reltool tar`.</summary>
internal static class SharpZipLibTar
{
    public static int Write(string sourceDirectory, string outputFile)
    {
        var source = Path.GetFullPath(sourceDirectory);
        using var file = File.Create(outputFile);
        using var gzip = new GZipOutputStream(file);
        using var tar = new TarOutputStream(gzip, System.Text.Encoding.UTF8);
        var mtime = new DateTime(1980, 1, 1, 0, 0, 0, DateTimeKind.Utc);
        foreach (var path in Directory.EnumerateFileSystemEntries(source, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            var name = Path.GetRelativePath(source, path).Replace('\\', '/');
            var isDirectory = Directory.Exists(path);
            var entry = TarEntry.CreateTarEntry(isDirectory ? name + "/" : name);
            entry.ModTime = mtime;
            entry.TarHeader.Mode = OperatingSystem.IsWindows() ? 0b110_100_100 : (int)File.GetUnixFileMode(path);
            entry.UserId = 0;
            entry.GroupId = 0;
            entry.UserName = "";
            entry.GroupName = "";
            if (isDirectory)
            {
                entry.TarHeader.TypeFlag = TarHeader.LF_DIR;
                tar.PutNextEntry(entry);
                tar.CloseEntry();
                continue;
            }
            entry.Size = new FileInfo(path).Length;
            tar.PutNextEntry(entry);
            using (var input = File.OpenRead(path)) input.CopyTo(tar);
            tar.CloseEntry();
        }
        return 0;
    }
}
