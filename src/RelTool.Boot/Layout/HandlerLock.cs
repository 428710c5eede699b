using System.Diagnostics;
using System.Globalization;
using RelTool.Formats;

namespace RelTool.Boot.Layout;

/// <summary>
/// One release-handler command (unpack, install, make_permanent, remove, upgrade, downgrade) or start at a time per
/// release root: <see cref="ReleaseRoot.HandlerLockPath"/> held open exclusively (flock on Unix, so it is released when
/// its holder dies, however it dies). The holder's pid and command are written beside it for the message a second
/// command prints. Nodes never take it: a node the holder causes to start runs under the holder's lock.
/// </summary>
public sealed class HandlerLock : IDisposable
{
    /// <summary>Set for a `start` run on behalf of the command that holds the lock (a node restarting into the
    /// permanent release while `install` waits for it), which must not wait for that lock.</summary>
    public const string HeldByParentVariable = "RELTOOL_HANDLER_LOCK_HELD";

    private readonly FileStream stream;
    private readonly string holderPath;

    private HandlerLock(FileStream stream, string holderPath)
    {
        this.stream = stream;
        this.holderPath = holderPath;
    }

    /// <summary>Takes the lock, waiting up to <paramref name="wait"/> for its holder; then fails naming the holder.</summary>
    public static HandlerLock Acquire(ReleaseRoot root, string command, TimeSpan wait)
    {
        var waited = Stopwatch.StartNew();
        while (true)
        {
            if (TryAcquire(root, command) is { } taken) return taken;
            if (waited.Elapsed >= wait)
                throw new LauncherException(ExitCodes.Failure,
                    $"another command is changing this release root: {Holder(root)} holds {root.HandlerLockPath}" +
                    (wait > TimeSpan.Zero ? $" (waited {wait.TotalSeconds:0.#} s)" : "") + "; run this command again when it has finished");
            Thread.Sleep(100);
        }
    }

    /// <summary>The lock, or null when another process holds it.</summary>
    public static HandlerLock? TryAcquire(ReleaseRoot root, string command)
    {
        Directory.CreateDirectory(root.ReleasesDir);
        FileStream stream;
        try
        {
            stream = new FileStream(root.HandlerLockPath, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None, 1, FileOptions.None);
        }
        catch (IOException e) when (e is not FileNotFoundException and not DirectoryNotFoundException and not PathTooLongException)
        {
            return null;
        }
        catch (UnauthorizedAccessException)
        {
            throw new LauncherException(ExitCodes.Failure, $"{root.HandlerLockPath}: permission denied; run this command as the user that owns the release");
        }
        var holder = root.HandlerLockHolderPath;
        try { AtomicFile.WriteAllText(holder, $"{Environment.ProcessId.ToString(CultureInfo.InvariantCulture)} {command}\n"); }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException) { }
        return new HandlerLock(stream, holder);
    }

    /// <summary>
    /// For a node, which never waits for the lock: completes a change of RELEASES and start_erl.data that a killed
    /// command left recorded only when nobody is changing the root (and boots regardless when it cannot: a read-only
    /// releases/ of a service is fine). With nothing recorded it leaves the lock alone: taking it cost each start ~12 ms.
    /// </summary>
    public static void CompleteRecordedChangeIfFree(ReleaseRoot root)
    {
        if (!File.Exists(PendingReleaseState.PathIn(root.ReleasesDir))) return;
        try
        {
            using var free = TryAcquire(root, LauncherCommands.Foreground);
            if (free is not null) CompleteRecordedChange(root);
        }
        catch (Exception e) when (e is RelToolException or IOException or UnauthorizedAccessException) { }
    }

    /// <summary>Completes a recorded change of RELEASES and start_erl.data (the caller holds the lock) and says so.</summary>
    public static void CompleteRecordedChange(ReleaseRoot root)
    {
        if (PendingReleaseState.Complete(root.ReleasesDir) is { } done) Console.Error.WriteLine($"[reltool] {done}");
    }

    private static string Holder(ReleaseRoot root)
    {
        try
        {
            var text = File.ReadAllText(root.HandlerLockHolderPath).Trim();
            var space = text.IndexOf(' ');
            return space > 0 ? $"pid {text[..space]} ({text[(space + 1)..]})" : "another process";
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException) { return "another process"; }
    }

    public void Dispose()
    {
        // The holder file is left: it is rewritten by the next holder and only read while someone holds the lock.
        stream.Dispose();
    }
}
