using RelTool.Formats.Manifests;
using RelTool.Formats.Terms;

namespace RelTool.Core.Upgrade;

/// <summary>
/// The reason systools_make gives for a .rel or .app that <see cref="RelFile"/> or <see cref="AppFile"/> refused,
/// added to the message so that it names the same rule as systools does.
/// </summary>
public static class SystoolsReason
{
    public static ManifestException Tag(ManifestException e, string reason) => new(e.File, $"{e.Problem} [{reason}]", e.Line, e.Column);

    /// <summary>check_rel's reason: the outer form first, then the name, the versions, and last the applications.</summary>
    public static string OfRelease(Term term)
    {
        if (term is not ErlTuple { Arity: 4 } t || !Erl.IsAtom(t[0], "release") || t[1] is not ErlTuple { Arity: 2 } nameVsn
            || t[2] is not ErlTuple { Arity: 2 } erts || !Erl.IsAtom(erts[0], "erts") || t[3] is not ErlList { IsProper: true })
            return "badly_formatted_release";
        if (Erl.TextOf(nameVsn[0]) is null) return "illegal_name";
        if (Erl.TextOf(nameVsn[1]) is null || Erl.TextOf(erts[1]) is null) return "illegal_form";
        return "illegal_applications";
    }

    /// <summary>parse_application's reason: the outer form, then a missing vsn or modules, else a bad value.</summary>
    public static string OfApplication(Term term)
    {
        if (term is not ErlTuple { Arity: 3 } t || !Erl.IsAtom(t[0], "application") || t[1] is not ErlAtom || t[2] is not ErlList { IsProper: true } keys)
            return "badly_formatted_application";
        bool Has(string key) => keys.Elements.Any(e => e is ErlTuple { Arity: 2 } pair && Erl.IsAtom(pair[0], key));
        return Has("vsn") && Has("modules") ? "bad_param" : "missing_param";
    }
}
