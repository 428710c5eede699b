using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;

namespace RelTool.Core.Diff.Digest;

/// <summary>Manifest resources: name, visibility and, for embedded ones, their bytes.</summary>
internal static class ManifestResourceDigest
{
    public static void Write(DigestWriter writer, PEReader pe, MetadataReader reader, MetadataNames names)
    {
        var directory = pe.PEHeaders.CorHeader!.ResourcesDirectory;
        foreach (var handle in reader.ManifestResources)
        {
            var resource = reader.GetManifestResource(handle);
            writer.String(reader, resource.Name);
            writer.Int((int)resource.Attributes);
            if (!resource.Implementation.IsNil)
            {
                writer.Text(names.Of(resource.Implementation));
                continue;
            }
            var data = pe.GetSectionData(directory.RelativeVirtualAddress);
            var offset = (int)resource.Offset;
            if (directory.Size < offset + 4 || data.Length < offset + 4) { writer.Int(-1); continue; }
            var reader4 = data.GetReader(offset, 4);
            var length = reader4.ReadInt32();
            writer.Int(length);
            if (length >= 0 && data.Length >= offset + 4 + length)
                writer.Bytes(data.GetContent(offset + 4, length).AsSpan());
        }
    }
}
