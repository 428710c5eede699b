using System.Collections.Immutable;
using RelTool.Formats.Layout;
using RelTool.Formats.Manifests;

namespace RelTool.Core.Inspect;

/// <summary>The selected releases/&lt;V&gt;/: its one .rel, the applications it lists, the runtime it names, start.boot, host.args and relup.</summary>
internal static class ReleaseChecks
{
    public static InspectedRelease Inspect(InspectContext context, string version, VersionSource chosenBy, RuntimeFacts runtime)
    {
        var dir = ReleaseLayout.ReleaseDirPath(version);
        var rels = context.Files.FilesIn(dir).Where(f => f.EndsWith(ReleaseLayout.RelFileExtension, StringComparison.Ordinal)).ToImmutableArray();
        string? relPath = rels.Length == 1 ? $"{dir}/{rels[0]}" : null;
        if (rels.Length != 1 && (rels.Length > 1 || context.AbsenceIsKnown))
            context.Problem(dir + "/", $"expected one <name>.rel, found {(rels.IsEmpty ? "none" : string.Join(", ", rels))}");
        var rel = relPath is not null && context.Text(relPath, "") is { } text ? context.Parse(relPath, () => RelFile.Parse(text, relPath)) : null;
        if (rel is not null && rel.Version != version)
            context.Problem(relPath!, $"names version {rel.Version}, but lies in {dir}/");
        var applications = rel is null ? [] : ApplicationChecks.Inspect(context, relPath!, rel);
        if (rel is not null) CheckRuntime(context, relPath!, rel, runtime);
        var absent = applications.Where(a => !a.Present).Select(a => a.LibDir).ToHashSet(StringComparer.Ordinal);
        var boot = BootChecks.Check(context, version, rel?.Name, rel?.ErtsVersion, runtime, absent);
        var binaries = TargetChecks.Check(context, boot?.RuntimeIdentifier);
        var relup = RelupCheck.Read(context, version);
        return new InspectedRelease(rel?.Name, version, chosenBy, rel?.ErtsVersion, relPath, applications, relup)
        {
            RuntimeIdentifier = boot?.RuntimeIdentifier,
            BinariesChecked = binaries,
        };
    }

    /// <summary>A bundled runtime must hold the Microsoft.NETCore.App version the .rel names (where OTP names the erts version).</summary>
    private static void CheckRuntime(InspectContext context, string relPath, RelFile rel, RuntimeFacts runtime)
    {
        if (!runtime.Bundled || !context.AbsenceIsKnown || runtime.HasFramework(RuntimeFacts.NetCoreApp, rel.ErtsVersion)) return;
        var found = runtime.Frameworks.FirstOrDefault(f => f.Name == RuntimeFacts.NetCoreApp)?.Versions ?? [];
        context.Problem($"{ReleaseLayout.RuntimeDir}/shared/{RuntimeFacts.NetCoreApp}/{rel.ErtsVersion}/",
            $"missing; {relPath} names runtime {rel.ErtsVersion} (bundled: {(found.IsEmpty ? "none" : string.Join(", ", found))})");
    }
}
