using System.Collections.Immutable;
using RelTool.Formats.Layout;
using RelTool.Formats.Manifests;
using RelTool.Formats.Terms;

namespace RelTool.Core.Inspect;

/// <summary>
/// releases/&lt;V&gt;/start.boot (what the launcher loads), releases/&lt;V&gt;/host.args (how bin/&lt;name&gt; starts the launcher)
/// node.args (how it starts a node whose app is the entry program) and client.args (the launcher's native client):
/// every path they name exists, and a bundled runtime holds the frameworks start.boot names.
/// </summary>
internal static class BootChecks
{
    /// <param name="relRuntime">The runtime version the .rel names: a bundled runtime without it is reported by the .rel check, not again here.</param>
    /// <param name="absentLibDirs">lib dirs of the .rel that are absent: already reported (or expected, in an upgrade tarball), so paths in them are not reported again.</param>
    /// <returns>start.boot, or null when it cannot be read.</returns>
    public static BootFile? Check(InspectContext context, string version, string? releaseName, string? relRuntime, RuntimeFacts runtime, IReadOnlySet<string> absentLibDirs)
    {
        var boot = CheckBoot(context, version, releaseName, relRuntime, runtime, absentLibDirs);
        CheckArgs(context, ReleaseLayout.ReleaseFilePath(version, ReleaseLayout.HostArgsFileName), "bin/<name> starts the launcher with the arguments it lists", absentLibDirs);
        // Only releases whose app runs as the node's entry program have it (and then also start.deps.json, which it names).
        CheckArgs(context, ReleaseLayout.ReleaseFilePath(version, ReleaseLayout.NodeArgsFileName), "", absentLibDirs, optional: true);
        // Only releases for a target the tool has the launcher's native client for.
        CheckArgs(context, ReleaseLayout.ReleaseFilePath(version, ReleaseLayout.ClientArgsFileName), "", absentLibDirs, optional: true);
        return boot;
    }

    private static BootFile? CheckBoot(InspectContext context, string version, string? releaseName, string? relRuntime, RuntimeFacts runtime, IReadOnlySet<string> absentLibDirs)
    {
        var path = ReleaseLayout.ReleaseFilePath(version, ReleaseLayout.BootFileName);
        var text = context.Text(path, "the launcher loads the release from it");
        if (text is null) return null;
        var boot = context.Parse(path, () =>
        {
            var terms = TermReader.Parse(text, path);
            if (terms.Length != 1) throw new ManifestException(path, "a boot file holds exactly one term {boot,Name,Vsn,Options}");
            return BootFile.FromTerm(terms[0], path);
        });
        if (boot is null) return null;
        if (boot.ReleaseVersion != version || (releaseName is not null && boot.ReleaseName != releaseName))
            context.Problem(path, $"is for release {boot.ReleaseName} {boot.ReleaseVersion}, but lies in {ReleaseLayout.ReleaseDirPath(version)}/");
        var files = context.Files;
        void Need(string target, bool directory, string what)
        {
            if (!context.AbsenceIsKnown || absentLibDirs.Contains(LibDirOf(target))) return;
            if (directory ? !files.HasDirectory(target) : !files.HasFile(target)) context.Problem(path, $"{what} {target} does not exist");
        }
        Need(boot.EntryAssemblyPath, false, $"entry assembly of {boot.EntryApplication}:");
        foreach (var a in boot.Applications) Need(a.Dir, true, $"application {a.Name} {a.Version}: directory");
        foreach (var a in boot.Assemblies) Need(a.Path, false, a.Culture.Length == 0 ? $"assembly {a.Name}:" : $"assembly {a.Name} ({a.Culture}):");
        foreach (var d in boot.NativeDirs) Need(d, true, "native library directory");
        if (!runtime.Bundled || !context.AbsenceIsKnown) return boot;
        var reported = (RuntimeFacts.NetCoreApp, relRuntime);
        foreach (var f in boot.Frameworks.Where(f => !runtime.HasFramework(f.Name, f.Version) && (f.Name, f.Version) != reported))
            context.Problem(path, $"needs framework {f.Name} {f.Version}, but runtime/shared/{f.Name}/{f.Version}/ does not exist (bundled: {Bundled(runtime, f.Name)})");
        return boot;
    }

    private static void CheckArgs(InspectContext context, string path, string whyNeeded, IReadOnlySet<string> absentLibDirs, bool optional = false)
    {
        var text = context.Text(path, whyNeeded, absenceIsProblem: !optional);
        if (text is null || !context.AbsenceIsKnown) return;
        foreach (var line in text.Split('\n').Select(l => l.TrimEnd('\r')))
        {
            if (line.StartsWith('-') || !line.Contains('/') || absentLibDirs.Contains(LibDirOf(line))) continue;
            if (!context.Files.HasFile(line)) context.Problem(path, $"names {line}, which does not exist");
        }
    }

    /// <summary>"lib/App-Vsn" for a path below a lib dir, else "".</summary>
    public static string LibDirOf(string path)
    {
        const string prefix = ReleaseLayout.LibDir + "/";
        if (!path.StartsWith(prefix, StringComparison.Ordinal)) return "";
        var slash = path.IndexOf('/', prefix.Length);
        return slash < 0 ? path : path[..slash];
    }

    private static string Bundled(RuntimeFacts runtime, string framework) =>
        runtime.Frameworks.FirstOrDefault(f => f.Name == framework) is { Versions.IsEmpty: false } found ? string.Join(", ", found.Versions) : "none";
}
