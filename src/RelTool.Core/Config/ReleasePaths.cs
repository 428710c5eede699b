using RelTool.Formats.Layout;

namespace RelTool.Core.Config;

/// <summary>Rules for paths that the configuration places inside the release tree.</summary>
public static class ReleasePaths
{
    /// <summary>Top-level entries reltool writes itself; overlays may not write into them.</summary>
    private static readonly string[] Reserved = [ReleaseLayout.BinDir, ReleaseLayout.LibDir, ReleaseLayout.RuntimeDir, ReleaseLayout.ReleasesFilePath, ReleaseLayout.StartErlDataPath];

    /// <summary>Null when <paramref name="destination"/> is a usable overlay target, otherwise why not.</summary>
    public static string? CheckOverlayDestination(string destination)
    {
        var normalized = destination.Replace('\\', '/').Trim('/');
        if (destination.StartsWith('/') || Path.IsPathRooted(destination))
            return $"overlay destination '{destination}' must be relative to the release root";
        var parts = normalized.Split('/');
        if (normalized.Length == 0 || parts.Any(p => p is ".." or "." or ""))
            return $"overlay destination '{destination}' must be a plain relative path without '.' or '..'";
        foreach (var reserved in Reserved)
            if (normalized == reserved || normalized.StartsWith(reserved + "/", StringComparison.Ordinal))
                return $"overlay destination '{destination}' is inside '{reserved}', which reltool writes itself; use etc/, var/ or releases/{{{{rel_vsn}}}}/";
        if (parts[0] == ReleaseLayout.ReleasesDir && (parts.Length < 3 || parts[1] != "{{rel_vsn}}"))
            return $"overlay destination '{destination}' under releases/ must be inside releases/{{{{rel_vsn}}}}/";
        return null;
    }
}
