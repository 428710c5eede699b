using System.Formats.Tar;
using System.Text.Json.Nodes;

namespace RelTool.Formats.Oci;

/// <summary>The OCI image layout (image-spec image-layout.md): `oci-layout`, `index.json` and `blobs/sha256/&lt;hex&gt;`,
/// as a directory or packed in a tar (an "OCI archive", what `skopeo copy … oci-archive:` and `podman save --format
/// oci-archive` write and `podman load`, `docker load` and `skopeo copy oci-archive:…` read).</summary>
public static class OciLayout
{
    public const string LayoutFileName = "oci-layout";
    public const string IndexFileName = "index.json";
    /// <summary>Docker's own archive index, which `docker load` needs beside the OCI files (Docker 25+ writes both).</summary>
    public const string DockerManifestFileName = "manifest.json";
    public const string BlobsDirectory = "blobs/sha256";
    /// <summary>The index annotation that names an image's tag in a layout.</summary>
    public const string RefNameAnnotation = "org.opencontainers.image.ref.name";
    private static readonly byte[] LayoutFile = """{"imageLayoutVersion":"1.0.0"}"""u8.ToArray();

    public static string BlobPath(string layoutDirectory, string digest) =>
        Path.Combine(layoutDirectory, BlobsDirectory, digest[OciDigest.Prefix.Length..]);

    /// <summary>Unpacks an OCI archive into <paramref name="destination"/> (created), refusing any entry that is not a plain
    /// file or directory inside it.</summary>
    public static void Extract(string archive, string destination)
    {
        Directory.CreateDirectory(destination);
        var root = Path.GetFullPath(destination) + Path.DirectorySeparatorChar;
        try
        {
            using var stream = File.OpenRead(archive);
            using var reader = new TarReader(stream);
            while (reader.GetNextEntry() is { } entry)
            {
                var name = entry.Name.TrimStart('.', '/');
                if (name.Length == 0) continue;
                var target = Path.GetFullPath(Path.Combine(root, name));
                if (!target.StartsWith(root, StringComparison.Ordinal) || Path.IsPathRooted(entry.Name) || name.Split('/').Contains(".."))
                    throw new OciException(archive, $"entry '{entry.Name}' leaves the archive");
                switch (entry.EntryType)
                {
                    case TarEntryType.Directory:
                        Directory.CreateDirectory(target);
                        break;
                    case TarEntryType.RegularFile or TarEntryType.V7RegularFile:
                        Directory.CreateDirectory(Path.GetDirectoryName(target)!);
                        entry.ExtractToFile(target, overwrite: true);
                        break;
                    case TarEntryType.GlobalExtendedAttributes or TarEntryType.ExtendedAttributes:
                        break;
                    default:
                        throw new OciException(archive, $"entry '{entry.Name}' is a {entry.EntryType}, not a file or directory: not an OCI archive");
                }
            }
        }
        catch (Exception e) when (e is InvalidDataException or FormatException or EndOfStreamException)
        {
            throw new OciException(archive, "is not a readable tar (an OCI archive is an uncompressed tar of an OCI layout): " + e.Message, e);
        }
    }

    /// <summary>Writes an OCI archive of one image reproducibly: entries sorted, mode 0644/0755, owner 0, mtime <paramref name="time"/>.
    /// <paramref name="blobs"/> maps digest → file. <paramref name="repoTag"/> ("name:tag") names the image for `docker load`
    /// and, through the index's ref.name annotation, for podman and `skopeo copy oci-archive:FILE:name:tag`.</summary>
    public static void WriteArchive(string outputFile, OciDescriptor manifest, IReadOnlyDictionary<string, string> blobs,
        OciManifest manifestRecord, string repoTag, DateTimeOffset time)
    {
        // podman names the loaded image after ref.name (localhost/kv:0.1.0); skopeo selects it by the same string.
        var index = new OciIndex([manifest with { Annotations = new Dictionary<string, string> { [RefNameAnnotation] = repoTag } }]);
        var docker = new JsonArray(new JsonObject
        {
            ["Config"] = $"{BlobsDirectory}/{manifestRecord.Config.Hex}",
            ["RepoTags"] = new JsonArray(repoTag),
            ["Layers"] = new JsonArray([.. manifestRecord.Layers.Select(l => (JsonNode)JsonValue.Create($"{BlobsDirectory}/{l.Hex}"))]),
        });

        var full = Path.GetFullPath(outputFile);
        var temp = Path.Combine(Path.GetDirectoryName(full)!, $".{Path.GetFileName(full)}.{Environment.ProcessId}.{Guid.NewGuid():N}.tmp");
        try
        {
            using (var stream = new FileStream(temp, FileMode.CreateNew, FileAccess.Write))
            using (var writer = new TarWriter(stream, TarEntryFormat.Ustar, leaveOpen: false))
            {
                DirectoryEntry(writer, "blobs/", time);
                DirectoryEntry(writer, BlobsDirectory + "/", time);
                foreach (var (digest, path) in blobs.OrderBy(b => b.Key, StringComparer.Ordinal))
                {
                    using var data = File.OpenRead(path);
                    Entry(writer, $"{BlobsDirectory}/{digest[OciDigest.Prefix.Length..]}", data, time);
                }
                Entry(writer, IndexFileName, new MemoryStream(index.ToBytes()), time);
                Entry(writer, DockerManifestFileName, new MemoryStream(OciJson.Bytes(docker)), time);
                Entry(writer, LayoutFileName, new MemoryStream(LayoutFile), time);
            }
            File.Move(temp, full, overwrite: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new OciException(full, "cannot write: " + e.Message, e);
        }
        finally
        {
            if (File.Exists(temp)) File.Delete(temp);
        }
    }

    private static void DirectoryEntry(TarWriter writer, string name, DateTimeOffset time) =>
        writer.WriteEntry(new UstarTarEntry(TarEntryType.Directory, name)
        {
            Mode = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute | UnixFileMode.GroupRead | UnixFileMode.GroupExecute
                   | UnixFileMode.OtherRead | UnixFileMode.OtherExecute,
            ModificationTime = time, Uid = 0, Gid = 0, UserName = "", GroupName = "",
        });

    private static void Entry(TarWriter writer, string name, Stream data, DateTimeOffset time) =>
        writer.WriteEntry(new UstarTarEntry(TarEntryType.RegularFile, name)
        {
            Mode = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead,
            ModificationTime = time, Uid = 0, Gid = 0, UserName = "", GroupName = "", DataStream = data,
        });

}
