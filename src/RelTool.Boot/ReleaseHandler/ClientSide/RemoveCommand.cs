using RelTool.Boot.Layout;
using RelTool.Formats.Layout;
using RelTool.Formats.Manifests;

namespace RelTool.Boot.ReleaseHandler.ClientSide;

/// <summary>remove VSN: drops a release that is neither permanent nor running from RELEASES, with releases/VSN/ and
/// the lib dirs no other installed release uses.</summary>
public static class RemoveCommand
{
    public static int Run(ReleaseContext release, IReadOnlyList<string> args)
    {
        var version = VersionArgs.Parse(LauncherCommands.Remove, args).Version;
        var root = release.Root;
        var registry = new ReleasesRegistry(root);
        var entry = registry.Require(version);
        if (entry.Status == ReleaseStatus.Permanent)
            throw new LauncherException(ExitCodes.Failure, $"{version} is the permanent release; make another one permanent first");
        if (RunningNode.TryQuery(root) is { } node && node.Version == version)
            throw new LauncherException(ExitCodes.Failure, $"{version} is running");
        registry.Remove(version);
        var kept = registry.Read().Releases.SelectMany(r => r.Applications).Select(a => root.Resolve(a.LibDir)).ToHashSet(StringComparer.Ordinal);
        var removed = entry.Applications.Select(a => root.Resolve(a.LibDir)).Where(d => !kept.Contains(d) && Directory.Exists(d)).ToList();
        foreach (var dir in removed) Directory.Delete(dir, recursive: true);
        if (Directory.Exists(root.ReleaseDir(version))) Directory.Delete(root.ReleaseDir(version), recursive: true);
        Console.WriteLine($"removed {release.Name} {version}; lib dirs removed: {(removed.Count == 0 ? "none" : string.Join(' ', removed.Select(Path.GetFileName)))}");
        return ExitCodes.Ok;
    }
}
