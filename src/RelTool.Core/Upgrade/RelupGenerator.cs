using System.Collections.Immutable;
using RelTool.Formats.Manifests;
using RelTool.Formats.Manifests.Instructions;
using RelTool.Formats.Terms;

namespace RelTool.Core.Upgrade;

/// <summary>
/// systools:make_relup for in-memory inputs: the relup from the base releases to the new one and back,
/// exactly as OTP 25.2.3's systools_relup and systools_rc compute it (docs/relup-rules.md).
/// Pure: reads nothing, writes nothing.
/// </summary>
public static class RelupGenerator
{
    private const string R15SaslVsn = "2.2";

    /// <exception cref="RelupException">what systools would return as {error, Module, Reason}.</exception>
    public static RelupResult Generate(RelupRequest request)
    {
        var top = ReleaseResolver.Resolve(request.NewRelease, request.Catalog);
        var warnings = new List<RelupWarning>();
        var up = new List<RelupEntry>();
        foreach (var from in request.UpFrom)
            up.Insert(0, UpEntry(top, from, request, warnings));
        var down = new List<RelupEntry>();
        foreach (var to in request.DownTo)
            down.Insert(0, DownEntry(top, to, request, warnings));
        if (request.Options.WarningsAsErrors && warnings.Count > 0)
            throw RelupException.Relup(
                Erl.Tuple(Erl.Atom("warnings_treated_as_errors"), Erl.List(warnings.Select(w => w.Reason))),
                "warnings treated as errors: " + string.Join("; ", warnings.Select(w => w.Message)));
        var relup = new RelupFile(request.NewRelease.Vsn, ValueList.From(up), ValueList.From(down));
        return new RelupResult(relup, warnings.ToImmutableArray());
    }

    private static RelupEntry UpEntry(ResolvedRelease top, RelupBase from, RelupRequest request, List<RelupWarning> warnings)
    {
        var baseRel = ReleaseResolver.Resolve(from.Release, request.Catalog);
        var scripts = AppupScripts.Collect(UpgradeDirection.Up, top, from.Release, warnings);
        scripts.InsertRange(0, Added(from.Release, top.Release));
        scripts.AddRange(Removed(from.Release, top.Release));
        scripts = EmulatorRestarts(top.Release, from.Release, scripts, warnings, request.Options);
        var script = ScriptTranslator.Translate(UpgradeDirection.Up, scripts, top.Applications, baseRel.Applications);
        script = FixPreR15SaslUpgrade(script, baseRel, warnings);
        return new RelupEntry(from.Release.Vsn, from.DescriptionTerm, ValueList.Of(script));
    }

    private static RelupEntry DownEntry(ResolvedRelease top, RelupBase to, RelupRequest request, List<RelupWarning> warnings)
    {
        var baseRel = ReleaseResolver.Resolve(to.Release, request.Catalog);
        var scripts = AppupScripts.Collect(UpgradeDirection.Down, top, to.Release, warnings);
        scripts.InsertRange(0, Added(top.Release, to.Release));
        scripts.AddRange(Removed(top.Release, to.Release));
        scripts = EmulatorRestarts(top.Release, to.Release, scripts, warnings, request.Options);
        var script = ScriptTranslator.Translate(UpgradeDirection.Down, scripts, baseRel.Applications, top.Applications);
        return new RelupEntry(to.Release.Vsn, to.DescriptionTerm, ValueList.Of(script));
    }

    /// <summary>prepend_add_app_scripts: an add_application for each application only in the release moved to.</summary>
    private static IEnumerable<IReadOnlyList<Instruction>> Added(UpgradeRelease from, UpgradeRelease to) =>
        to.Applications.Where(a => from.Find(a.Name) is null)
            .Select(a => (IReadOnlyList<Instruction>)[new AddApplication(a.Name, a.Type)]);

    /// <summary>append_remove_app_scripts: a remove_application for each application only in the release moved from.</summary>
    private static IEnumerable<IReadOnlyList<Instruction>> Removed(UpgradeRelease from, UpgradeRelease to) =>
        from.Applications.Where(a => to.Find(a.Name) is null)
            .Select(a => (IReadOnlyList<Instruction>)[new RemoveApplication(a.Name)]);

    /// <summary>check_for_emulator_restart: a runtime change restarts into the new runtime; the restart_emulator option adds a restart at the end.</summary>
    private static List<IReadOnlyList<Instruction>> EmulatorRestarts(
        UpgradeRelease top, UpgradeRelease other, List<IReadOnlyList<Instruction>> scripts, List<RelupWarning> warnings, RelupOptions options)
    {
        if (top.ErtsVsn != other.ErtsVsn)
        {
            scripts.Insert(0, [RestartNewEmulator.Instance]);
            warnings.Insert(0, new RelupWarning(
                Erl.Tuple(Erl.Atom("erts_vsn_changed"), Erl.Tuple(
                    Erl.Tuple(Erl.Str(top.Name), Erl.Str(top.ErtsVsn)),
                    Erl.Tuple(Erl.Str(other.Name), Erl.Str(other.ErtsVsn)))),
                $"the runtime version changes between {top.Name}-{top.Vsn} ({top.ErtsVsn}) and {other.Name}-{other.Vsn} ({other.ErtsVsn}): the relup restarts the runtime"));
        }
        if (options.RestartEmulator) scripts.Add([RestartEmulator.Instance]);
        return scripts;
    }

    /// <summary>fix_r15_sasl_upgrade: from a release whose sasl is older than 2.2 the new emulator is restarted last.</summary>
    private static ImmutableArray<Instruction> FixPreR15SaslUpgrade(ImmutableArray<Instruction> script, ResolvedRelease from, List<RelupWarning> warnings)
    {
        if (script.Length == 0 || script[0] is not RestartNewEmulator) return script;
        var sasl = from.Find("sasl");
        if (sasl is null || string.CompareOrdinal(sasl.Vsn, R15SaslVsn) >= 0) return script;
        var rest = script.RemoveAt(0);
        var restart = rest.IndexOf(RestartEmulator.Instance);
        if (restart >= 0) rest = rest.RemoveAt(restart);
        warnings.Insert(0, new RelupWarning(Erl.Atom("pre_R15_emulator_upgrade"),
            $"upgrade from sasl {sasl.Vsn} (before R15): new code should be compiled with the old emulator; restart_new_emulator moved to the end"));
        return rest.Add(RestartNewEmulator.Instance);
    }
}
