using System.Security.Cryptography;

namespace RelTool.Boot.Layout;

/// <summary>releases/COOKIE: the shared secret every control request presents. Made on first start, mode 0400.</summary>
public static class Cookie
{
    private const int Length = 40;

    /// <summary>The cookie; null when it is missing or cannot be read (<see cref="Problem"/> says which).</summary>
    public static string? TryRead(ReleaseRoot root) => Read(root).Cookie;

    /// <summary>Why the cookie cannot be read (missing, permission denied...), or null when it can.</summary>
    public static string? Problem(ReleaseRoot root) => Read(root).Problem;

    private static (string? Cookie, string? Problem) Read(ReleaseRoot root)
    {
        try
        {
            if (!File.Exists(root.CookiePath)) return (null, $"{root.CookiePath} is missing");
            var text = File.ReadAllText(root.CookiePath).Trim();
            return text.Length > 0 ? (text, null) : (null, $"{root.CookiePath} is empty");
        }
        catch (UnauthorizedAccessException)
        {
            return (null, $"{root.CookiePath} cannot be read by this user (permission denied); run this as the user that runs the release");
        }
        catch (IOException e)
        {
            return (null, $"{root.CookiePath} cannot be read: {e.Message}");
        }
    }

    public static string Ensure(ReleaseRoot root)
    {
        var (existing, problem) = Read(root);
        if (!string.IsNullOrEmpty(existing)) return existing;
        if (File.Exists(root.CookiePath)) throw new LauncherException(ExitCodes.Failure, problem!);

        var cookie = RandomNumberGenerator.GetString("ABCDEFGHIJKLMNOPQRSTUVWXYZ", Length);
        var temp = $"{root.CookiePath}.{Environment.ProcessId}.tmp";
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write, UnixCreateMode = UnixFileMode.UserRead };
        try
        {
            using (var stream = new FileStream(temp, options))
            using (var writer = new StreamWriter(stream))
                writer.Write(cookie);
        }
        catch (UnauthorizedAccessException)
        {
            throw new LauncherException(ExitCodes.Failure, $"{root.ReleasesDir} is not writable by this user: cannot make {root.CookiePath}; run this as the user that runs the release");
        }
        try
        {
            // Without overwrite the move fails when another launcher made the cookie first: theirs wins.
            File.Move(temp, root.CookiePath, overwrite: false);
            return cookie;
        }
        catch (IOException) when (File.Exists(root.CookiePath))
        {
            File.Delete(temp);
            return TryRead(root) ?? throw new LauncherException(ExitCodes.Failure, Problem(root) ?? $"{root.CookiePath}: empty");
        }
    }
}
