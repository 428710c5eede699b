using System.Collections.Immutable;
using RelTool.Formats.Manifests.Instructions;
using RelTool.Formats.Terms;

namespace RelTool.Core.Upgrade;

/// <summary>
/// systools_make:get_release: finds the .app of every application of a release, checks the
/// dependencies between them and sorts them so that an application comes after those it uses.
/// Unlike systools it does not insist on kernel, stdlib or sasl: a .NET release has none.
/// See docs/relup-rules.md, rule 0.
/// </summary>
public static class ReleaseResolver
{
    public static ResolvedRelease Resolve(UpgradeRelease release, ApplicationCatalog catalog)
    {
        var collected = Collect(release, catalog);
        CheckUndefined(collected);
        CheckDuplicateIncludes(collected);
        var withTops = SystoolsApplicationSort.AddTopAppsToUses(collected);
        var ordered = withTops.Select(a => a with { Manifest = SortUsedAndIncluded(a.Manifest, release) }).ToImmutableArray();
        CheckDuplicateModules(ordered);
        return new ResolvedRelease(release, SystoolsApplicationSort.Sort(ordered));
    }

    private static ImmutableArray<ResolvedApplication> Collect(UpgradeRelease release, ApplicationCatalog catalog)
    {
        var found = ImmutableArray.CreateBuilder<ResolvedApplication>();
        var errors = new List<(Term Term, string Words)>();
        foreach (var app in release.Applications)
        {
            var version = catalog.Find(app.Name, app.Vsn);
            if (version is null)
            {
                var other = catalog.VersionsOf(app.Name).FirstOrDefault();
                var what = other is null
                    ? Erl.Tuple(Erl.Atom("not_found"), Erl.Str(app.Name + ".app"))
                    : Erl.Tuple(Erl.Atom("no_valid_version"), Erl.Tuple(
                        Erl.Tuple(Erl.Str("should be"), Erl.Str(app.Vsn)),
                        Erl.Tuple(Erl.Str("found file"), Erl.Str(other.Location), Erl.Str(other.Manifest.Vsn))));
                errors.Insert(0, (Erl.Tuple(Erl.Atom("error_reading"), Erl.Tuple(Erl.Atom(app.Name), what)),
                    other is null
                        ? $"{app.Name}.app ({app.Name}-{app.Vsn}) was not found in the search path"
                        : $"{app.Name}-{app.Vsn} was not found: the search path has {app.Name} {string.Join(", ", catalog.VersionsOf(app.Name).Select(v => v.Manifest.Vsn))}"));
                continue;
            }
            var manifest = version.Manifest;
            if (app.IncludedApplications is { } includes)
            {
                var notSpecified = includes.Where(i => !manifest.IncludedApplications.Contains(i)).ToArray();
                if (notSpecified.Length > 0)
                {
                    errors.Insert(0, (Erl.Tuple(Erl.Atom("error_reading"), Erl.Tuple(Erl.Atom(app.Name),
                            Erl.Tuple(Erl.Atom("override_include"), ModuleList.Of(notSpecified).ToTerm()))),
                        $"{release.Source}: {app.Name} includes {string.Join(", ", notSpecified)} in the .rel but not in its .app"));
                    continue;
                }
                manifest = manifest with { IncludedApplications = includes };
            }
            found.Add(new ResolvedApplication(manifest, app.Type, version));
        }
        if (errors.Count > 0)
            throw RelupException.Make(Erl.List(errors.Select(e => e.Term)),
                $"release {release.Name}-{release.Vsn}: " + string.Join("; ", errors.Select(e => e.Words)));
        return found.ToImmutable();
    }

    private static void CheckUndefined(ImmutableArray<ResolvedApplication> apps)
    {
        var defined = apps.Select(a => a.Name).ToHashSet();
        var undefined = apps
            .SelectMany(a => a.Manifest.Applications.Where(u => !a.Manifest.OptionalApplications.Contains(u)).Concat(a.Manifest.IncludedApplications))
            .Where(u => !defined.Contains(u))
            .Distinct()
            .ToArray();
        if (undefined.Length > 0)
            throw RelupException.Make(Erl.Tuple(Erl.Atom("undefined_applications"), ModuleList.Of(undefined).ToTerm()),
                $"applications used but not in the release: {string.Join(", ", undefined)} (add them to the .rel or drop them from the .app's applications)");
    }

    private static void CheckDuplicateIncludes(ImmutableArray<ResolvedApplication> apps)
    {
        var dups = apps.SelectMany(a => a.Manifest.IncludedApplications.Select(i => (Included: i, By: a.Name)))
            .GroupBy(x => x.Included).Where(g => g.Count() > 1).ToArray();
        if (dups.Length > 0)
            throw RelupException.Make(
                Erl.Tuple(Erl.Atom("duplicate_include"), Erl.List(dups.Select(g => (Term)Erl.Tuple(Erl.Atom(g.Key), ModuleList.Of(g.Select(x => x.By)).ToTerm())))),
                "applications included by more than one application: " + string.Join(", ", dups.Select(g => $"{g.Key} (by {string.Join(", ", g.Select(x => x.By))})")));
    }

    private static void CheckDuplicateModules(ImmutableArray<ResolvedApplication> apps)
    {
        var dups = apps.SelectMany(a => a.Modules.Select(m => (Module: m, App: a)))
            .GroupBy(x => x.Module).Where(g => g.Count() > 1).ToArray();
        if (dups.Length == 0) return;
        var pairs = dups.SelectMany(g => g.Zip(g.Skip(1), (x, y) => (Term)Erl.Tuple(Entry(x), Entry(y))));
        throw RelupException.Make(Erl.Tuple(Erl.Atom("duplicate_modules"), Erl.List(pairs)),
            "modules in more than one application: " + string.Join(", ", dups.Select(g => $"{g.Key} ({string.Join(", ", g.Select(x => x.App.Name))})")));

        static Term Entry((string Module, ResolvedApplication App) x) =>
            Erl.Tuple(Erl.Atom(x.Module), Erl.Atom(x.App.Name), Erl.Str(x.App.Source.Location));
    }

    /// <summary>Orders uses and includes as the .rel lists the applications; names the .rel lacks go last (sort_used_and_incl_appls).</summary>
    private static UpgradeApplication SortUsedAndIncluded(UpgradeApplication app, UpgradeRelease release)
    {
        return app with
        {
            Applications = SortByRelease(app.Applications),
            IncludedApplications = SortByRelease(app.IncludedApplications),
        };

        ModuleList SortByRelease(ModuleList names)
        {
            if (names.Count <= 1) return names;
            var position = release.Applications.Select((a, i) => (a.Name, i)).GroupBy(x => x.Name).ToDictionary(g => g.Key, g => g.First().i);
            return ModuleList.Of(names.Select((n, i) => (n, i, key: position.TryGetValue(n, out var p) ? p : int.MaxValue))
                .OrderBy(x => x.key).ThenBy(x => x.i).Select(x => x.n));
        }
    }
}
