using System.Collections.Immutable;
using RelTool.Formats.Manifests;
using RelTool.Formats.Manifests.Instructions;
using RelTool.Formats.Terms;

namespace RelTool.Core.Upgrade;

/// <summary>
/// systools_relup collect_appup_scripts / get_script_from_appup: for each application whose version
/// differs between the two releases, the script of the new version's appup for the other version.
/// See docs/relup-rules.md, rule 1.
/// </summary>
internal static class AppupScripts
{
    public static List<IReadOnlyList<Instruction>> Collect(
        UpgradeDirection direction, ResolvedRelease top, UpgradeRelease baseRelease, List<RelupWarning> warnings)
    {
        var raw = new List<Term>();
        foreach (var app in top.Applications)
        {
            var baseApp = baseRelease.Find(app.Name);
            if (baseApp is null || baseApp.Vsn == app.Vsn) continue;
            raw.Add(ScriptFor(direction, app, baseApp.Vsn, warnings));
        }
        return raw.Select(Parse).ToList();
    }

    private static Term ScriptFor(UpgradeDirection direction, ResolvedApplication app, string baseVsn, List<RelupWarning> warnings)
    {
        var appup = app.Source.Appup;
        var file = appup?.File ?? Path.Combine(app.Source.Location, app.Name + ".appup");
        if (appup?.Term is not ErlTuple { Arity: 3 } t)
        {
            var problem = appup is null ? "no such file" : appup.Problem ?? "it is not {Vsn, UpFrom, DownTo}";
            throw RelupException.Relup(
                Erl.Tuple(Erl.Atom("file_problem"), Erl.Tuple(Erl.Str(file), Erl.Str(problem))),
                $"could not read {file}: {problem} (every application whose version changes needs an appup)");
        }
        if (Erl.TextOf(t[0]) != app.Vsn)
        {
            warnings.Insert(0, new RelupWarning(
                Erl.Tuple(Erl.Atom("bad_vsn"), Erl.Tuple(t[0], Erl.Str(app.Vsn))),
                $"{file} is for version {Erl.TextOf(t[0]) ?? t[0].ToString()}, but {app.Name} is version {app.Vsn}"));
        }
        var entries = direction == UpgradeDirection.Up ? t[1] : t[2];
        if (entries is not ErlList { IsProper: true } list)
            throw RelupException.Relup(Erl.Tuple(Erl.Atom("file_problem"), Erl.Tuple(Erl.Str(file), Erl.Str("bad entry list"))),
                $"{file}: the {(direction == UpgradeDirection.Up ? "up" : "down")} part is not a list of {{Vsn, Instructions}}");
        foreach (var entry in list.Elements)
        {
            if (entry is ErlTuple { Arity: 2 } e && AppupVersion.FromTerm(e[0]) is { } key && Matches(key, baseVsn, file))
                return e[1];
        }
        throw RelupException.Relup(
            Erl.Tuple(Erl.Atom("no_relup"), Erl.Str(file), Erl.Atom(app.Name), Erl.Str(baseVsn)),
            $"{file} has no {(direction == UpgradeDirection.Up ? "up-from" : "down-to")} entry for {app.Name} {baseVsn} " +
            $"(needed to go {(direction == UpgradeDirection.Up ? "from" : "to")} {app.Name}-{baseVsn}); add one, as a string or a binary regular expression");
    }

    private static bool Matches(AppupVersion key, string vsn, string file)
    {
        if (key is VersionPattern p && p.Problem() is { } problem)
            throw RelupException.Relup(Erl.Tuple(Erl.Atom("bad_regexp"), key.ToTerm()),
                $"{file}: {p} is not a valid regular expression: {problem}");
        return key.Matches(vsn);
    }

    private static IReadOnlyList<Instruction> Parse(Term script)
    {
        try
        {
            return InstructionReader.ReadScript(script);
        }
        catch (InstructionException e)
        {
            throw RelupException.Rc(e.Reason, e.Message);
        }
    }
}
