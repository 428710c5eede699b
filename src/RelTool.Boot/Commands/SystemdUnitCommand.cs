using System.Text;
using RelTool.Boot.Hosting;
using RelTool.Boot.Layout;
using RelTool.Formats.Layout;

namespace RelTool.Boot.Commands;

/// <summary>
/// systemd-unit [--user U] [--env-file F]: prints a systemd service unit that runs this release root in the foreground
/// as a Type=notify service (the node speaks sd_notify itself: <see cref="SystemdNotifier"/>). Install it with
/// `bin/NAME systemd-unit &gt; /etc/systemd/system/NAME.service` (docs/launcher.md).
/// </summary>
public static class SystemdUnitCommand
{
    /// <summary>How long systemd waits for READY=1: start's own default wait.</summary>
    private static readonly TimeSpan StartTimeout = StartCommand.DefaultTimeout + TimeSpan.FromSeconds(30);

    /// <summary>How long systemd waits after SIGTERM before SIGKILL: the node's grace period, with room for the app's own shutdown.</summary>
    private static readonly TimeSpan StopTimeout = TimeSpan.FromSeconds(30);

    public static int Run(ReleaseContext release, IReadOnlyList<string> args)
    {
        string? user = null, envFile = null;
        for (var i = 0; i < args.Count; i++)
        {
            switch (args[i])
            {
                case "--user": user = Value(args, ref i); break;
                case "--env-file": envFile = Value(args, ref i); break;
                default: throw new LauncherException(ExitCodes.Usage, $"systemd-unit: unexpected argument '{args[i]}'; usage: systemd-unit [--user USER] [--env-file FILE]");
            }
        }
        if (envFile is not null && !Path.IsPathRooted(envFile))
            throw new LauncherException(ExitCodes.Usage, $"systemd-unit: --env-file needs an absolute path, got '{envFile}'");
        Console.Write(Format(release, user, envFile));
        return ExitCodes.Ok;
    }

    public static string Format(ReleaseContext release, string? user, string? envFile)
    {
        var root = release.Root;
        var unit = new StringBuilder();
        unit.Append($"""
            # {release.Name}: the release at {root.Dir}, written by `bin/{release.Name} systemd-unit`.
            # The node reads etc/{release.Name}.env and etc/appsettings*.json itself at every boot.
            [Unit]
            Description={Escape(release.Name)} (reltool release in {Escape(root.Dir)})
            Wants=network-online.target
            After=network-online.target

            [Service]
            Type=notify
            # The node, and after a restart upgrade the new node it hands the service to (MAINPID=), notify from any process of the unit.
            NotifyAccess=all
            ExecStart={Quote(root.BinScript(release.Name))} {LauncherCommands.Foreground}
            WorkingDirectory={Escape(root.Dir)}

            """);
        if (user is not null) unit.Append($"User={Escape(user)}\n");
        if (envFile is not null) unit.Append($"EnvironmentFile={Escape(envFile)}\n");
        unit.Append($"""
            Restart=on-failure
            RestartSec=5
            TimeoutStartSec={(int)StartTimeout.TotalSeconds}
            TimeoutStopSec={(int)StopTimeout.TotalSeconds}
            # SIGTERM to the node (a graceful stop), then SIGKILL to whatever of the unit is left after TimeoutStopSec.
            KillMode=mixed
            # stdout and stderr go to the journal; `start`'s log/ files are not used under systemd.
            SyslogIdentifier={Escape(release.Name)}

            [Install]
            WantedBy=multi-user.target

            """);
        return unit.ToString();
    }

    private static string Value(IReadOnlyList<string> args, ref int i)
    {
        if (i + 1 == args.Count || args[i + 1].Length == 0)
            throw new LauncherException(ExitCodes.Usage, $"systemd-unit: {args[i]} needs a value");
        var value = args[++i];
        if (value.Any(char.IsControl)) throw new LauncherException(ExitCodes.Usage, $"systemd-unit: {args[i - 1]} must be one line");
        return value;
    }

    /// <summary>'%' starts a specifier in unit files.</summary>
    private static string Escape(string text)
    {
        if (text.Any(char.IsControl)) throw new LauncherException(ExitCodes.Failure, $"'{text}' cannot go into a unit file");
        return text.Replace("%", "%%", StringComparison.Ordinal);
    }

    /// <summary>A command-line word: quoted so a root with spaces works; '\' and '"' escaped as systemd's parser expects.</summary>
    private static string Quote(string path) =>
        "\"" + Escape(path).Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal) + "\"";
}
