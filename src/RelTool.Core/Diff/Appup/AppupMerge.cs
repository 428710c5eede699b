using System.Collections.Immutable;
using RelTool.Formats.Manifests;
using RelTool.Formats.Manifests.Instructions;
using RelTool.Formats.Terms;

namespace RelTool.Core.Diff.Appup;

/// <summary>The one appup file of an application in an upgrade build from several base releases.</summary>
/// <param name="SourcePath">The hand-written file used as it is (every base took the same file); null when <see cref="Text"/> was composed.</param>
/// <param name="Plans">The plan of each base that needs an appup for this application, in base order.</param>
public sealed record MergedAppup(string Application, string NewVersion, string Text, string? SourcePath, ImmutableArray<PlannedAppup> Plans)
{
    public string FileName => Application + ".appup";
}

/// <summary>
/// Merges the appups planned against each base release into one file per application:
/// <c>{NewVsn, [{OldVsn1, Up1}, {OldVsn2, Up2}], [{OldVsn1, Down1}, {OldVsn2, Down2}]}</c>, one entry per distinct old
/// version, in base order. With one base (or when every base took the same hand-written file) the text is exactly the
/// planned one. Otherwise each entry is the planned one for its old version: from a hand-written file, its entry
/// matching that version, re-keyed to the exact version (so a regexp key cannot shadow another base's entry); a
/// generated one keeps its instructions, and when several bases share the old version (their module diffs are the same
/// lib dirs) a dependency is kept only when every one of them has it (each base's relup needs every Dep to be upgraded).
/// Pure.
/// </summary>
public static class AppupMerge
{
    /// <param name="perBase">The plans of each base (<see cref="AppupPlan.Build"/>), in base order.</param>
    public static ImmutableArray<MergedAppup> Merge(IReadOnlyList<ImmutableArray<PlannedAppup>> perBase)
    {
        var merged = ImmutableArray.CreateBuilder<MergedAppup>();
        foreach (var app in perBase.SelectMany(p => p).GroupBy(p => p.Application, StringComparer.Ordinal))
        {
            var plans = app.ToImmutableArray();
            var first = plans[0];
            if (plans.All(p => p.SourcePath is not null && p.SourcePath == first.SourcePath))
            {
                merged.Add(new MergedAppup(first.Application, first.NewVersion, first.Text, first.SourcePath, plans));
                continue;
            }
            var byOld = plans.GroupBy(p => p.OldVersion, StringComparer.Ordinal).Select(g => g.ToList()).ToList();
            if (byOld.Count == 1 && plans.Length == 1)
            {
                merged.Add(new MergedAppup(first.Application, first.NewVersion, first.Text, null, plans));
                continue;
            }
            var up = new List<AppupEntry>();
            var down = new List<AppupEntry>();
            foreach (var same in byOld)
            {
                var old = same[0].OldVersion;
                var (upScript, downScript) = same[0].Generated is null ? HandWritten(same[0]) : Generated(same);
                up.Add(new AppupEntry(AppupVersion.Exact(old), ValueList.From(upScript)));
                down.Add(new AppupEntry(AppupVersion.Exact(old), ValueList.From(downScript)));
            }
            var text = new AppupFile(first.NewVersion, ValueList.From(up), ValueList.From(down)).Format();
            merged.Add(new MergedAppup(first.Application, first.NewVersion, text, null, plans));
        }
        return merged.ToImmutable();
    }

    private static (IEnumerable<Instruction> Up, IEnumerable<Instruction> Down) HandWritten(PlannedAppup plan)
    {
        var file = AppupFile.Parse(TermReader.Parse(plan.Text, plan.SourcePath!), plan.SourcePath!);
        // HandWrittenAppup.Validate made sure both exist.
        return (file.FindUpFrom(plan.OldVersion)!.Instructions, file.FindDownTo(plan.OldVersion)!.Instructions);
    }

    private static (IEnumerable<Instruction> Up, IEnumerable<Instruction> Down) Generated(List<PlannedAppup> same)
    {
        var generated = same.Select(p => p.Generated!).ToList();
        return (Intersect(generated.Select(g => g.Up).ToList()), Intersect(generated.Select(g => g.Down).ToList()));
    }

    /// <summary>The first script, each instruction keeping only the Deps that the same instruction has in every script.</summary>
    private static IEnumerable<Instruction> Intersect(List<ImmutableArray<Instruction>> scripts)
    {
        var first = scripts[0];
        for (var i = 0; i < first.Length; i++)
        {
            if (first[i] is not IModuleDependent dependent || dependent.DepMods.Count == 0)
            {
                yield return first[i];
                continue;
            }
            var index = i;
            var kept = dependent.DepMods.Where(d => scripts.All(s => index < s.Length && s[index] is IModuleDependent o && o.Module == dependent.Module && o.DepMods.Contains(d)));
            yield return WithDeps(first[i], ModuleList.Of(kept));
        }
    }

    private static Instruction WithDeps(Instruction instruction, ModuleList deps) => instruction switch
    {
        Update u => u with { DepMods = deps },
        LoadModule l => l with { DepMods = deps },
        AddModule a => a with { DepMods = deps },
        DeleteModule d => d with { DepMods = deps },
        _ => instruction,
    };
}
