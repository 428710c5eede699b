using RelTool.Formats.Manifests;

namespace RelTool.Boot.Layout;

/// <summary>The release bin/&lt;name&gt; boots: the root, start_erl.data and that release's start.boot.</summary>
public sealed class ReleaseContext
{
    private readonly Lazy<BootFile> boot;

    public ReleaseContext(ReleaseRoot root)
    {
        Root = root;
        StartErl = StartErlData.Read(root.StartErlDataPath);
        boot = new Lazy<BootFile>(() =>
        {
            var path = root.BootFilePath(StartErl.ReleaseVersion);
            if (!File.Exists(path)) throw new LauncherException(ExitCodes.Failure, $"{path}: missing");
            try { return BootFile.Read(path); }
            catch (FormatException e) { throw new LauncherException(ExitCodes.Failure, e.Message); }
        });
    }

    public ReleaseRoot Root { get; }
    public StartErlData StartErl { get; }
    public BootFile Boot => boot.Value;
    public string Name => Boot.ReleaseName;
    public string Version => StartErl.ReleaseVersion;

    /// <summary>Environment every hook and the app see.</summary>
    public IReadOnlyDictionary<string, string> Environment => new Dictionary<string, string>
    {
        ["REL_NAME"] = Name,
        ["REL_VSN"] = Version,
        ["RELEASE_ROOT_DIR"] = Root.Dir,
    };
}
