using RelTool.Formats.Layout;
using RelTool.Formats.Manifests;
using RelTool.Formats.Terms;

namespace RelTool.Core.Inspect;

/// <summary>releases/&lt;V&gt;/relup: which versions it upgrades from and downgrades to, and that it is for &lt;V&gt;.</summary>
internal static class RelupCheck
{
    public static RelupFacts? Read(InspectContext context, string version)
    {
        var path = ReleaseLayout.ReleaseFilePath(version, ReleaseLayout.RelupFileName);
        var text = context.Text(path, "", absenceIsProblem: false);
        if (text is null) return context.Files.HasFile(path) ? new RelupFacts(path, false, [], []) : null;
        var relup = context.Parse(path, () => RelupFile.Parse(TermReader.Parse(text, path), path));
        if (relup is null) return new RelupFacts(path, false, [], []);
        if (relup.Vsn != version) context.Problem(path, $"is for release {relup.Vsn}, but lies in {ReleaseLayout.ReleaseDirPath(version)}/");
        return new RelupFacts(path, true, [.. relup.Up.Select(e => e.Vsn)], [.. relup.Down.Select(e => e.Vsn)]);
    }
}
