using System.Collections.Immutable;
using RelTool.Formats.Terms;

namespace RelTool.Formats.Manifests;

/// <summary>
/// releases/&lt;Vsn&gt;/&lt;Name&gt;.rel: <c>{release,{Name,Vsn},{erts,ErtsVsn},[{App,Vsn} | {App,Vsn,Type} | {App,Vsn,Incl} | {App,Vsn,Type,Incl}]}</c>.
/// Application names are atoms, versions strings; the runtime version stands where OTP has the erts version.
/// </summary>
public sealed record RelFile(string Name, string Version, string ErtsVersion, ImmutableArray<RelApplication> Applications)
{
    public const string Form = "{release,{Name,Vsn},{erts,Vsn},[Application]}";

    /// <summary>Equal when they would be written alike.</summary>
    public bool Equals(RelFile? other) => other is not null && ToTerm().Equals(other.ToTerm());
    public override int GetHashCode() => ToTerm().GetHashCode();

    public Term ToTerm() => Erl.Tuple(
        Erl.Atom("release"),
        Erl.Tuple(Erl.Str(Name), Erl.Str(Version)),
        Erl.Tuple(Erl.Atom("erts"), Erl.Str(ErtsVersion)),
        Erl.List(Applications.Select(a => a.ToTerm())));

    /// <summary>The file text: the term as ~tp lays it out, then ".\n".</summary>
    public string Format() => ConsultFile.FormatTerms(ToTerm());

    public void Write(string path) => AtomicFile.WriteAllText(path, Format());

    public static RelFile Read(string path)
    {
        var (term, shape) = TermShape.ReadSingle(path, Form);
        return FromTerm(term, shape);
    }

    public static RelFile Parse(string text, string fileName)
    {
        var (term, shape) = TermShape.ParseSingle(text, fileName, Form);
        return FromTerm(term, shape);
    }

    public static RelFile FromTerm(Term term, TermShape shape)
    {
        if (term is not ErlTuple { Arity: 4 } t || !Erl.IsAtom(t[0], "release"))
            throw shape.Error(term, $"expected {Form}, found {TermShape.Describe(term)}");
        var nameVsn = shape.Tuple(t[1], 2, "the release {Name,Vsn}");
        var erts = shape.Tuple(t[2], 2, "the runtime {erts,Vsn}");
        if (!Erl.IsAtom(erts[0], "erts")) throw shape.Error(erts[0], $"expected the atom erts, found {TermShape.Describe(erts[0])}");
        var apps = shape.List(t[3], "the application list").Select(a => RelApplication.FromTerm(a, shape)).ToImmutableArray();
        var rel = new RelFile(shape.Text(nameVsn[0], "the release name"), shape.Text(nameVsn[1], "the release version"),
            shape.Text(erts[1], "the erts version"), apps);
        var seen = new HashSet<string>();
        foreach (var (app, element) in apps.Zip(((ErlList)t[3]).Elements))
            if (!seen.Add(app.Name)) throw shape.Error(element, $"application {ErlSyntax.Atom(app.Name)} is listed twice");
        return rel;
    }
}

/// <summary>One application of a .rel file. Type and IncludedApplications are null when the entry leaves them out.</summary>
public sealed record RelApplication(string Name, string Version, StartType? Type = null, ImmutableArray<string>? IncludedApplications = null)
{

    /// <summary>Equal when they would be written alike.</summary>
    public bool Equals(RelApplication? other) => other is not null && ToTerm().Equals(other.ToTerm());
    public override int GetHashCode() => ToTerm().GetHashCode();
    /// <summary>The start type, permanent when the .rel does not say.</summary>
    public StartType EffectiveType => Type ?? StartType.Permanent;

    public static string TypeName(StartType type) => type.ToString().ToLowerInvariant();

    public static StartType? ParseType(string name) => name switch
    {
        "permanent" => StartType.Permanent,
        "transient" => StartType.Transient,
        "temporary" => StartType.Temporary,
        "load" => StartType.Load,
        "none" => StartType.None,
        _ => null,
    };

    public Term ToTerm()
    {
        var parts = new List<Term> { Erl.Atom(Name), Erl.Str(Version) };
        if (Type is { } type) parts.Add(Erl.Atom(TypeName(type)));
        if (IncludedApplications is { } incl) parts.Add(Erl.List(incl.Select(i => (Term)Erl.Atom(i))));
        return Erl.Tuple([.. parts]);
    }

    public static RelApplication FromTerm(Term term, TermShape shape)
    {
        const string form = "{App,Vsn}, {App,Vsn,Type}, {App,Vsn,Incl} or {App,Vsn,Type,Incl}";
        if (term is not ErlTuple { Arity: >= 2 and <= 4 } t) throw shape.Error(term, $"an application must be {form}, found {TermShape.Describe(term)}");
        var name = shape.AtomName(t[0], "an application name");
        var version = shape.Text(t[1], $"the version of {ErlSyntax.Atom(name)}");
        StartType? type = null;
        ImmutableArray<string>? included = null;
        if (t.Arity == 4)
        {
            type = Type(t[2]);
            included = shape.AtomList(t[3], $"the included applications of {ErlSyntax.Atom(name)}");
        }
        else if (t.Arity == 3)
        {
            if (t[2] is ErlAtom) type = Type(t[2]);
            else if (t[2] is ErlList) included = shape.AtomList(t[2], $"the included applications of {ErlSyntax.Atom(name)}");
            else throw shape.Error(t[2], $"the third element of {ErlSyntax.Atom(name)} must be a type or a list of included applications, found {TermShape.Describe(t[2])}");
        }
        return new RelApplication(name, version, type, included);

        StartType Type(Term x) =>
            (x is ErlAtom a ? ParseType(a.Name) : null)
            ?? throw shape.Error(x, $"the type of {ErlSyntax.Atom(name)} must be one of permanent, transient, temporary, load, none; found {TermShape.Describe(x)}");
    }
}
