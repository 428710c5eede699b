using RelTool.Formats.Manifests;

namespace RelTool.Formats.Layout;

/// <summary>
/// releases/.pending: a change of RELEASES and start_erl.data that is under way. Both files are replaced one after
/// the other (each atomically), so a process killed between the two renames would leave them disagreeing; the new
/// content of both is therefore written here first (atomically), then the two files, then this file is removed. Whoever
/// changes release state next (the launcher's release-handler commands and start, reltool release) calls
/// <see cref="Complete"/> first, which finishes such a change: a kill at any point leaves either the old state, or
/// this file and a state that <see cref="Complete"/> turns into the new one.
/// </summary>
public sealed record PendingReleaseState(ReleasesFile Releases, StartErlData? StartErl)
{
    /// <summary>Separates the RELEASES text from start_erl.data's (neither can contain it: RELEASES is one term).</summary>
    private const string StartErlMarker = "\n%% " + ReleaseLayout.StartErlDataFileName + ": ";

    public static string PathIn(string releasesDir) => Path.Combine(releasesDir, ReleaseLayout.PendingFileName);

    /// <summary>Records the change, applies it, and removes the record.</summary>
    public void Apply(string releasesDir)
    {
        var record = PathIn(releasesDir);
        AtomicFile.WriteAllText(record, Releases.Format() + (StartErl is null ? "" : StartErlMarker + StartErl.Format() + "\n"));
        FaultPoint.Hit("release-state:recorded");
        ApplyFiles(releasesDir);
        File.Delete(record);
    }

    /// <summary>Finishes a change a killed process left recorded; returns what it did (null: nothing was pending).</summary>
    public static string? Complete(string releasesDir)
    {
        var record = PathIn(releasesDir);
        if (!File.Exists(record)) return null;
        var pending = Parse(File.ReadAllText(record), record);
        pending.ApplyFiles(releasesDir);
        File.Delete(record);
        return $"completed an interrupted change of {ReleaseLayout.ReleasesFileName}" + (pending.StartErl is null ? "" : $" and {ReleaseLayout.StartErlDataFileName} ({pending.StartErl.Format()})");
    }

    private void ApplyFiles(string releasesDir)
    {
        Releases.Write(Path.Combine(releasesDir, ReleaseLayout.ReleasesFileName));
        FaultPoint.Hit("release-state:releases-written");
        StartErl?.Write(Path.Combine(releasesDir, ReleaseLayout.StartErlDataFileName));
    }

    public static PendingReleaseState Parse(string text, string fileName)
    {
        var marker = text.IndexOf(StartErlMarker, StringComparison.Ordinal);
        var releases = ReleasesFile.Parse(marker < 0 ? text : text[..marker], fileName);
        var startErl = marker < 0 ? null : StartErlData.Parse(text[(marker + StartErlMarker.Length)..], fileName);
        return new PendingReleaseState(releases, startErl);
    }
}
