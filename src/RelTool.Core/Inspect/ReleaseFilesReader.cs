using System.Security.Cryptography;
using System.Text;
using RelTool.Core.Releases;
using RelTool.Formats.Archive;

namespace RelTool.Core.Inspect;

/// <summary>
/// Reads a release tree into <see cref="ReleaseFiles"/>: every path and size, and the text of the manifests. A tarball is
/// read in one pass from its stream (nothing is extracted), with the checks of ReleaseArchive.Verify.
/// </summary>
public static class ReleaseFilesReader
{
    /// <summary>Larger files under runtime/ and lib/ are not read from a tarball for their header (the runtime's largest is ~15 MB).</summary>
    private const long MaxBinaryBytes = 128L * 1024 * 1024;

    /// <exception cref="ReleaseReadException">the directory or something in it cannot be read</exception>
    public static ReleaseFiles FromDirectory(string root)
    {
        var builder = new ReleaseFiles.Builder();
        try
        {
            Walk(new DirectoryInfo(root), "", builder, new HashSet<string>(StringComparer.Ordinal) { Path.GetFullPath(root) });
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new ReleaseReadException($"{root}: cannot read: {e.Message}", e);
        }
        return builder.Build(complete: true);
    }

    /// <summary>Links to directories are followed (a lib dir may be a link to a shared copy), except into a directory being walked.</summary>
    private static void Walk(DirectoryInfo directory, string relative, ReleaseFiles.Builder builder, HashSet<string> walking)
    {
        foreach (var info in directory.EnumerateFileSystemInfos())
        {
            var path = relative.Length == 0 ? info.Name : $"{relative}/{info.Name}";
            if (info is DirectoryInfo sub)
            {
                builder.AddDirectory(path);
                var real = sub.LinkTarget is null ? sub.FullName : sub.ResolveLinkTarget(returnFinalTarget: true)?.FullName ?? sub.FullName;
                if (!walking.Add(real)) continue;
                Walk(sub, path, builder, walking);
                walking.Remove(real);
            }
            else
            {
                var file = (FileInfo)info;
                var size = file.Exists ? file.Length : 0;
                var text = file.Exists && ManifestPaths.IsManifest(path) && size <= ManifestPaths.MaxBytes ? File.ReadAllText(file.FullName) : null;
                builder.AddFile(path, size, text);
                if (file.Exists && ReleaseFiles.MayBeBinary(path)) builder.AddBinary(path, Targets.NativeBinary.Read(file.FullName));
            }
        }
    }

    /// <summary>The files of a tarball and the facts about it. A tarball that fails verification is not an exception: the files
    /// read before the problem are returned as incomplete, and the problem is in <see cref="TarballFacts.Error"/>.</summary>
    /// <exception cref="ReleaseReadException">the file does not exist or cannot be read</exception>
    public static (ReleaseFiles Files, TarballFacts Tarball) FromTarball(string path)
    {
        if (!File.Exists(path)) throw new ReleaseReadException($"{path}: no such file or directory");
        long bytes;
        string sha256;
        try
        {
            using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16);
            bytes = stream.Length;
            sha256 = Convert.ToHexStringLower(SHA256.HashData(stream));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new ReleaseReadException($"{path}: cannot read: {e.Message}", e);
        }
        var builder = new ReleaseFiles.Builder();
        var entries = 0;
        try
        {
            bool Manifest(string p, long size) => ManifestPaths.IsManifest(p) && size <= ManifestPaths.MaxBytes;
            // Binaries are read whole, one at a time: an ELF keeps its dynamic section (the C library it links) at its end.
            bool Binary(string p, long size) => ReleaseFiles.MayBeBinary(p) && size <= MaxBinaryBytes;
            var verified = ReleaseArchive.Scan(path, e => Manifest(e.Path, e.Size) || Binary(e.Path, e.Size), (entry, data) =>
            {
                entries++;
                if (entry.Kind == ArchiveEntryKind.Directory) builder.AddDirectory(entry.Path);
                else
                {
                    builder.AddFile(entry.Path, entry.Size, data is not null && Manifest(entry.Path, entry.Size) ? Encoding.UTF8.GetString(data) : null);
                    if (data is not null && Binary(entry.Path, entry.Size)) builder.AddBinary(entry.Path, Targets.NativeBinary.Read(new MemoryStream(data, writable: false)));
                }
            });
            return (builder.Build(complete: true), new TarballFacts(bytes, sha256, verified.Entries, true, null));
        }
        catch (ArchiveException e)
        {
            return (builder.Build(complete: false), new TarballFacts(bytes, sha256, entries, false, e.Problem));
        }
    }
}

/// <summary>A release tarball as read in one pass with the checks of ReleaseArchive.Verify.</summary>
/// <param name="Entries">Entries read: all of them when <paramref name="Verified"/>, else those before the problem.</param>
/// <param name="Error">Why verification failed (ArchiveException.Problem); null when verified.</param>
public sealed record TarballFacts(long Bytes, string Sha256, int Entries, bool Verified, string? Error);
