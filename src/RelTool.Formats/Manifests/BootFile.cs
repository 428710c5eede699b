using System.Collections.Immutable;
using RelTool.Formats.Terms;

namespace RelTool.Formats.Manifests;

/// <summary>
/// releases/&lt;Vsn&gt;/start.boot: what the launcher needs to start a release. Paths are relative to the
/// release root and use '/'. Written as one term:
/// <code>
/// {boot,"kv","0.1.0",
///       [{runtime,"10.0.0"},
///        {runtime_identifier,"linux-x64"},
///        {frameworks,[{"Microsoft.NETCore.App","10.0.0"}]},
///        {entry,{'Kv',"lib/Kv-0.1.0/Kv.dll"}},
///        {applications,[{'Kv',"0.1.0","lib/Kv-0.1.0"}]},
///        {assemblies,[{"Kv","","lib/Kv-0.1.0/Kv.dll"}]},
///        {native_dirs,["lib/Foo-1.0/runtimes/linux-x64/native"]}]}.
/// </code>
/// applications are in load order (dependencies first); assemblies are {SimpleName, Culture ("" for neutral), Path}.
/// </summary>
public sealed record BootFile(
    string ReleaseName,
    string ReleaseVersion,
    string RuntimeVersion,
    ImmutableArray<BootFramework> Frameworks,
    string EntryApplication,
    string EntryAssemblyPath,
    ImmutableArray<BootApplication> Applications,
    ImmutableArray<BootAssembly> Assemblies,
    ImmutableArray<string> NativeDirs)
{
    /// <summary>
    /// The runtime identifier the release was built for (`{runtime_identifier,"linux-arm64"}`, after runtime); absent
    /// in boot files written before reltool recorded it.
    /// </summary>
    public string? RuntimeIdentifier { get; init; }

    public Term ToTerm()
    {
        List<Term> options = [Erl.Tuple(Erl.Atom("runtime"), Erl.Str(RuntimeVersion))];
        if (RuntimeIdentifier is not null) options.Add(Erl.Tuple(Erl.Atom("runtime_identifier"), Erl.Str(RuntimeIdentifier)));
        options.AddRange(
        [
            Erl.Tuple(Erl.Atom("frameworks"), Erl.List(Frameworks.Select(f => (Term)Erl.Tuple(Erl.Str(f.Name), Erl.Str(f.Version))))),
            Erl.Tuple(Erl.Atom("entry"), Erl.Tuple(Erl.Atom(EntryApplication), Erl.Str(EntryAssemblyPath))),
            Erl.Tuple(Erl.Atom("applications"), Erl.List(Applications.Select(a => (Term)Erl.Tuple(Erl.Atom(a.Name), Erl.Str(a.Version), Erl.Str(a.Dir))))),
            Erl.Tuple(Erl.Atom("assemblies"), Erl.List(Assemblies.Select(a => (Term)Erl.Tuple(Erl.Str(a.Name), Erl.Str(a.Culture), Erl.Str(a.Path))))),
            Erl.Tuple(Erl.Atom("native_dirs"), Erl.List(NativeDirs.Select(d => (Term)Erl.Str(d)))),
        ]);
        return Erl.Tuple(Erl.Atom("boot"), Erl.Str(ReleaseName), Erl.Str(ReleaseVersion), Erl.List(options));
    }

    public string Format() => ConsultFile.FormatTerms(ToTerm());

    public static BootFile Read(string path)
    {
        var terms = TermReader.ReadFile(path);
        if (terms.Length != 1) throw new ManifestException(path, "a boot file holds exactly one term {boot,Name,Vsn,Options}");
        return FromTerm(terms[0], path);
    }

    public static BootFile FromTerm(Term term, string file)
    {
        if (term is not ErlTuple { Arity: 4 } t || !Erl.IsAtom(t[0], "boot") || t[3] is not ErlList options)
            throw new ManifestException(file, "expected {boot,Name,Vsn,Options}");
        string Text(Term x, string what) => Erl.TextOf(x) ?? throw new ManifestException(file, $"{what} must be a string, got {x}");
        string AtomName(Term x, string what) => x is ErlAtom a ? a.Name : throw new ManifestException(file, $"{what} must be an atom, got {x}");
        ErlTuple Tuple(Term x, int arity, string what) => x is ErlTuple tt && tt.Arity == arity ? tt : throw new ManifestException(file, $"{what} must be a {arity}-tuple, got {x}");
        ImmutableArray<Term> ListOf(Term x, string what) => x is ErlList { IsProper: true } l ? l.Elements : throw new ManifestException(file, $"{what} must be a list, got {x}");

        var byKey = new Dictionary<string, Term>();
        foreach (var option in options.Elements)
        {
            var o = Tuple(option, 2, "a boot option");
            var key = AtomName(o[0], "a boot option key");
            if (!byKey.TryAdd(key, o[1])) throw new ManifestException(file, $"option {key} is given twice");
        }
        string[] known = ["runtime", "runtime_identifier", "frameworks", "entry", "applications", "assemblies", "native_dirs"];
        foreach (var key in byKey.Keys)
            if (!known.Contains(key)) throw new ManifestException(file, $"unknown boot option {key}; valid: {string.Join(", ", known)}");
        Term Need(string key) => byKey.TryGetValue(key, out var v) ? v : throw new ManifestException(file, $"missing boot option {key}");

        var entry = Tuple(Need("entry"), 2, "entry");
        return new BootFile(
            Text(t[1], "the release name"),
            Text(t[2], "the release version"),
            Text(Need("runtime"), "runtime"),
            ListOf(Need("frameworks"), "frameworks").Select(f => { var ft = Tuple(f, 2, "a framework"); return new BootFramework(Text(ft[0], "a framework name"), Text(ft[1], "a framework version")); }).ToImmutableArray(),
            AtomName(entry[0], "the entry application"),
            Text(entry[1], "the entry assembly path"),
            ListOf(Need("applications"), "applications").Select(a => { var at = Tuple(a, 3, "an application"); return new BootApplication(AtomName(at[0], "an application name"), Text(at[1], "an application version"), Text(at[2], "an application dir")); }).ToImmutableArray(),
            ListOf(Need("assemblies"), "assemblies").Select(a => { var at = Tuple(a, 3, "an assembly"); return new BootAssembly(Text(at[0], "an assembly name"), Text(at[1], "an assembly culture"), Text(at[2], "an assembly path")); }).ToImmutableArray(),
            ListOf(byKey.GetValueOrDefault("native_dirs") ?? Erl.Nil, "native_dirs").Select(d => Text(d, "a native dir")).ToImmutableArray())
        {
            RuntimeIdentifier = byKey.TryGetValue("runtime_identifier", out var rid) ? Text(rid, "runtime_identifier") : null,
        };
    }
}

public sealed record BootFramework(string Name, string Version);

public sealed record BootApplication(string Name, string Version, string Dir);

public sealed record BootAssembly(string Name, string Culture, string Path);
