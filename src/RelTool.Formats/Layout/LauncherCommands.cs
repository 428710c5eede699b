using System.Collections.Immutable;

namespace RelTool.Formats.Layout;

/// <summary>One of the launcher's own commands, as `help` lists it.</summary>
public sealed record LauncherCommand(string Name, string Arguments, string Summary)
{
    public string Usage => Arguments.Length == 0 ? Name : $"{Name} {Arguments}";
}

/// <summary>
/// The launcher's own commands (`bin/&lt;name&gt; COMMAND`): their names, used wherever one is run or written (the
/// launcher's dispatch, a unit's ExecStart, an image's entrypoint, a node started by another command), what `help` lists,
/// and the names a release's own commands (rel/config.yaml `commands:`) may not take.
/// </summary>
public static class LauncherCommands
{
    public const string Foreground = "foreground";
    public const string Start = "start";
    public const string Stop = "stop";
    public const string Restart = "restart";
    public const string Pid = "pid";
    public const string Ping = "ping";
    public const string Versions = "versions";
    public const string Describe = "describe";
    public const string Unpack = "unpack";
    public const string Install = "install";
    public const string MakePermanent = "make_permanent";
    public const string Remove = "remove";
    public const string Upgrade = "upgrade";
    public const string Downgrade = "downgrade";
    public const string SystemdUnit = "systemd-unit";
    public const string Eval = "eval";
    public const string Rpc = "rpc";
    public const string Help = "help";

    /// <summary>Not listed: a detached node pipes its output through it into the rotating log.</summary>
    public const string LogWriter = "log-writer";

    /// <summary>What `help` lists, in its order.</summary>
    public static readonly ImmutableArray<LauncherCommand> Listed =
    [
        new(Foreground, "[-- ARGS]", "run the release in this process; ARGS go to the app's Main"),
        new(Start, "[--timeout S] [-- ARGS]", "run it in the background (log/<name>.log); returns once it answers ping (default 60 s)"),
        new(Stop, "[--timeout S]", "graceful stop through the control socket; SIGKILL after S seconds (default 30)"),
        new(Restart, "[--timeout S]", "overlapped restart (Kestrel apps: no closed port), else stop (when running), then start"),
        new(Pid, "", "print the running node's process id"),
        new(Ping, "", "print pong when the node answers on its control socket"),
        new(Versions, "", "installed releases and their status (releases/RELEASES)"),
        new(Describe, "", "name, version, runtime, root, applications, status"),
        new(Unpack, "VSN", "unpack releases/VSN/<name>[-from-*].tar.gz: new lib dirs and releases/VSN; RELEASES: unpacked"),
        new(Install, "VSN [--timeout S]", "move the running node to VSN by its relup (live for RelTool.Runtime apps, else by overlapped restart or stop + start)"),
        new(MakePermanent, "VSN", "boot VSN from now on (start_erl.data, RELEASES)"),
        new(Remove, "VSN", "remove an installed release that is neither permanent nor running"),
        new(Upgrade, "VSN [--timeout S]", "unpack + install + make_permanent"),
        new(Downgrade, "VSN [--timeout S]", "install an older installed release (the newer relup's down script) + make_permanent"),
        new(SystemdUnit, "[--user U] [--env-file F]", "print a systemd unit (Type=notify) that runs this root in the foreground"),
        new(Eval, "TYPE.METHOD [ARGS]", "run a public static method of the release's code in a new process (the node need not run)"),
        new(Rpc, "TYPE.METHOD [ARGS]", "run a public static method inside the running node and print its result"),
        new(Help, "", "this text"),
    ];

    /// <summary>Other spellings of <see cref="Help"/>.</summary>
    public static readonly ImmutableArray<string> HelpAliases = ["--help", "-h"];

    /// <summary>Every name the launcher takes itself: a release command may not shadow one.</summary>
    public static readonly IReadOnlySet<string> Reserved =
        new HashSet<string>([.. Listed.Select(c => c.Name), .. HelpAliases, LogWriter], StringComparer.Ordinal);

    public static bool IsHelp(string command) => command == Help || HelpAliases.Contains(command);

    /// <summary>
    /// A launcher command that runs no app code in its own process: all but the node and eval (a release's own
    /// commands may). Such a process need not keep the app's settings (it takes the invariant globalization).
    /// </summary>
    public static bool RunsNoAppCode(string command) => command is not (Foreground or Eval) && Reserved.Contains(command);

    /// <summary>
    /// What bin/&lt;name&gt; runs with the launcher's native client where the release has one (releases/&lt;vsn&gt;/client.args):
    /// the commands that run no app code (which that build cannot load), in ordinal order; but describe, which reports the
    /// runtime the release's launcher loads, and only a process on that runtime can tell. Computed when asked (only a
    /// build asks): as a static field it made every launcher process sort at start (the sort's vectorised code is
    /// JIT-compiled: ~5 ms of each node start and DLL command).
    /// </summary>
    public static ImmutableArray<string> RunByNativeClient => [.. Reserved.Where(c => RunsNoAppCode(c) && c != Describe).Order(StringComparer.Ordinal)];
}
