using System.Collections.Immutable;
using RelTool.Formats.Manifests.Instructions;
using RelTool.Formats.Terms;

namespace RelTool.Core.Upgrade;

/// <summary>
/// The application order of systools_make: sort_appls (an application after those it uses or
/// includes; otherwise the .rel order) and add_top_apps_to_uses (using an included application
/// means using the application that includes it).
/// See docs/relup-rules.md, rule 0.
/// </summary>
public static class SystoolsApplicationSort
{
    public static ImmutableArray<ResolvedApplication> Sort(ImmutableArray<ResolvedApplication> apps)
    {
        var result = ImmutableArray.CreateBuilder<ResolvedApplication>(apps.Length);
        var list = apps.ToList();
        var visited = new List<ResolvedApplication>();
        var missing = new List<string>();
        var circular = new List<ResolvedApplication>();
        while (list.Count > 0)
        {
            var app = list[0];
            var rest = list.Skip(1).ToList();
            var uses = FindAll(app.Name, app.Manifest.Applications.Reverse(), rest, visited, out var notFound1);
            var includes = FindAll(app.Name, app.Manifest.IncludedApplications.Reverse(), rest, visited, out var notFound2);
            missing.InsertRange(0, notFound1.Where(n => !app.Manifest.OptionalApplications.Contains(n)).Concat(notFound2));
            var before = uses.Concat(includes).ToList();
            if (before.Count == 0)
            {
                result.Add(app);
                visited.Insert(0, app);
                list = rest;
                continue;
            }
            var newCircular = before.Where(b => visited.Any(v => SameKey(v, b))).ToList();
            if (newCircular.Count > 0) circular.InsertRange(0, newCircular.Prepend(app));
            list = before.Append(app).Concat(rest).ToList();
            foreach (var c in newCircular)
            {
                var i = list.FindIndex(x => SameKey(x, c));
                if (i >= 0) list.RemoveAt(i);
            }
            visited.Insert(0, app);
        }
        if (missing.Count > 0 || circular.Count > 0) throw SortError(missing, circular);
        return result.ToImmutable();
    }

    /// <summary>find_all: takes the named applications out of <paramref name="rest"/> in their list order.</summary>
    private static List<ResolvedApplication> FindAll(string checking, IEnumerable<string> namesReversed, List<ResolvedApplication> rest,
        List<ResolvedApplication> visited, out List<string> notFound)
    {
        var found = new List<ResolvedApplication>();
        notFound = new List<string>();
        foreach (var name in namesReversed)
        {
            var i = rest.FindIndex(a => a.Name == name);
            if (i >= 0 && !rest[i].Manifest.IncludedApplications.Contains(checking))
            {
                found.Insert(0, rest[i]);
                rest.RemoveAt(i);
            }
            else if (!visited.Any(v => v.Name == name))
                notFound.Insert(0, name);
        }
        return found;
    }

    private static bool SameKey(ResolvedApplication a, ResolvedApplication b) => a.Name == b.Name && a.Vsn == b.Vsn;

    private static RelupException SortError(List<string> missing, List<ResolvedApplication> circular)
    {
        var missingSet = missing.Distinct().ToList();
        var circularSet = circular.DistinctBy(a => (a.Name, a.Vsn)).ToList();
        var undefinedTerm = Erl.Tuple(Erl.Atom("undefined_applications"), ModuleList.Of(missingSet).ToTerm());
        var circularTerm = Erl.Tuple(Erl.Atom("circular_dependencies"),
            Erl.List(circularSet.Select(a => (Term)Erl.Tuple(Erl.Atom(a.Name), Erl.Str(a.Vsn)))));
        var words = new List<string>();
        if (circularSet.Count > 0)
            words.Add("applications that use each other in a circle: " + string.Join(", ", circularSet.Select(a => $"{a.Name}-{a.Vsn}")));
        if (missingSet.Count > 0)
            words.Add("applications used but not in the release: " + string.Join(", ", missingSet));
        var reason = (missingSet.Count > 0, circularSet.Count > 0) switch
        {
            (true, false) => undefinedTerm,
            (false, true) => circularTerm,
            _ => Erl.Tuple(Erl.Atom("apps"), Erl.List(circularTerm, undefinedTerm)),
        };
        return RelupException.Make(reason, string.Join("; ", words));
    }

    public static ImmutableArray<ResolvedApplication> AddTopAppsToUses(ImmutableArray<ResolvedApplication> apps)
    {
        var included = apps.SelectMany(a => a.Manifest.IncludedApplications.Select(i => (Included: i, By: a.Name))).ToList();
        return apps.Select(app =>
        {
            var myTop = TopOf(app.Name, included);
            var uses = app.Manifest.Applications.ToList();
            foreach (var used in app.Manifest.Applications)
            {
                if (used == myTop)
                {
                    uses.Remove(myTop);
                    continue;
                }
                var entry = included.FindIndex(x => x.Included == used);
                if (entry < 0) continue;
                var usedTop = TopOf(included[entry].By, included);
                if (uses.Contains(usedTop)) uses.Remove(used);
                else if (usedTop != myTop)
                {
                    uses.Remove(used);
                    uses.Add(usedTop);
                }
            }
            return app with { Manifest = app.Manifest with { Applications = ModuleList.Of(uses) } };
        }).ToImmutableArray();
    }

    private static string TopOf(string app, List<(string Included, string By)> included)
    {
        for (var guard = 0; guard <= included.Count; guard++)
        {
            var i = included.FindIndex(x => x.Included == app);
            if (i < 0) return app;
            app = included[i].By;
        }
        return app;
    }
}
