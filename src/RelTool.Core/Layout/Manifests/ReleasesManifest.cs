using System.Collections.Immutable;
using RelTool.Formats.Terms;

namespace RelTool.Core.Layout.Manifests;

/// <summary>
/// releases/RELEASES as release_handler:create_RELEASES writes it, with lib dirs relative to the release root:
/// <c>[{release,"kv","0.1.0","10.0.12",[{'Kv',"0.1.0","lib/Kv-0.1.0"},...],permanent}].</c>
/// </summary>
public static class ReleasesManifest
{
    public const string FileName = "RELEASES";

    public static Term ToTerm(IEnumerable<InstalledRelease> releases) => Erl.List(releases.Select(r => (Term)Erl.Tuple(
        Erl.Atom("release"), Erl.Str(r.Name), Erl.Str(r.Version), Erl.Str(r.RuntimeVersion),
        Erl.List(r.Applications.Select(a => (Term)Erl.Tuple(Erl.Atom(a.Name), Erl.Str(a.Version), Erl.Str(a.Dir)))),
        Erl.Atom(r.Status))));

    public static string Format(IEnumerable<InstalledRelease> releases) => ConsultFile.FormatOtp(ToTerm(releases));

    public static ImmutableArray<InstalledRelease> Read(string path)
    {
        var terms = TermReader.ReadFile(path);
        if (terms.Length != 1 || terms[0] is not ErlList { IsProper: true } list)
            throw new FormatException($"{path}: RELEASES holds one list of {{release,Name,Vsn,RuntimeVsn,Libs,Status}}");
        return list.Elements.Select(e => FromTerm(e, path)).ToImmutableArray();
    }

    private static InstalledRelease FromTerm(Term term, string path)
    {
        FormatException Bad() => new($"{path}: expected {{release,Name,Vsn,RuntimeVsn,Libs,Status}}, got {term}");
        if (term is not ErlTuple { Arity: 6 } t || !Erl.IsAtom(t[0], "release") || t[4] is not ErlList { IsProper: true } libs || t[5] is not ErlAtom status)
            throw Bad();
        var applications = libs.Elements.Select(l => l is ErlTuple { Arity: 3 } lt && lt[0] is ErlAtom name && Erl.TextOf(lt[1]) is { } vsn && Erl.TextOf(lt[2]) is { } dir
            ? new InstalledApplication(name.Name, vsn, dir)
            : throw Bad()).ToImmutableArray();
        return new InstalledRelease(
            Erl.TextOf(t[1]) ?? throw Bad(), Erl.TextOf(t[2]) ?? throw Bad(), Erl.TextOf(t[3]) ?? throw Bad(), applications, status.Name);
    }

    /// <summary>
    /// <paramref name="existing"/> with <paramref name="built"/> made permanent and put first: the previously permanent
    /// release becomes old (as release_handler:make_permanent leaves it), an earlier entry of the same version is replaced.
    /// </summary>
    public static ImmutableArray<InstalledRelease> WithPermanent(IEnumerable<InstalledRelease> existing, InstalledRelease built) =>
        [
            built with { Status = "permanent" },
            .. existing.Where(r => r.Version != built.Version).Select(r => r.Status == "permanent" ? r with { Status = "old" } : r),
        ];
}

public sealed record InstalledRelease(string Name, string Version, string RuntimeVersion, ImmutableArray<InstalledApplication> Applications, string Status);

public sealed record InstalledApplication(string Name, string Version, string Dir);
