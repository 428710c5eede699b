using RelTool.Formats.Manifests;

namespace RelTool.Boot.Layout;

/// <summary>The release bin/&lt;name&gt; boots: the root, start_erl.data and that release's start.boot.</summary>
public sealed class ReleaseContext
{
    private readonly Lazy<BootFile> boot;
    private readonly string? knownName;

    /// <param name="knownName">The release's name when the caller was given it (a node started by bin/&lt;name&gt;,
    /// <see cref="Hosting.NodeEntry"/>): start.boot, where it is written, is then read only when needed.</param>
    public ReleaseContext(ReleaseRoot root, string? knownName = null)
    {
        Root = root;
        this.knownName = knownName;
        try { StartErl = StartErlData.Read(root.StartErlDataPath); }
        catch (Exception e) when (e is FormatException or Formats.FileProblemException) { throw new LauncherException(ExitCodes.Failure, e.Message); }
        boot = new Lazy<BootFile>(() =>
        {
            var path = root.BootFilePath(Version);
            if (!File.Exists(path)) throw new LauncherException(ExitCodes.Failure, $"{path}: missing");
            try { return BootFile.Read(path); }
            catch (Exception e) when (e is FormatException or Formats.FileProblemException) { throw new LauncherException(ExitCodes.Failure, e.Message); }
        });
    }

    public ReleaseRoot Root { get; }
    public StartErlData StartErl { get; }
    public BootFile Boot => boot.Value;
    public string Name => knownName ?? Boot.ReleaseName;
    /// <summary>The release to boot: start_erl.data's, unless the release handler names another in <see cref="BootVersionVariable"/>.</summary>
    public string Version => System.Environment.GetEnvironmentVariable(BootVersionVariable) is { Length: > 0 } chosen ? chosen : StartErl.ReleaseVersion;

    /// <summary>Set by the release handler (and read by bin/&lt;name&gt;) to boot a release that is not permanent.</summary>
    public const string BootVersionVariable = "RELTOOL_BOOT_VSN";

    /// <summary>
    /// Environment every hook, eval and the app see: etc/&lt;name&gt;.env (read at every call: the operator may have
    /// edited it), then REL_NAME, REL_VSN and RELEASE_ROOT_DIR.
    /// </summary>
    public IReadOnlyDictionary<string, string> Environment
    {
        get
        {
            var environment = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var (key, value) in EnvFile.Read(Root.EnvFile(Name))) environment[key] = value;
            environment["REL_NAME"] = Name;
            environment["REL_VSN"] = Version;
            environment["RELEASE_ROOT_DIR"] = Root.Dir;
            return environment;
        }
    }
}
