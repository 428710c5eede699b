using System.Diagnostics;
using RelTool.Boot.Layout;

namespace RelTool.Boot.Commands;

/// <summary>Runs releases/&lt;Vsn&gt;/hooks/&lt;hook&gt;.sh when present, with REL_NAME, REL_VSN and RELEASE_ROOT_DIR set.</summary>
public static class Hooks
{
    public static void Run(ReleaseContext release, string hook)
    {
        var path = release.Root.HookPath(release.Version, hook);
        if (!File.Exists(path)) return;
        RunScript(release, hook, path);
    }

    // Apart, so that a release without the hook does not load System.Diagnostics.Process (a node's start runs this
    // before the app's Main).
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.NoInlining)]
    private static void RunScript(ReleaseContext release, string hook, string path)
    {
        var start = new ProcessStartInfo("/bin/sh") { UseShellExecute = false, WorkingDirectory = release.Root.Dir };
        start.ArgumentList.Add(path);
        foreach (var (key, value) in release.Environment) start.Environment[key] = value;
        using var process = Process.Start(start) ?? throw new LauncherException(ExitCodes.Failure, $"could not run {path}");
        process.WaitForExit();
        if (process.ExitCode != 0)
            throw new LauncherException(ExitCodes.Failure, $"hook {hook} ({path}) failed with exit code {process.ExitCode}");
    }
}
