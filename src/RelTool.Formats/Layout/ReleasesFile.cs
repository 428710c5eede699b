using System.Collections.Immutable;
using RelTool.Formats.Manifests;
using RelTool.Formats.Terms;

namespace RelTool.Formats.Layout;

/// <summary>
/// releases/RELEASES: the installed releases, newest first, as release_handler keeps them:
/// <c>[{release,Name,Vsn,ErtsVsn,[{App,AppVsn,LibDir}],Status}]</c>, written byte for byte as OTP writes it.
/// </summary>
public sealed record ReleasesFile(ImmutableArray<ReleaseEntry> Releases)
{
    private const string Form = "[{release,Name,Vsn,ErtsVsn,[{App,AppVsn,LibDir}],Status}]";

    /// <summary>Equal when they hold the same releases (statuses compared as written: current equals unpacked).</summary>
    public bool Equals(ReleasesFile? other) => other is not null && ToTerm().Equals(other.ToTerm());
    public override int GetHashCode() => ToTerm().GetHashCode();

    /// <summary>The term as saved: a <see cref="ReleaseStatus.Current"/> release is saved as unpacked (release_handler never writes current).</summary>
    public Term ToTerm() => Erl.List(Releases.Select(r => r.ToTerm()));

    /// <summary>"%% coding: utf-8\n", the term as ~tp lays it out, ".\n".</summary>
    public string Format() => ConsultFile.FormatOtp(ToTerm());

    public void Write(string path) => AtomicFile.WriteAllText(path, Format());

    /// <summary>The file at <paramref name="path"/>; a missing or malformed one is a <see cref="ManifestException"/> naming it.</summary>
    public static ReleasesFile Read(string path)
    {
        if (!File.Exists(path)) throw new ManifestException(path, "missing");
        var (term, shape) = TermShape.ReadSingle(path, Form);
        return FromTerm(term, shape);
    }

    public static ReleasesFile Parse(string text, string fileName)
    {
        var (term, shape) = TermShape.ParseSingle(text, fileName, Form);
        return FromTerm(term, shape);
    }

    public static ReleasesFile FromTerm(Term term, TermShape shape)
    {
        var entries = shape.List(term, ReleaseLayout.ReleasesFileName).Select(e => ReleaseEntry.FromTerm(e, shape)).ToImmutableArray();
        var seen = new HashSet<string>();
        foreach (var (entry, element) in entries.Zip(((ErlList)term).Elements))
            if (!seen.Add(entry.Version)) throw shape.Error(element, $"release version \"{entry.Version}\" is listed twice");
        return new ReleasesFile(entries);
    }

    /// <summary>
    /// release_handler:create_RELEASES(Root, RelDir, RelFile, LibDirs): one permanent release made from the .rel,
    /// app types and included applications dropped, .rel order kept. LibDir is "lib/App-Vsn" when root is empty,
    /// else root + "/lib/App-Vsn"; an app named in <paramref name="libDirs"/> gets Dir + "/App-Vsn", which must be
    /// a directory (a relative Dir is taken from <paramref name="root"/>, as OTP takes it from the code root).
    /// </summary>
    public static ReleasesFile Create(string root, RelFile rel, IEnumerable<(string App, string Version, string Dir)>? libDirs = null)
    {
        var dirs = libDirs?.ToList() ?? [];
        var apps = rel.Applications.Select(a =>
        {
            var libName = ReleaseLayout.LibDirName(a.Name, a.Version);
            var given = dirs.FirstOrDefault(d => d.App == a.Name);
            if (given.App is not null)
            {
                var path = JoinPath(given.Dir, libName);
                var onDisk = Path.IsPathRooted(path) || root.Length == 0 ? path : Path.Combine(root, path);
                if (File.Exists(onDisk)) throw new ManifestException(path, "not a directory (create_RELEASES: {not_a_directory, Path})");
                if (!Directory.Exists(onDisk)) throw new ManifestException(path, "no such directory (create_RELEASES: {no_such_directory, Path})");
                return new ReleaseApplication(a.Name, a.Version, path);
            }
            return new ReleaseApplication(a.Name, a.Version, root.Length == 0 ? ReleaseLayout.LibDirPath(libName) : JoinPath(JoinPath(root, ReleaseLayout.LibDir), libName));
        }).ToImmutableArray();
        return new ReleasesFile([new ReleaseEntry(rel.Name, rel.Version, rel.ErtsVersion, apps, ReleaseStatus.Permanent)]);
    }

    /// <summary>filename:join for two parts: one separator between them, no trailing separator.</summary>
    private static string JoinPath(string dir, string name)
    {
        var trimmed = dir.TrimEnd('/');
        if (Path.IsPathRooted(name)) return name;
        return (dir.Length > 0 && trimmed.Length == 0 ? "/" : trimmed.Length == 0 ? "" : trimmed + "/") + name;
    }
}

/// <summary>The state of an installed release; see release_handler.</summary>
public enum ReleaseStatus { Permanent, Current, Old, Unpacked }

public sealed record ReleaseEntry(string Name, string Version, string ErtsVersion, ImmutableArray<ReleaseApplication> Applications, ReleaseStatus Status)
{
    public bool Equals(ReleaseEntry? other) => other is not null && Status == other.Status && ToTerm().Equals(other.ToTerm());
    public override int GetHashCode() => ToTerm().GetHashCode();

    public Term ToTerm() => Erl.Tuple(
        Erl.Atom("release"), Erl.Str(Name), Erl.Str(Version), Erl.Str(ErtsVersion),
        Erl.List(Applications.Select(a => (Term)Erl.Tuple(Erl.Atom(a.Name), Erl.Str(a.Version), Erl.Str(a.LibDir)))),
        Erl.Atom(StatusName(Status == ReleaseStatus.Current ? ReleaseStatus.Unpacked : Status)));

    public static string StatusName(ReleaseStatus status) => status.ToString().ToLowerInvariant();

    public static ReleaseEntry FromTerm(Term term, TermShape shape)
    {
        const string form = "{release,Name,Vsn,ErtsVsn,[{App,AppVsn,LibDir}],Status}";
        if (term is not ErlTuple { Arity: 6 } t || !Erl.IsAtom(t[0], "release"))
            throw shape.Error(term, $"a release must be {form}, found {TermShape.Describe(term)}");
        var apps = shape.List(t[4], "the applications of a release").Select(a =>
        {
            var at = shape.Tuple(a, 3, "an application {App,AppVsn,LibDir}");
            return new ReleaseApplication(shape.AtomName(at[0], "an application name"), shape.Text(at[1], "an application version"), shape.Text(at[2], "a lib dir"));
        }).ToImmutableArray();
        var statusName = shape.AtomName(t[5], "a release status");
        var status = statusName switch
        {
            "permanent" => ReleaseStatus.Permanent,
            "current" => ReleaseStatus.Current,
            "old" => ReleaseStatus.Old,
            "unpacked" => ReleaseStatus.Unpacked,
            _ => throw shape.Error(t[5], $"a release status must be one of permanent, current, old, unpacked; found {ErlSyntax.Atom(statusName)}"),
        };
        return new ReleaseEntry(shape.Text(t[1], "a release name"), shape.Text(t[2], "a release version"), shape.Text(t[3], "an erts version"), apps, status);
    }
}

public sealed record ReleaseApplication(string Name, string Version, string LibDir);
