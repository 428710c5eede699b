using System.Formats.Tar;
using System.IO.Compression;
using System.Text;

namespace RelTool.Tests.Archive;

/// <summary>Builds tarballs entry by entry with the BCL TarWriter, including entries reltool never writes.</summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public static class MaliciousTarball
{
    public static void Write(string path, params TarEntry[] entries)
    {
        using var file = System.IO.File.Create(path);
        using var gzip = new GZipStream(file, CompressionLevel.Fastest);
        using var tar = new TarWriter(gzip, TarEntryFormat.Gnu);
        foreach (var entry in entries) tar.WriteEntry(entry);
    }

    public static TarEntry File(string name, string content = "x")
    {
        var entry = new GnuTarEntry(TarEntryType.RegularFile, name) { DataStream = new MemoryStream(Encoding.UTF8.GetBytes(content)) };
        entry.Mode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        return entry;
    }

    public static TarEntry Directory(string name) => new GnuTarEntry(TarEntryType.Directory, name) { Mode = (UnixFileMode)0b111_101_101 };

    public static TarEntry Symlink(string name, string target) => new GnuTarEntry(TarEntryType.SymbolicLink, name) { LinkName = target };

    public static TarEntry HardLink(string name, string target) => new GnuTarEntry(TarEntryType.HardLink, name) { LinkName = target };

    public static TarEntry Of(TarEntryType type, string name) => new GnuTarEntry(type, name);
}
