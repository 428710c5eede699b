namespace RelTool.IntegrationTests.Boot;

/// <summary>
/// A fact that needs root to set up its fault (a tiny tmpfs mount, `chattr +i`): where the tests do not run as root it
/// is skipped and says so — never passed. CI runs as root.
/// </summary>
public sealed class RootFactAttribute : FactAttribute
{
    public RootFactAttribute()
    {
        if (Environment.UserName != "root") Skip = "needs root to mount a tmpfs or make a folder immutable; these tests do not run as root here";
    }

    /// <summary>Runs a command that must succeed (mount, umount, chattr).</summary>
    public static void Run(string file, params string[] args)
    {
        var start = new System.Diagnostics.ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in args) start.ArgumentList.Add(a);
        using var process = System.Diagnostics.Process.Start(start)!;
        var error = process.StandardError.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0) throw new InvalidOperationException($"{file} {string.Join(' ', args)} failed: {error}");
    }
}
