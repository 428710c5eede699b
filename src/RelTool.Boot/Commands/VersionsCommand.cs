using RelTool.Boot.Layout;
using RelTool.Boot.ReleaseHandler;
using RelTool.Formats.Layout;

namespace RelTool.Boot.Commands;

/// <summary>versions: each installed release from releases/RELEASES: "NAME VSN STATUS[ FLAGS]", FLAGS from current (start_erl.data) and running.</summary>
public static class VersionsCommand
{
    public static int Run(ReleaseContext release, IReadOnlyList<string> args)
    {
        CommandArgs.Parse(LauncherCommands.Versions, args);
        var running = RunningNode.TryQueryQuietly(release.Root)?.Version;
        ReleasesFile installed;
        try { installed = ReleasesFile.Read(release.Root.ReleasesFilePath); }
        catch (Exception e) when (e is FormatException or Formats.FileProblemException) { throw new LauncherException(ExitCodes.Failure, e.Message); }
        foreach (var r in installed.Releases)
        {
            var status = ReleaseEntry.StatusName(r.Status);
            var flags = new List<string>();
            if (r.Version == release.Version) flags.Add("current");
            if (r.Version == running) flags.Add("running");
            Console.WriteLine(flags.Count == 0 ? $"{r.Name} {r.Version} {status}" : $"{r.Name} {r.Version} {status} {string.Join(',', flags)}");
        }
        return ExitCodes.Ok;
    }
}
