using RelTool.Formats.Terms;

namespace RelTool.Core.Layout.Manifests;

/// <summary>releases/&lt;Vsn&gt;/&lt;name&gt;.rel: <c>{release,{"name","vsn"},{erts,"runtime vsn"},[{'App',"vsn"},...]}.</c></summary>
public static class RelManifest
{
    public static string FileName(string releaseName) => releaseName + ".rel";

    public static Term ToTerm(string releaseName, string releaseVersion, string runtimeVersion, IEnumerable<PackagedApplication> applications) =>
        Erl.Tuple(
            Erl.Atom("release"),
            Erl.Tuple(Erl.Str(releaseName), Erl.Str(releaseVersion)),
            Erl.Tuple(Erl.Atom("erts"), Erl.Str(runtimeVersion)),
            Erl.List(applications.Select(a => (Term)Erl.Tuple(Erl.Atom(a.Name), Erl.Str(a.Version)))));

    public static string Format(string releaseName, string releaseVersion, string runtimeVersion, IEnumerable<PackagedApplication> applications) =>
        ConsultFile.FormatTerms(ToTerm(releaseName, releaseVersion, runtimeVersion, applications));
}
