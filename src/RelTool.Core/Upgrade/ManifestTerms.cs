using System.Collections.Immutable;
using RelTool.Formats.Manifests;
using RelTool.Formats.Manifests.Instructions;
using RelTool.Formats.Terms;

namespace RelTool.Core.Upgrade;

/// <summary>
/// Reads what the translation needs from .rel and .app terms (the checks of systools_make's
/// check_rel and parse_application that matter here). Kept local to the upgrade work.
/// </summary>
public static class ManifestTerms
{
    /// <summary><c>{release, {Name, Vsn}, {erts, ErtsVsn}, [{App, Vsn} | {App, Vsn, Type} | {App, Vsn, Incls} | {App, Vsn, Type, Incls}]}</c>.</summary>
    public static UpgradeRelease ReadRelease(Term term, string file)
    {
        if (term is not ErlTuple { Arity: 4 } t || !Erl.IsAtom(t[0], "release")
            || t[1] is not ErlTuple { Arity: 2 } nameVsn || t[2] is not ErlTuple { Arity: 2 } erts || !Erl.IsAtom(erts[0], "erts")
            || t[3] is not ErlList { IsProper: true } apps)
            throw new ManifestException(file, "a .rel is {release, {Name, Vsn}, {erts, ErtsVsn}, [Application]} [badly_formatted_release]");
        var name = Erl.TextOf(nameVsn[0]) ?? throw new ManifestException(file, $"the release name must be a string, not {nameVsn[0]} [illegal_name]");
        var vsn = Erl.TextOf(nameVsn[1]) ?? throw new ManifestException(file, $"the release version must be a string, not {nameVsn[1]} [illegal_form]");
        var ertsVsn = Erl.TextOf(erts[1]) ?? throw new ManifestException(file, $"the runtime version must be a string, not {erts[1]} [illegal_form]");
        var list = apps.Elements.Select(a => ReleaseApplicationOf(a, file)).ToImmutableArray();
        return new UpgradeRelease(name, vsn, ertsVsn, list) { Source = file };
    }

    private static ReleaseApplication ReleaseApplicationOf(Term term, string file)
    {
        if (term is ErlTuple { Arity: >= 2 and <= 4 } t && t[0] is ErlAtom app && Erl.TextOf(t[1]) is { } vsn)
        {
            switch (t.Arity)
            {
                case 2:
                    return new ReleaseApplication(app.Name, vsn);
                case 3 when t[2] is ErlAtom type && InstructionAtoms.TryStartType(type.Name, out var st):
                    return new ReleaseApplication(app.Name, vsn, st);
                case 3 when AtomList(t[2]) is { } incls:
                    return new ReleaseApplication(app.Name, vsn, StartType.Permanent, incls);
                case 4 when t[2] is ErlAtom type && InstructionAtoms.TryStartType(type.Name, out var st) && AtomList(t[3]) is { } incls:
                    return new ReleaseApplication(app.Name, vsn, st, incls);
            }
        }
        throw new ManifestException(file,
            $"bad application entry {term}: it must be {{App, Vsn}}, {{App, Vsn, Type}}, {{App, Vsn, Incls}} or {{App, Vsn, Type, Incls}} with Type permanent | transient | temporary | load | none [illegal_applications]");
    }

    /// <summary><c>{application, Name, [{vsn, V}, {modules, Ms}, {applications, As}, ...]}</c>; applications may be omitted.</summary>
    public static UpgradeApplication ReadApplication(Term term, string file)
    {
        if (term is not ErlTuple { Arity: 3 } t || !Erl.IsAtom(t[0], "application") || t[1] is not ErlAtom name || t[2] is not ErlList { IsProper: true } dict)
            throw new ManifestException(file, "an .app is {application, Name, [{Key, Value}]} [badly_formatted_application]");
        Term? Item(string key) => dict.Elements.OfType<ErlTuple>().FirstOrDefault(e => e.Arity == 2 && Erl.IsAtom(e[0], key))?[1];
        ModuleList Names(string key, bool required)
        {
            var value = Item(key);
            if (value is null)
                return required ? throw new ManifestException(file, $"{name.Name}: {{{key}, [...]}} is missing [missing_param]") : ModuleList.Empty;
            return AtomList(value) ?? throw new ManifestException(file, $"{name.Name}: {key} must be a list of atoms, not {value} [bad_param]");
        }
        var vsnTerm = Item("vsn") ?? throw new ManifestException(file, $"{name.Name}: {{vsn, \"...\"}} is missing [missing_param]");
        var vsn = Erl.TextOf(vsnTerm) ?? throw new ManifestException(file, $"{name.Name}: vsn must be a string, not {vsnTerm} [bad_param]");
        return new UpgradeApplication(name.Name, vsn,
            Names("modules", required: true),
            Names("applications", required: false),
            Names("optional_applications", required: false),
            Names("included_applications", required: false));
    }

    private static ModuleList? AtomList(Term term) =>
        term is ErlList { IsProper: true } l && l.Elements.All(e => e is ErlAtom)
            ? ModuleList.Of(l.Elements.Select(e => ((ErlAtom)e).Name))
            : null;
}
