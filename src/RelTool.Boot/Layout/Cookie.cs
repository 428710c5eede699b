using System.Security.Cryptography;

namespace RelTool.Boot.Layout;

/// <summary>releases/COOKIE: the shared secret every control request presents. Made on first start, mode 0400.</summary>
public static class Cookie
{
    private const int Length = 40;

    public static string? TryRead(ReleaseRoot root) =>
        File.Exists(root.CookiePath) ? File.ReadAllText(root.CookiePath).Trim() : null;

    public static string Ensure(ReleaseRoot root)
    {
        var existing = TryRead(root);
        if (!string.IsNullOrEmpty(existing)) return existing;

        var cookie = RandomNumberGenerator.GetString("ABCDEFGHIJKLMNOPQRSTUVWXYZ", Length);
        var temp = $"{root.CookiePath}.{Environment.ProcessId}.tmp";
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write, UnixCreateMode = UnixFileMode.UserRead };
        using (var stream = new FileStream(temp, options))
        using (var writer = new StreamWriter(stream))
            writer.Write(cookie);
        try
        {
            // Without overwrite the move fails when another launcher made the cookie first: theirs wins.
            File.Move(temp, root.CookiePath, overwrite: false);
            return cookie;
        }
        catch (IOException) when (File.Exists(root.CookiePath))
        {
            File.Delete(temp);
            return TryRead(root) ?? throw new LauncherException(ExitCodes.Failure, $"{root.CookiePath}: empty");
        }
    }
}
