using RelTool.Boot.Layout;

namespace RelTool.Boot.ReleaseHandler;

/// <summary>make_permanent VSN: the running release VSN becomes the one bin/&lt;name&gt; boots (start_erl.data) and
/// RELEASES marks it permanent and the previous permanent release old.</summary>
public static class MakePermanentCommand
{
    public static int Run(ReleaseContext release, IReadOnlyList<string> args)
    {
        MakePermanent(release.Root, release.Name, VersionArgs.Parse("make_permanent", args).Version);
        return ExitCodes.Ok;
    }

    public static void MakePermanent(ReleaseRoot root, string name, string version)
    {
        var registry = new ReleasesRegistry(root);
        var entry = registry.Require(version);
        var node = RunningNode.Require(root);
        if (node.Version != version)
            throw new LauncherException(ExitCodes.Failure, $"{name} runs {node.Version}, not {version}: install {version} first");
        registry.MakePermanent(entry);
        Console.WriteLine($"{name} {version} is permanent");
    }
}
