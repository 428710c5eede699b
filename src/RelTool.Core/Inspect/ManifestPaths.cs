using RelTool.Formats.Layout;

namespace RelTool.Core.Inspect;

/// <summary>The files `reltool inspect` reads the text of (the rest it only counts and measures).</summary>
public static class ManifestPaths
{
    /// <summary>A manifest larger than this is not read; no file reltool writes comes near it.</summary>
    public const long MaxBytes = 16 * 1024 * 1024;

    /// <summary>releases/RELEASES, releases/start_erl.data, releases/&lt;V&gt;/{*.rel, start.boot, relup, host.args, node.args, client.args, SHA256SUMS, *.cdx.json}, lib/&lt;D&gt;/*.app.</summary>
    public static bool IsManifest(string path)
    {
        if (path is ReleaseLayout.ReleasesFilePath or ReleaseLayout.StartErlDataPath) return true;
        var parts = path.Split('/');
        if (parts.Length != 3) return false;
        return parts[0] switch
        {
            ReleaseLayout.ReleasesDir => parts[2] is ReleaseLayout.BootFileName or ReleaseLayout.RelupFileName or ReleaseLayout.HostArgsFileName or ReleaseLayout.NodeArgsFileName
                    or ReleaseLayout.ClientArgsFileName or ReleaseLayout.ChecksumsFileName
                || parts[2].EndsWith(ReleaseLayout.RelFileExtension, StringComparison.Ordinal) || parts[2].EndsWith(".cdx.json", StringComparison.Ordinal),
            ReleaseLayout.LibDir => parts[2].EndsWith(ReleaseLayout.AppFileExtension, StringComparison.Ordinal),
            _ => false,
        };
    }
}
