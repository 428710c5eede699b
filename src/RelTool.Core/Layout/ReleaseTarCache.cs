namespace RelTool.Core.Layout;

/// <summary>Where `reltool release` keeps the compressed segments of its tarballs: `&lt;output&gt;/../.reltool/tarcache`,
/// beside the release rather than in it, so a rebuild with one changed assembly recompresses only that part.
/// Shared by the releases of one parent folder (segments are keyed by content); bounded to <see cref="MaxBytes"/>.</summary>
public static class ReleaseTarCache
{
    public const long MaxBytes = 512L << 20;

    /// <summary>The cache folder for <paramref name="output"/>, created; null when it has no parent or cannot be created
    /// (the tarball is then compressed whole, with the same bytes).</summary>
    public static string? For(string output)
    {
        var parent = Path.GetDirectoryName(Path.TrimEndingDirectorySeparator(Path.GetFullPath(output)));
        if (string.IsNullOrEmpty(parent)) return null;
        var directory = Path.Combine(parent, ".reltool", "tarcache");
        try
        {
            Directory.CreateDirectory(directory);
            return directory;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }
}
