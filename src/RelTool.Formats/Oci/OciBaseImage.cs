namespace RelTool.Formats.Oci;

/// <summary>The image a release is layered on, read from an OCI layout directory: its manifest (for the wanted platform)
/// and config. Its layer blobs are carried into the new image byte for byte.</summary>
public sealed record OciBaseImage(string LayoutDirectory, OciManifest Manifest, OciImageConfig Config)
{
    /// <summary>Opens the layout at <paramref name="layoutDirectory"/> and picks the image for <paramref name="platform"/>
    /// (following nested indexes); <paramref name="origin"/> names the base in messages.</summary>
    /// <exception cref="OciException">no layout, no image for the platform, a missing or altered blob</exception>
    public static OciBaseImage Open(string layoutDirectory, OciPlatform platform, string origin)
    {
        var indexPath = Path.Combine(layoutDirectory, OciLayout.IndexFileName);
        if (!File.Exists(indexPath))
            throw new OciException(origin, $"is not an OCI image layout (no {OciLayout.IndexFileName}); save the base with `skopeo copy docker://IMAGE oci-archive:FILE`");
        var candidates = new List<OciDescriptor>();
        Collect(layoutDirectory, OciIndex.Read(File.ReadAllBytes(indexPath), $"{origin}: {OciLayout.IndexFileName}"), candidates, origin, depth: 0);
        if (candidates.Count == 0) throw new OciException(origin, "holds no image manifest");

        var platforms = new List<string>();
        foreach (var candidate in candidates)
        {
            if (candidate.Platform is { } declared && !declared.Matches(platform))
            {
                platforms.Add(declared.ToString());
                continue;
            }
            var manifest = OciManifest.Read(ReadBlob(layoutDirectory, candidate, origin), $"{origin}: manifest {candidate.Digest}");
            var config = OciImageConfig.Read(ReadBlob(layoutDirectory, manifest.Config, origin), $"{origin}: config {manifest.Config.Digest}");
            if (!config.Platform.Matches(platform))
            {
                platforms.Add(config.Platform.ToString());
                continue;
            }
            if (config.DiffIds.Length != manifest.Layers.Length)
                throw new OciException(origin, $"its config lists {config.DiffIds.Length} layers, its manifest {manifest.Layers.Length}");
            foreach (var layer in manifest.Layers)
            {
                if (OciMediaTypes.OciLayerType(layer.MediaType) is null)
                    throw new OciException(origin, $"layer {layer.Digest} has media type {layer.MediaType}, which reltool cannot carry into an image");
                var path = OciLayout.BlobPath(layoutDirectory, layer.Digest);
                if (!File.Exists(path)) throw new OciException(origin, $"layer blob {layer.Digest} is missing");
                if (new FileInfo(path).Length != layer.Size) throw new OciException(origin, $"layer blob {layer.Digest} has {new FileInfo(path).Length} bytes, its manifest says {layer.Size}");
            }
            return new OciBaseImage(layoutDirectory, manifest, config);
        }
        throw new OciException(origin, $"has no image for {platform} (it has: {string.Join(", ", platforms.Distinct())})");
    }

    public string BlobPath(OciDescriptor descriptor) => OciLayout.BlobPath(LayoutDirectory, descriptor.Digest);

    private static void Collect(string layout, OciIndex index, List<OciDescriptor> into, string origin, int depth)
    {
        if (depth > 4) throw new OciException(origin, "image indexes nest too deep");
        foreach (var descriptor in index.Manifests)
        {
            if (OciMediaTypes.IsManifest(descriptor.MediaType)) into.Add(descriptor);
            else if (OciMediaTypes.IsIndex(descriptor.MediaType))
                Collect(layout, OciIndex.Read(ReadBlob(layout, descriptor, origin), $"{origin}: index {descriptor.Digest}"), into, origin, depth + 1);
        }
    }

    private static byte[] ReadBlob(string layout, OciDescriptor descriptor, string origin)
    {
        var path = OciLayout.BlobPath(layout, descriptor.Digest);
        if (!File.Exists(path)) throw new OciException(origin, $"blob {descriptor.Digest} ({descriptor.MediaType}) is missing");
        var bytes = File.ReadAllBytes(path);
        if (OciDigest.Of(bytes) != descriptor.Digest) throw new OciException(origin, $"blob {descriptor.Digest} does not match its digest");
        return bytes;
    }
}
