namespace RelTool.Boot.Layout;

/// <summary>Where things live under a release root (docs/release-layout.md).</summary>
public sealed class ReleaseRoot(string dir)
{
    public string Dir { get; } = Path.GetFullPath(dir).TrimEnd('/') is { Length: > 0 } d ? d : "/";

    public string ReleasesDir => Path.Combine(Dir, "releases");
    public string StartErlDataPath => Path.Combine(ReleasesDir, "start_erl.data");
    public string ReleasesFilePath => Path.Combine(ReleasesDir, "RELEASES");
    public string CookiePath => Path.Combine(ReleasesDir, "COOKIE");
    /// <summary>Held by the release-handler command or start that is changing this root (<see cref="HandlerLock"/>).</summary>
    public string HandlerLockPath => Path.Combine(ReleasesDir, ".lock");
    /// <summary>"PID COMMAND" of the lock's holder, for the message a second command prints.</summary>
    public string HandlerLockHolderPath => HandlerLockPath + ".holder";
    public string TmpDir => Path.Combine(Dir, "tmp");
    public string LogDir => Path.Combine(Dir, "log");
    public string RuntimeDir => Path.Combine(Dir, "runtime");
    /// <summary>The operator's files: never written by unpack, install, upgrade or downgrade (overlays only seed missing ones).</summary>
    public string EtcDir => Path.Combine(Dir, "etc");

    public string ReleaseDir(string vsn) => Path.Combine(ReleasesDir, vsn);
    public string BootFilePath(string vsn) => Path.Combine(ReleaseDir(vsn), "start.boot");
    public string HookPath(string vsn, string hook) => Path.Combine(ReleaseDir(vsn), "hooks", hook + ".sh");
    public string BinScript(string name) => Path.Combine(Dir, "bin", name);
    public string PidFile(string name) => Path.Combine(TmpDir, name + ".pid");
    public string LogFile(string name) => Path.Combine(LogDir, name + ".log");
    /// <summary>The pid of a started node's log writer: `start` waits for it to drain before it shows a failed node's log.</summary>
    /// <summary>The pid of the log writer of the node with pid <paramref name="nodePid"/>: during an overlapped install two nodes (and writers) share the log.</summary>
    public string LogWriterPidFile(string name, int nodePid) => Path.Combine(TmpDir, $"{name}.log-writer.{nodePid.ToString(System.Globalization.CultureInfo.InvariantCulture)}.pid");
    /// <summary>etc/&lt;name&gt;.env: NAME=VALUE lines every node and eval reads into the app's environment at boot.</summary>
    public string EnvFile(string name) => Path.Combine(EtcDir, name + ".env");

    /// <summary>The socket path when it fits in sun_path; otherwise the node records a short one in <see cref="ControlRecordPath"/>.</summary>
    public string DefaultSocketPath => Path.Combine(TmpDir, "control.sock");

    /// <summary>Holds the path of the running node's control socket.</summary>
    public string ControlRecordPath => Path.Combine(TmpDir, "control.path");

    /// <summary>Resolves a path from a manifest (relative to the root, '/'-separated).</summary>
    public string Resolve(string relative) => Path.GetFullPath(Path.Combine(Dir, relative));
}
