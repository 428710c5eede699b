namespace RelTool.Boot.Commands;

/// <summary>help: the commands and exit codes.</summary>
public static class HelpCommand
{
    public static readonly (string Usage, string Summary)[] Commands =
    [
        ("foreground [-- ARGS]", "run the release in this process; ARGS go to the app's Main"),
        ("start [--timeout S] [-- ARGS]", "run it in the background (log/<name>.log); returns once it answers ping (default 60 s)"),
        ("stop [--timeout S]", "graceful stop through the control socket; SIGKILL after S seconds (default 30)"),
        ("restart [--timeout S]", "overlapped restart (Kestrel apps: no closed port), else stop (when running), then start"),
        ("pid", "print the running node's process id"),
        ("ping", "print pong when the node answers on its control socket"),
        ("versions", "installed releases and their status (releases/RELEASES)"),
        ("describe", "name, version, runtime, root, applications, status"),
        ("unpack VSN", "unpack releases/VSN/<name>[-from-*].tar.gz: new lib dirs and releases/VSN; RELEASES: unpacked"),
        ("install VSN [--timeout S]", "move the running node to VSN by its relup (live for RelTool.Runtime apps, else by overlapped restart or stop + start)"),
        ("make_permanent VSN", "boot VSN from now on (start_erl.data, RELEASES)"),
        ("remove VSN", "remove an installed release that is neither permanent nor running"),
        ("upgrade VSN [--timeout S]", "unpack + install + make_permanent"),
        ("downgrade VSN [--timeout S]", "install an older installed release (the newer relup's down script) + make_permanent"),
        ("systemd-unit [--user U] [--env-file F]", "print a systemd unit (Type=notify) that runs this root in the foreground"),
        ("eval TYPE.METHOD [ARGS]", "run a public static method of the release's code in a new process (the node need not run)"),
        ("rpc TYPE.METHOD [ARGS]", "run a public static method inside the running node and print its result"),
        ("help", "this text"),
    ];

    public static int Run(string name, TextWriter output, IReadOnlyList<RelTool.Formats.Manifests.ReleaseCommand>? releaseCommands = null)
    {
        output.WriteLine($"usage: bin/{name} COMMAND [OPTIONS]");
        output.WriteLine();
        output.WriteLine("commands:");
        var width = Commands.Max(c => c.Usage.Length);
        foreach (var (usage, summary) in Commands) output.WriteLine($"  {usage.PadRight(width)}  {summary}");
        if (releaseCommands is { Count: > 0 })
        {
            output.WriteLine();
            output.WriteLine("release commands (rel/config.yaml commands:):");
            var commandWidth = releaseCommands.Max(c => c.Name.Length);
            foreach (var c in releaseCommands)
                output.WriteLine($"  {c.Name.PadRight(commandWidth)}  {(c.Kind == RelTool.Formats.Manifests.ReleaseCommandKind.Eval ? "eval " : "script releases/<vsn>/")}{c.Target}");
        }
        output.WriteLine();
        output.WriteLine("exit codes:");
        foreach (var (code, meaning) in ExitCodes.All) output.WriteLine($"  {code}  {meaning}");
        output.WriteLine();
        output.WriteLine("hooks: releases/<vsn>/hooks/{pre_start,post_start,pre_stop,post_stop,pre_upgrade,post_upgrade}.sh, with REL_NAME, REL_VSN, RELEASE_ROOT_DIR (REL_FROM_VSN for upgrades)");
        return ExitCodes.Ok;
    }
}
