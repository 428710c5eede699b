namespace RelTool.Formats.Layout;

/// <summary>The paths of <see cref="ReleaseLayout"/> under one release root directory (docs/release-layout.md).</summary>
public sealed class ReleaseRoot(string dir)
{
    public string Dir { get; } = Path.GetFullPath(dir).TrimEnd('/') is { Length: > 0 } d ? d : "/";

    public string BinDir => Path.Combine(Dir, ReleaseLayout.BinDir);
    public string LibDir => Path.Combine(Dir, ReleaseLayout.LibDir);
    public string ReleasesDir => Path.Combine(Dir, ReleaseLayout.ReleasesDir);
    public string StartErlDataPath => Path.Combine(ReleasesDir, ReleaseLayout.StartErlDataFileName);
    public string ReleasesFilePath => Path.Combine(ReleasesDir, ReleaseLayout.ReleasesFileName);
    public string CookiePath => Path.Combine(ReleasesDir, ReleaseLayout.CookieFileName);
    /// <summary>Held by the release-handler command or start that is changing this root.</summary>
    public string HandlerLockPath => Path.Combine(ReleasesDir, ReleaseLayout.HandlerLockFileName);
    /// <summary>"PID COMMAND" of the lock's holder, for the message a second command prints.</summary>
    public string HandlerLockHolderPath => HandlerLockPath + ".holder";
    public string TmpDir => Path.Combine(Dir, ReleaseLayout.TmpDir);
    public string LogDir => Path.Combine(Dir, ReleaseLayout.LogDir);
    public string RuntimeDir => Path.Combine(Dir, ReleaseLayout.RuntimeDir);
    /// <summary>The operator's files: never written by unpack, install, upgrade or downgrade (overlays only seed missing ones).</summary>
    public string EtcDir => Path.Combine(Dir, ReleaseLayout.EtcDir);

    public string ReleaseDir(string vsn) => Path.Combine(ReleasesDir, vsn);
    public string BootFilePath(string vsn) => Path.Combine(ReleaseDir(vsn), ReleaseLayout.BootFileName);
    public string RelupPath(string vsn) => Path.Combine(ReleaseDir(vsn), ReleaseLayout.RelupFileName);
    public string HostArgsPath(string vsn) => Path.Combine(ReleaseDir(vsn), ReleaseLayout.HostArgsFileName);
    public string HealthUrlPath(string vsn) => Path.Combine(ReleaseDir(vsn), ReleaseLayout.HealthUrlFileName);
    public string RuntimeConfigPath(string vsn) => Path.Combine(ReleaseDir(vsn), ReleaseLayout.RuntimeConfigFileName);
    public string RelFilePath(string vsn, string releaseName) => Path.Combine(ReleaseDir(vsn), ReleaseLayout.RelFileName(releaseName));
    public string HookPath(string vsn, string hook) => Path.Combine(ReleaseDir(vsn), ReleaseLayout.HooksDir, hook + ".sh");
    public string LibDirOf(string application, string version) => Path.Combine(LibDir, ReleaseLayout.LibDirName(application, version));
    public string LibDirOf(string libDirName) => Path.Combine(LibDir, libDirName);
    public string BinScript(string name) => Path.Combine(BinDir, name);
    public string PidFile(string name) => Path.Combine(TmpDir, name + ".pid");
    public string LogFile(string name) => Path.Combine(LogDir, name + ".log");
    /// <summary>The pid of a started node's log writer: `start` waits for it to drain before it shows a failed node's log.</summary>
    /// <summary>The pid of the log writer of the node with pid <paramref name="nodePid"/>: during an overlapped install two nodes (and writers) share the log.</summary>
    public string LogWriterPidFile(string name, int nodePid) => Path.Combine(TmpDir, $"{name}.log-writer.{nodePid.ToString(System.Globalization.CultureInfo.InvariantCulture)}.pid");
    /// <summary>etc/&lt;name&gt;.env: NAME=VALUE lines every node and eval reads into the app's environment at boot.</summary>
    public string EnvFile(string name) => Path.Combine(EtcDir, name + ".env");

    /// <summary>The socket path when it fits in sun_path; otherwise the node records a short one in <see cref="ControlRecordPath"/>.</summary>
    public string DefaultSocketPath => Path.Combine(TmpDir, ReleaseLayout.ControlSocketFileName);

    /// <summary>Holds the path of the running node's control socket.</summary>
    public string ControlRecordPath => Path.Combine(TmpDir, ReleaseLayout.ControlRecordFileName);

    public string SuccessorSocketPath => Path.Combine(TmpDir, ReleaseLayout.SuccessorSocketFileName);

    /// <summary>Resolves a path from a manifest (relative to the root, '/'-separated).</summary>
    public string Resolve(string relative) => Path.GetFullPath(Path.Combine(Dir, relative));
}
