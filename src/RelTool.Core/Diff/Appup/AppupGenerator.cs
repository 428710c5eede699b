using System.Collections.Immutable;
using RelTool.Formats.Manifests;
using RelTool.Formats.Manifests.Instructions;
using RelTool.Formats.Terms;

namespace RelTool.Core.Diff.Appup;

/// <summary>
/// Generates appups from a <see cref="ReleaseDiff"/>. For each application whose version changed:
/// up = add_module for added modules, update (module holds a server) or load_module for changed ones,
/// in dependency order (dependencies first), then delete_module for removed ones; down = the same
/// built from the old side (deleted modules added back, old code loaded with its own dependencies,
/// added modules deleted). An application whose version changed with no module change gets an appup
/// with empty instruction lists: systools needs an appup for every application whose version differs.
/// </summary>
public static class AppupGenerator
{
    /// <summary>An appup for every application that is in both releases with different versions.</summary>
    public static ImmutableArray<GeneratedAppup> Generate(ReleaseDiff diff) =>
        diff.Applications.Where(NeedsAppup).Select(a => Generate(diff, a)).ToImmutableArray();

    public static bool NeedsAppup(AppDiff app) =>
        app.Status is AppStatus.Changed or AppStatus.VersionOnly && app.OldVersion != app.NewVersion;

    public static GeneratedAppup Generate(ReleaseDiff diff, AppDiff app)
    {
        if (!NeedsAppup(app)) throw new ArgumentException($"{app.Name}: no appup for an application whose version did not change", nameof(app));

        // Deps may only name modules that get an instruction somewhere in the relup (else systools fails with undef_module).
        var upgraded = diff.Applications.Where(NeedsAppup).SelectMany(a => a.Modules).ToList();
        var upTargets = upgraded.Where(m => m.Kind != ChangeKind.Removed).Select(m => m.Name).ToHashSet(StringComparer.Ordinal);
        var downTargets = upgraded.Where(m => m.Kind != ChangeKind.Added).Select(m => m.Name).ToHashSet(StringComparer.Ordinal);

        var up = Direction(app.Modules, upTargets, m => m.New, added: ChangeKind.Added, removed: ChangeKind.Removed);
        var down = Direction(app.Modules, downTargets, m => m.Old, added: ChangeKind.Removed, removed: ChangeKind.Added);
        return new GeneratedAppup(app.Name, app.OldVersion!, app.NewVersion!, up, down);
    }

    /// <param name="target">The side being moved to.</param>
    /// <param name="added">The change kind that means "present only on the target side".</param>
    private static ImmutableArray<Instruction> Direction(ImmutableArray<ModuleDiff> modules, HashSet<string> targets,
        Func<ModuleDiff, ModuleSide?> target, ChangeKind added, ChangeKind removed)
    {
        var loaded = modules.Where(m => m.Kind != removed).ToDictionary(m => m.Name, StringComparer.Ordinal);
        Func<ModuleDiff, string[]> depsOf = m =>
            target(m)!.References.Where(r => r != m.Name && targets.Contains(r)).Order(StringComparer.Ordinal).ToArray();
        var order = DependencyOrder.Sort(loaded.Keys, name => target(loaded[name])!.References);

        var instructions = ImmutableArray.CreateBuilder<Instruction>();
        foreach (var name in order)
        {
            var m = loaded[name];
            instructions.Add(m.Kind == added ? AddModule.Of(name)
                : target(m)!.HasServer ? Update.Advanced(name, Erl.Nil, depsOf(m))
                : LoadModule.Of(name, depsOf(m)));
        }
        foreach (var m in modules.Where(m => m.Kind == removed).OrderBy(m => m.Name, StringComparer.Ordinal))
            instructions.Add(DeleteModule.Of(m.Name));
        return instructions.ToImmutable();
    }
}

/// <summary>The appup reltool generates for one application and one upgrade path.</summary>
/// <param name="Up">add_module, update, load_module and delete_module instructions (RelTool.Formats.Manifests.Instructions).</param>
public sealed record GeneratedAppup(string Application, string OldVersion, string NewVersion,
    ImmutableArray<Instruction> Up, ImmutableArray<Instruction> Down)
{
    /// <summary>{"NewVsn", [{"OldVsn", Up}], [{"OldVsn", Down}]}</summary>
    public AppupFile ToAppupFile() => new(NewVersion,
        ValueList.Of(new AppupEntry(AppupVersion.Exact(OldVersion), ValueList.Of(Up))),
        ValueList.Of(new AppupEntry(AppupVersion.Exact(OldVersion), ValueList.Of(Down))));

    /// <summary>The file text, readable by file:consult.</summary>
    public string ToText() => ToAppupFile().Format();
}
