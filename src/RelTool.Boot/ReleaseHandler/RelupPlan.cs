using RelTool.Boot.Layout;
using RelTool.Formats.Manifests;
using RelTool.Formats.Manifests.Instructions;

namespace RelTool.Boot.ReleaseHandler;

/// <summary>
/// The relup script that moves a node from one release to another, as release_handler picks it: the up script for
/// From in To's relup, or else the down script for To in From's relup (a downgrade).
/// </summary>
public sealed record RelupPlan(string From, string To, bool IsDowngrade, IReadOnlyList<Instruction> Instructions, string Source)
{
    /// <summary>Whether the script restarts the runtime (restart_new_emulator/restart_emulator): done by a restart into To.</summary>
    public bool NeedsRestart => Instructions.Any(i => i is RestartNewEmulator or RestartEmulator
        || i is LegacyRestart { Name: "restart_new_emulator" or "restart_emulator" });

    public static RelupPlan Find(ReleaseRoot root, string from, string to)
    {
        var upPath = root.RelupPath(to);
        if (Read(upPath) is { } up && up.Up.FirstOrDefault(e => e.Vsn == from) is { } upEntry)
            return new RelupPlan(from, to, false, upEntry.Instructions, upPath);
        var downPath = root.RelupPath(from);
        if (Read(downPath) is { } down && down.Down.FirstOrDefault(e => e.Vsn == to) is { } downEntry)
            return new RelupPlan(from, to, true, downEntry.Instructions, downPath);
        throw new LauncherException(ExitCodes.Failure,
            $"no relup leads from {from} to {to}: {upPath} has no up script from {from} and {downPath} no down script to {to}");
    }

    private static RelupFile? Read(string path)
    {
        if (!File.Exists(path)) return null;
        try { return RelupFile.Read(path); }
        // A FileProblemException names the file itself; a plain FormatException does not.
        catch (Formats.FileProblemException e) { throw new LauncherException(ExitCodes.Failure, e.Message); }
        catch (FormatException e) { throw new LauncherException(ExitCodes.Failure, $"{path}: {e.Message}"); }
    }
}
