using RelTool.Formats.Manifests;

namespace RelTool.Core.Layout.Manifests;

/// <summary>releases/&lt;Vsn&gt;/&lt;name&gt;.rel as a <see cref="RelFile"/>: <c>{release,{"name","vsn"},{erts,"runtime vsn"},[{'App',"vsn"},...]}.</c></summary>
public static class RelManifest
{
    public static RelFile ToRelFile(string releaseName, string releaseVersion, string runtimeVersion, IEnumerable<PackagedApplication> applications) =>
        new(releaseName, releaseVersion, runtimeVersion, [.. applications.Select(a => new RelApplication(a.Name, a.Version))]);

    public static string Format(string releaseName, string releaseVersion, string runtimeVersion, IEnumerable<PackagedApplication> applications) =>
        ToRelFile(releaseName, releaseVersion, runtimeVersion, applications).Format();
}
