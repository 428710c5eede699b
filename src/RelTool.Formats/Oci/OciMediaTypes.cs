namespace RelTool.Formats.Oci;

/// <summary>Media types of the OCI image spec (image-spec v1.1 media-types.md) and the Docker ones a base may still use.</summary>
public static class OciMediaTypes
{
    public const string Index = "application/vnd.oci.image.index.v1+json";
    public const string Manifest = "application/vnd.oci.image.manifest.v1+json";
    public const string Config = "application/vnd.oci.image.config.v1+json";
    public const string Layer = "application/vnd.oci.image.layer.v1.tar";
    public const string LayerGzip = "application/vnd.oci.image.layer.v1.tar+gzip";
    public const string LayerZstd = "application/vnd.oci.image.layer.v1.tar+zstd";

    public const string DockerManifestList = "application/vnd.docker.distribution.manifest.list.v2+json";
    public const string DockerManifest = "application/vnd.docker.distribution.manifest.v2+json";
    public const string DockerLayer = "application/vnd.docker.image.rootfs.diff.tar";
    public const string DockerLayerGzip = "application/vnd.docker.image.rootfs.diff.tar.gzip";

    public static bool IsIndex(string mediaType) => mediaType is Index or DockerManifestList;
    public static bool IsManifest(string mediaType) => mediaType is Manifest or DockerManifest;

    /// <summary>The OCI name of a base's layer type (the bytes are the same in both formats); null when it is no layer we can carry.</summary>
    public static string? OciLayerType(string mediaType) => mediaType switch
    {
        Layer or DockerLayer => Layer,
        LayerGzip or DockerLayerGzip => LayerGzip,
        LayerZstd => LayerZstd,
        _ => null,
    };
}
