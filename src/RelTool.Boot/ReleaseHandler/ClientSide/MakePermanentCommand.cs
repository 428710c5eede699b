using RelTool.Boot.Layout;
using RelTool.Formats.Layout;

namespace RelTool.Boot.ReleaseHandler.ClientSide;

/// <summary>make_permanent VSN: the running release VSN becomes the one bin/&lt;name&gt; boots (start_erl.data) and
/// RELEASES marks it permanent and the previous permanent release old.</summary>
public static class MakePermanentCommand
{
    public static int Run(ReleaseContext release, IReadOnlyList<string> args)
    {
        var root = release.Root;
        var version = VersionArgs.Parse(LauncherCommands.MakePermanent, args).Version;
        new ReleasesRegistry(root).Require(version);
        var node = RunningNode.Require(root);
        if (node.Version != version)
            throw new LauncherException(ExitCodes.Failure, $"{release.Name} runs {node.Version}, not {version}: install {version} first");
        MakePermanent(root, release.Name, version);
        return ExitCodes.Ok;
    }

    /// <summary>Makes <paramref name="version"/>, which the node runs (the caller knows it), permanent.</summary>
    public static void MakePermanent(ReleaseRoot root, string name, string version)
    {
        var registry = new ReleasesRegistry(root);
        registry.MakePermanent(registry.Require(version));
        Console.WriteLine($"{name} {version} is permanent");
    }
}
