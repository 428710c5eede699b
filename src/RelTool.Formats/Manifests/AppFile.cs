using System.Collections.Immutable;
using RelTool.Formats.Terms;

namespace RelTool.Formats.Manifests;

/// <summary>
/// lib/&lt;App&gt;-&lt;Vsn&gt;/&lt;App&gt;.app: <c>{application,Name,[{Key,Value}]}</c> with the keys of app(4).
/// Keys left out of the file keep app(4)'s defaults; the nullable members are written only when set.
/// </summary>
public sealed record AppFile(string Name, string Version)
{
    public const string Form = "{application,Name,[{Key,Value}]}";

    /// <summary>Equal when they would be written alike.</summary>
    public bool Equals(AppFile? other) => other is not null && ToTerm().Equals(other.ToTerm());
    public override int GetHashCode() => ToTerm().GetHashCode();

    public string Description { get; init; } = "";
    public string? Id { get; init; }
    /// <summary>Assembly simple names (Erlang modules).</summary>
    public ImmutableArray<string> Modules { get; init; } = [];
    public AppLimit? MaxProcesses { get; init; }
    public AppLimit? MaxTime { get; init; }
    public ImmutableArray<string> Registered { get; init; } = [];
    public ImmutableArray<string> IncludedApplications { get; init; } = [];
    /// <summary>Applications that may be missing; each must also be in <see cref="Applications"/>.</summary>
    public ImmutableArray<string> OptionalApplications { get; init; } = [];
    public ImmutableArray<string> Applications { get; init; } = [];
    public ImmutableArray<AppEnvEntry> Env { get; init; } = [];
    public AppCallback? Mod { get; init; }
    public ImmutableArray<AppStartPhase>? StartPhases { get; init; }
    /// <summary>"App-Vsn" strings, as app(4) spells them.</summary>
    public ImmutableArray<string> RuntimeDependencies { get; init; } = [];

    public static readonly ImmutableArray<string> Keys =
    [
        "description", "id", "vsn", "modules", "maxP", "maxT", "registered", "included_applications",
        "optional_applications", "applications", "env", "mod", "start_phases", "runtime_dependencies",
    ];

    public Term ToTerm()
    {
        static Term Atoms(IEnumerable<string> names) => Erl.List(names.Select(n => (Term)Erl.Atom(n)));
        var keys = new List<Term> { Pair("description", Erl.Str(Description)) };
        if (Id is not null) keys.Add(Pair("id", Erl.Str(Id)));
        keys.Add(Pair("vsn", Erl.Str(Version)));
        keys.Add(Pair("modules", Atoms(Modules)));
        if (MaxProcesses is { } maxP) keys.Add(Pair("maxP", maxP.ToTerm()));
        if (MaxTime is { } maxT) keys.Add(Pair("maxT", maxT.ToTerm()));
        keys.Add(Pair("registered", Atoms(Registered)));
        if (!IncludedApplications.IsEmpty) keys.Add(Pair("included_applications", Atoms(IncludedApplications)));
        if (!OptionalApplications.IsEmpty) keys.Add(Pair("optional_applications", Atoms(OptionalApplications)));
        keys.Add(Pair("applications", Atoms(Applications)));
        if (!Env.IsEmpty) keys.Add(Pair("env", Erl.List(Env.Select(e => (Term)Erl.Tuple(Erl.Atom(e.Key), e.Value)))));
        if (Mod is { } mod) keys.Add(Pair("mod", Erl.Tuple(Erl.Atom(mod.Module), mod.StartArgs)));
        if (StartPhases is { } phases) keys.Add(Pair("start_phases", Erl.List(phases.Select(p => (Term)Erl.Tuple(Erl.Atom(p.Phase), p.Args)))));
        if (!RuntimeDependencies.IsEmpty) keys.Add(Pair("runtime_dependencies", Erl.List(RuntimeDependencies.Select(d => (Term)Erl.Str(d)))));
        return Erl.Tuple(Erl.Atom("application"), Erl.Atom(Name), Erl.List(keys));

        static Term Pair(string key, Term value) => Erl.Tuple(Erl.Atom(key), value);
    }

    public string Format() => ConsultFile.FormatTerms(ToTerm());

    public void Write(string path) => AtomicFile.WriteAllText(path, Format());

    public static AppFile Read(string path)
    {
        var (term, shape) = TermShape.ReadSingle(path, Form);
        return FromTerm(term, shape);
    }

    public static AppFile Parse(string text, string fileName)
    {
        var (term, shape) = TermShape.ParseSingle(text, fileName, Form);
        return FromTerm(term, shape);
    }

    public static AppFile FromTerm(Term term, TermShape shape, AppFileRules rules = AppFileRules.Strict)
    {
        if (term is not ErlTuple { Arity: 3 } t || !Erl.IsAtom(t[0], "application"))
            throw shape.Error(term, $"expected {Form}, found {TermShape.Describe(term)}");
        var name = shape.AtomName(t[1], "the application name");
        var strict = rules == AppFileRules.Strict;
        var values = new Dictionary<string, (Term Value, Term Pair)>();
        foreach (var element in shape.List(t[2], "the application keys"))
        {
            if (!strict && !IsKnownKey(element)) continue;
            var pair = shape.Tuple(element, 2, "an application key {Key,Value}");
            var key = shape.AtomName(pair[0], "an application key");
            if (!Keys.Contains(key)) throw shape.Error(pair[0], $"unknown application key {ErlSyntax.Atom(key)}; app(4) keys are {string.Join(", ", Keys)}");
            if (!values.TryAdd(key, (pair[1], element)) && strict) throw shape.Error(element, $"application key {key} is given twice");
        }
        Term? Value(string key) => values.TryGetValue(key, out var v) ? v.Value : null;
        ImmutableArray<string> Atoms(string key) => Value(key) is { } v ? shape.AtomList(v, key) : [];
        AppLimit? Limit(string key) => Value(key) is { } v ? AppLimit.FromTerm(v, key, shape) : null;
        ImmutableArray<(string, Term)> KeyedPairs(Term list, string what) =>
            shape.List(list, what).Select(e => { var p = shape.Tuple(e, 2, $"an element of {what}"); return (shape.AtomName(p[0], $"a key in {what}"), p[1]); }).ToImmutableArray();

        if (Value("vsn") is null) throw shape.Error(t[2], $"application {ErlSyntax.Atom(name)} has no vsn");
        if (!strict && Value("modules") is null) throw shape.Error(t[2], $"application {ErlSyntax.Atom(name)} has no modules");
        var app = new AppFile(name, shape.Text(Value("vsn")!, "vsn"))
        {
            Description = Value("description") is { } d ? shape.Text(d, "description") : "",
            Id = Value("id") is { } id ? shape.Text(id, "id") : null,
            Modules = Atoms("modules"),
            MaxProcesses = Limit("maxP"),
            MaxTime = Limit("maxT"),
            Registered = Atoms("registered"),
            IncludedApplications = Atoms("included_applications"),
            OptionalApplications = Atoms("optional_applications"),
            Applications = Atoms("applications"),
            Env = Value("env") is { } env ? KeyedPairs(env, "env").Select(p => new AppEnvEntry(p.Item1, p.Item2)).ToImmutableArray() : [],
            Mod = Value("mod") is { } mod ? ModOf(mod) : null,
            StartPhases = Value("start_phases") switch
            {
                null => null,
                ErlAtom { Name: "undefined" } => null,
                var phases => KeyedPairs(phases, "start_phases").Select(p => new AppStartPhase(p.Item1, p.Item2)).ToImmutableArray(),
            },
            RuntimeDependencies = Value("runtime_dependencies") is { } deps ? shape.TextList(deps, "runtime_dependencies") : [],
        };
        if (!strict) return app;
        foreach (var optional in app.OptionalApplications)
            if (!app.Applications.Contains(optional))
                throw shape.Error(Value("optional_applications"), $"optional application {ErlSyntax.Atom(optional)} must also be listed in applications");
        foreach (var duplicate in app.Modules.GroupBy(m => m).Where(g => g.Count() > 1))
            throw shape.Error(Value("modules"), $"module {ErlSyntax.Atom(duplicate.Key)} is listed twice");
        return app;

        AppCallback ModOf(Term mod)
        {
            var m = shape.Tuple(mod, 2, "mod {Module,StartArgs}");
            return new AppCallback(shape.AtomName(m[0], "the mod module"), m[1]);
        }
    }

    private static bool IsKnownKey(Term element) => element is ErlTuple { Arity: 2 } pair && pair[0] is ErlAtom key && Keys.Contains(key.Name);
}

/// <summary>How <see cref="AppFile"/> reads a file.</summary>
public enum AppFileRules
{
    /// <summary>app(4) as reltool writes it: only its keys, none twice, optional applications also in applications, no module twice.</summary>
    Strict,

    /// <summary>
    /// As systools_make reads an .app for a relup: elements that are not a known {Key,Value} are ignored, the first of a
    /// repeated key counts, modules is required like vsn, and nothing is checked across keys (the release checks that).
    /// </summary>
    Systools,
}

/// <summary>maxP / maxT: a non-negative integer or infinity.</summary>
public sealed record AppLimit(long? Value)
{
    public static readonly AppLimit Infinity = new((long?)null);
    public bool IsInfinity => Value is null;

    public Term ToTerm() => Value is { } v ? Erl.Int(v) : Erl.Atom("infinity");

    public static AppLimit FromTerm(Term term, string key, TermShape shape) => term switch
    {
        ErlAtom { Name: "infinity" } => Infinity,
        ErlInteger i when i.Value >= 0 && i.Value <= long.MaxValue => new AppLimit((long)i.Value),
        _ => throw shape.Error(term, $"{key} must be a non-negative integer or infinity, found {TermShape.Describe(term)}"),
    };
}

public sealed record AppEnvEntry(string Key, Term Value);

/// <summary>The mod key: the application callback module and its start arguments.</summary>
public sealed record AppCallback(string Module, Term StartArgs);

public sealed record AppStartPhase(string Phase, Term Args);
