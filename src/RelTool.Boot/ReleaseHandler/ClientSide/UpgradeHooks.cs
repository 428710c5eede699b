using System.Diagnostics;
using RelTool.Boot.Layout;

namespace RelTool.Boot.ReleaseHandler.ClientSide;

/// <summary>
/// pre_upgrade and post_upgrade: releases/&lt;target vsn&gt;/hooks/&lt;hook&gt;.sh, run with /bin/sh in the root with
/// REL_NAME, REL_VSN (the target), REL_FROM_VSN and RELEASE_ROOT_DIR. A failing pre_upgrade aborts the command.
/// </summary>
public static class UpgradeHooks
{
    public static void Run(ReleaseRoot root, string name, string hook, string from, string to)
    {
        var path = root.HookPath(to, hook);
        if (!File.Exists(path)) return;
        var start = new ProcessStartInfo("/bin/sh") { UseShellExecute = false, WorkingDirectory = root.Dir };
        start.ArgumentList.Add(path);
        start.Environment["REL_NAME"] = name;
        start.Environment["REL_VSN"] = to;
        start.Environment["REL_FROM_VSN"] = from;
        start.Environment["RELEASE_ROOT_DIR"] = root.Dir;
        using var process = Process.Start(start) ?? throw new LauncherException(ExitCodes.Failure, $"could not run {path}");
        process.WaitForExit();
        if (process.ExitCode != 0)
            throw new LauncherException(ExitCodes.Failure, $"hook {hook} ({path}) failed with exit code {process.ExitCode}");
    }
}
