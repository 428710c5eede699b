using System.Diagnostics;
using System.Globalization;
using RelTool.Boot.Layout;
using RelTool.Formats.Layout;

namespace RelTool.Boot.ReleaseHandler.NodeSide;

/// <summary>
/// Ends this node and brings the permanent release (start_erl.data) up in its place: a detached shell waits for
/// this process to exit, then runs bin/&lt;name&gt; start (OTP restarts the emulator through heart instead).
/// </summary>
public static class NodeRestart
{
    private const string Script =
        "pid=$1; log=$2; shift 2; while kill -0 \"$pid\" 2>/dev/null; do sleep 0.1; done; exec \"$@\" </dev/null >>\"$log\" 2>&1";

    /// <param name="appArgs">This node's app arguments, which the new node gets too.</param>
    public static void IntoPermanent(ReleaseRoot root, string name, IReadOnlyList<string> appArgs)
    {
        var start = new ProcessStartInfo("/bin/sh") { UseShellExecute = false, WorkingDirectory = root.Dir };
        foreach (var a in new[] { "-c", Script, "reltool-restart", Environment.ProcessId.ToString(CultureInfo.InvariantCulture), root.LogFile(name), root.BinScript(name), LauncherCommands.Start })
            start.ArgumentList.Add(a);
        if (appArgs.Count > 0) start.ArgumentList.Add("--");
        foreach (var a in appArgs) start.ArgumentList.Add(a);
        start.Environment.Remove(ReleaseContext.BootVersionVariable);
        // The install command that asked for this install holds the handler lock and waits for this start.
        start.Environment[HandlerLock.HeldByParentVariable] = "1";
        NodeLog.Prepare(root, name);
        Process.Start(start)?.Dispose();
        Console.Error.WriteLine($"[reltool] {name}: exiting; the permanent release starts when this process is gone");
        Environment.Exit(70);
    }
}
