using System.Collections.Immutable;
using RelTool.Formats.Layout;
using RelTool.Formats.Manifests;

namespace RelTool.Core.Inspect;

/// <summary>releases/start_erl.data (what bin/&lt;name&gt; boots) and releases/RELEASES (the installed releases), and whether they agree.</summary>
internal static class InstallationChecks
{
    public static StartErlFacts? ReadStartErl(InspectContext context)
    {
        const string path = ReleaseLayout.StartErlDataPath;
        var text = context.Text(path, "bin/<name> reads it to know which release to boot", absenceIsProblem: !context.InstalledPartsMayBeAbsent);
        if (text is null) return null;
        var data = context.Parse(path, () => StartErlData.Parse(text, path));
        return data is null ? null : new StartErlFacts(data.RuntimeVersion, data.ReleaseVersion);
    }

    /// <summary>The releases newest first; null when there is no RELEASES (not a problem) or it cannot be read (a problem).</summary>
    public static ImmutableArray<InstalledRelease>? ReadInstalled(InspectContext context)
    {
        const string path = ReleaseLayout.ReleasesFilePath;
        var text = context.Text(path, "", absenceIsProblem: false);
        if (text is null) return null;
        var file = context.Parse(path, () => ReleasesFile.Parse(text, path));
        return file?.Releases.Select(r => new InstalledRelease(r.Name, r.Version, r.ErtsVersion, ReleaseEntry.StatusName(r.Status))).ToImmutableArray();
    }

    public static void CheckAgreement(InspectContext context, StartErlFacts? startErl, ImmutableArray<InstalledRelease>? installed)
    {
        var files = context.Files;
        if (startErl is not null && context.AbsenceIsKnown && !files.HasDirectory(ReleaseLayout.ReleaseDirPath(startErl.ReleaseVersion)))
            context.Problem(ReleaseLayout.StartErlDataPath, $"names release {startErl.ReleaseVersion}, but {ReleaseLayout.ReleaseDirPath(startErl.ReleaseVersion)}/ does not exist");
        if (installed is not { } releases) return;
        if (context.AbsenceIsKnown)
            foreach (var r in releases.Where(r => !files.HasDirectory(ReleaseLayout.ReleaseDirPath(r.Version))))
                context.Problem(ReleaseLayout.ReleasesFilePath, $"lists {r.Name} {r.Version} ({r.Status}), but {ReleaseLayout.ReleaseDirPath(r.Version)}/ does not exist");
        var permanent = releases.FirstOrDefault(r => r.Status == "permanent");
        if (startErl is not null && permanent is not null && permanent.Version != startErl.ReleaseVersion)
            context.Problem(ReleaseLayout.StartErlDataPath,
                $"names release {startErl.ReleaseVersion}, but releases/RELEASES marks {permanent.Version} permanent (make_permanent writes both)");
    }
}
