using RelTool.Formats.Trust;

namespace RelTool.Core.Inspect;

/// <summary>The files `reltool inspect` reads the text of (the rest it only counts and measures).</summary>
public static class ManifestPaths
{
    /// <summary>A manifest larger than this is not read; no file reltool writes comes near it.</summary>
    public const long MaxBytes = 16 * 1024 * 1024;

    public const string Releases = "releases/RELEASES";
    public const string StartErlData = "releases/start_erl.data";

    /// <summary>releases/RELEASES, releases/start_erl.data, releases/&lt;V&gt;/{*.rel, start.boot, relup, host.args, SHA256SUMS, *.cdx.json}, lib/&lt;D&gt;/*.app.</summary>
    public static bool IsManifest(string path)
    {
        if (path is Releases or StartErlData) return true;
        var parts = path.Split('/');
        if (parts.Length != 3) return false;
        return parts[0] switch
        {
            "releases" => parts[2] is "start.boot" or "relup" or "host.args" or TrustFiles.ChecksumsFileName
                || parts[2].EndsWith(".rel", StringComparison.Ordinal) || parts[2].EndsWith(".cdx.json", StringComparison.Ordinal),
            "lib" => parts[2].EndsWith(".app", StringComparison.Ordinal),
            _ => false,
        };
    }
}
