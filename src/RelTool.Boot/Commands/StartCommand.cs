using System.Diagnostics;
using RelTool.Boot.Control;
using RelTool.Boot.Hosting;
using RelTool.Boot.Layout;
using RelTool.Formats.Layout;

namespace RelTool.Boot.Commands;

/// <summary>
/// start [--timeout S] [-- ARGS]: runs the node in the background and returns once it answers ping and its app is ready
/// (a generic host has raised ApplicationStarted; see <see cref="Hosting.HostReadiness"/>).
/// </summary>
public static class StartCommand
{
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(60);

    /// <summary>`sh -c DetachScript NAME LOG COMMAND...`: the node gets its own session (setsid in the node), no stdin, and appends stdout/stderr to LOG.</summary>
    public const string DetachScript = "log=$1; shift; exec \"$@\" </dev/null >>\"$log\" 2>&1";

    /// <param name="startup">How an earlier node was started (a restart install): the node gets its environment (over
    /// this process's), and its app arguments unless <paramref name="args"/> has some; null: this process's environment.</param>
    public static int Run(ReleaseContext release, IReadOnlyList<string> args, NodeStartup? startup = null)
    {
        var parsed = CommandArgs.Parse(LauncherCommands.Start, args, allowTimeout: true, allowAppArgs: true);
        var root = release.Root;
        switch (ControlClient.TrySend(root, NodeCommands.Pid))
        {
            case { Ok: true } running:
                throw new LauncherException(ExitCodes.AlreadyRunning, $"{release.Name} is already running (pid {running.Lines.FirstOrDefault()})");
            case { ErrorKind: ControlClient.CookieProblem } noCookie:
                throw new LauncherException(ExitCodes.Failure, $"cannot tell whether {release.Name} runs: {noCookie.Message}");
        }

        Cookie.Ensure(root);
        Hooks.Run(release, "pre_start");
        var log = NodeLog.Prepare(root, release.Name);
        DetachedLog.RemoveStale(root, release.Name);
        var logOffset = File.Exists(log) ? new FileInfo(log).Length : 0;

        var start = new ProcessStartInfo("/bin/sh") { UseShellExecute = false, WorkingDirectory = root.Dir };
        foreach (var a in new[] { "-c", DetachScript, "reltool-start", log, root.BinScript(release.Name), LauncherCommands.Foreground, "--detached" }) start.ArgumentList.Add(a);
        IReadOnlyList<string> appArgs = parsed.AppArgs.Length > 0 ? parsed.AppArgs : startup?.AppArgs ?? [];
        if (appArgs.Count > 0)
        {
            start.ArgumentList.Add("--");
            foreach (var a in appArgs) start.ArgumentList.Add(a);
        }
        if (startup is not null) UseEnvironment(start, startup);
        // The node and what it starts take the handler lock like anyone else; only this start ran under another's.
        start.Environment.Remove(HandlerLock.HeldByParentVariable);
        using var node = Process.Start(start) ?? throw new LauncherException(ExitCodes.Failure, "could not start the node");

        var deadline = Stopwatch.StartNew();
        var timeout = parsed.Timeout ?? DefaultTimeout;
        while (true)
        {
            if (node.HasExited)
            {
                // sh execs bin/<name>, which execs the runtime: the process started is the node.
                DetachedLog.WaitForWriter(root, release.Name, node.Id);
                throw Failed($"the node exited with code {node.ExitCode} while starting", log, logOffset);
            }
            var reply = ControlClient.TrySend(root, NodeCommands.Ping);
            if (reply is not null && reply.ErrorKind == "denied")
                throw Failed("the node refused the cookie in releases/COOKIE", log, logOffset);
            var answers = reply is { Ok: true };
            if (answers && IsReady(ControlClient.TrySend(root, NodeCommands.Ready))) break;
            if (deadline.Elapsed > timeout)
            {
                node.Kill(entireProcessTree: true);
                // Gone before the caller goes on: a rollback must not find the killed node still holding its socket.
                node.WaitForExit(TimeSpan.FromSeconds(10));
                var problem = answers
                    ? "the node answers ping, but the app's host did not report started (ApplicationStarted)"
                    : "the node did not answer ping";
                throw Failed($"{problem} within {timeout.TotalSeconds:0.#} s and was killed; a slow start needs a longer --timeout", log, logOffset);
            }
            Thread.Sleep(100);
        }

        Hooks.Run(release, "post_start");
        Console.WriteLine($"{release.Name} {release.Version} started (pid {node.Id})");
        return ExitCodes.Ok;
    }

    /// <summary>The earlier node's variables win; those only this process has (none of the node's) are added.</summary>
    private static void UseEnvironment(ProcessStartInfo start, NodeStartup startup)
    {
        foreach (var (key, value) in startup.Environment) start.Environment[key] = value;
    }

    /// <summary>A node from a launcher without the ready command counts as ready once it answers ping.</summary>
    private static bool IsReady(ControlReply? reply) => reply is { Ok: true } or { ErrorKind: ControlCommandTable.UnknownCommandKind };

    private static LauncherException Failed(string problem, string log, long offset)
    {
        var tail = LogTail.Read(log, offset);
        var message = tail.Length == 0 ? $"{problem}; {log} is empty" : $"{problem}; the end of {log}:\n{tail}";
        return new LauncherException(ExitCodes.Failure, message);
    }
}
