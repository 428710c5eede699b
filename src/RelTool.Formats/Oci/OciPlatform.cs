using System.Text.Json.Nodes;

namespace RelTool.Formats.Oci;

/// <summary>An image's os/architecture in the OCI spelling (GOOS/GOARCH values, image-spec config.md).</summary>
public sealed record OciPlatform(string Os, string Architecture, string? Variant = null)
{
    /// <summary>The platform of a .NET runtime identifier (linux-x64 → linux/amd64, linux-musl-arm64 → linux/arm64,
    /// linux-arm → linux/arm/v7): the one place reltool maps RIDs to image platforms.</summary>
    /// <exception cref="OciException">a RID no container platform runs (osx-*, browser-wasm…)</exception>
    public static OciPlatform FromRuntimeIdentifier(string rid)
    {
        var dash = rid.LastIndexOf('-');
        var os = dash < 0 ? rid : rid[..dash];
        var arch = dash < 0 ? "" : rid[(dash + 1)..];
        var ociOs = os switch
        {
            "linux" or "linux-musl" or "linux-bionic" => "linux",
            "win" => "windows",
            _ => null,
        };
        var (ociArch, variant) = arch switch
        {
            "x64" => ("amd64", null),
            "arm64" => ("arm64", null),
            "arm" => ("arm", "v7"),
            "x86" => ("386", null),
            "s390x" => ("s390x", null),
            "ppc64le" => ("ppc64le", null),
            "riscv64" => ("riscv64", null),
            "loongarch64" => ("loong64", null),
            _ => ((string?)null, (string?)null),
        };
        if (ociOs is null || ociArch is null)
            throw new OciException(rid, "no OCI image platform for this runtime identifier: build the release for linux-<arch> (or win-<arch>) to make an image");
        return new OciPlatform(ociOs, ociArch, variant);
    }

    public override string ToString() => Variant is null ? $"{Os}/{Architecture}" : $"{Os}/{Architecture}/{Variant}";

    public JsonObject ToJson()
    {
        var json = new JsonObject { ["architecture"] = Architecture, ["os"] = Os };
        if (Variant is not null) json["variant"] = Variant;
        return json;
    }

    internal static OciPlatform Read(JsonNode node) =>
        new(node["os"]?.GetValue<string>() ?? "", node["architecture"]?.GetValue<string>() ?? "", node["variant"]?.GetValue<string>());

    /// <summary>Same os and architecture, and the same variant when both name one.</summary>
    public bool Matches(OciPlatform other) =>
        Os == other.Os && Architecture == other.Architecture && (Variant is null || other.Variant is null || Variant == other.Variant);
}
