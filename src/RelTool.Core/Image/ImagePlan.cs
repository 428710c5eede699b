using System.Globalization;
using RelTool.Core.Config;
using RelTool.Core.Release;

namespace RelTool.Core.Image;

/// <summary>What `--image` / `image: true` asks for, resolved: the base image (an OCI archive file or layout directory),
/// the release's root inside the image (absolute, e.g. /opt/kv) and the numeric user the container runs as.</summary>
public sealed record ImagePlan(string BasePath, string Root, int Uid, int Gid)
{
    /// <summary>The uid of the `app` user of Microsoft's .NET images: non-root, and the same uid as there.</summary>
    public const int DefaultUid = 1654;

    public string User => $"{Uid}:{Gid}";

    /// <summary>The image plan of <paramref name="settings"/> (config, then command line), or null when no image is asked for.</summary>
    /// <param name="configBaseDirectory">what a configured image_base is relative to</param>
    public static ImagePlan? Resolve(ImageSettings settings, string releaseName, string configBaseDirectory)
    {
        if (settings.Enabled is not true) return null;
        if (settings.Base is null)
            throw new ReleaseException("an image needs a base image: give --image-base FILE|DIR or image_base in rel/config.yaml "
                + "(an OCI archive or layout, e.g. what `skopeo copy docker://mcr.microsoft.com/dotnet/runtime-deps:10.0 oci-archive:base.tar` saves); see docs/containers.md");
        var basePath = Path.GetFullPath(settings.Base, configBaseDirectory);
        if (!File.Exists(basePath) && !Directory.Exists(basePath))
            throw new ReleaseException($"image base {basePath} does not exist (an OCI archive file or layout directory is needed)");

        var root = settings.Root ?? $"/opt/{releaseName}";
        if (!root.StartsWith('/') || root.Trim('/').Length == 0 || root.Trim('/').Split('/').Any(n => n is "" or "." or ".."))
            throw new ReleaseException($"image_root '{root}' must be an absolute path of plain names below /, such as /opt/{releaseName}");

        var (uid, gid) = ParseUser(settings.User ?? DefaultUid.ToString(CultureInfo.InvariantCulture));
        return new ImagePlan(basePath, "/" + root.Trim('/'), uid, gid);
    }

    /// <summary>`root`, `UID` or `UID:GID`: numbers, because the base image need not have an /etc/passwd that names users.</summary>
    private static (int Uid, int Gid) ParseUser(string user)
    {
        if (user == "root") return (0, 0);
        var parts = user.Split(':');
        if (parts.Length is 1 or 2 && parts.All(p => int.TryParse(p, NumberStyles.None, CultureInfo.InvariantCulture, out _)))
        {
            var uid = int.Parse(parts[0], CultureInfo.InvariantCulture);
            return (uid, parts.Length == 2 ? int.Parse(parts[1], CultureInfo.InvariantCulture) : uid);
        }
        throw new ReleaseException($"image_user '{user}' must be a numeric UID or UID:GID (or root)");
    }
}
