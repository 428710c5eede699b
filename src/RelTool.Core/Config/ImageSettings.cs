namespace RelTool.Core.Config;

/// <summary>
/// The OCI image settings of rel/config.yaml, per release or environment (the environment's win): `image` (also write
/// releases/&lt;vsn&gt;/&lt;name&gt;-&lt;vsn&gt;.oci.tar), `image_base` (an OCI archive or layout directory), `image_root` (where the release
/// lives in the image, default /opt/&lt;name&gt;) and `image_user` (numeric uid[:gid] it runs as, default 1654, the uid of
/// Microsoft's .NET images' `app` user). Null: not set here. See docs/containers.md.
/// </summary>
public sealed record ImageSettings(bool? Enabled = null, string? Base = null, string? Root = null, string? User = null)
{
    public static readonly ImageSettings None = new();

    public static readonly string[] Keys = ["image", "image_base", "image_root", "image_user"];

    /// <summary>These settings, with <paramref name="over"/>'s where it sets them.</summary>
    public ImageSettings With(ImageSettings over) =>
        new(over.Enabled ?? Enabled, over.Base ?? Base, over.Root ?? Root, over.User ?? User);

    /// <summary>Applies one key; `image_base` stays as written (relative to the config's base directory).</summary>
    internal static ImageSettings Read(ImageSettings settings, ConfigNodes nodes, string key, YamlNode value, string what) => key switch
    {
        "image" => settings with { Enabled = nodes.Bool(value, what) },
        "image_base" => settings with { Base = nodes.OptionalString(value, what) },
        "image_root" => settings with { Root = nodes.OptionalString(value, what) },
        "image_user" => settings with { User = nodes.OptionalString(value, what) },
        _ => settings,
    };
}
