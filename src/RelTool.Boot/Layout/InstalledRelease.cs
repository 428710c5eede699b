using RelTool.Formats.Manifests;
using RelTool.Formats.Terms;

namespace RelTool.Boot.Layout;

/// <summary>One entry of releases/RELEASES: {release,Name,Vsn,RuntimeVsn,Libs,Status}.</summary>
public sealed record InstalledRelease(string Name, string Version, string RuntimeVersion, string Status)
{
    public static IReadOnlyList<InstalledRelease> ReadAll(string path)
    {
        if (!File.Exists(path)) throw new LauncherException(ExitCodes.Failure, $"{path}: missing");
        try
        {
            var terms = TermReader.ReadFile(path);
            if (terms.Length != 1 || terms[0] is not ErlList { IsProper: true } list)
                throw new ManifestException(path, "RELEASES holds one list of {release,Name,Vsn,RuntimeVsn,Libs,Status}");
            return list.Elements.Select(e => FromTerm(e, path)).ToList();
        }
        catch (Exception e) when (e is FormatException or Formats.FileProblemException)
        {
            throw new LauncherException(ExitCodes.Failure, e.Message);
        }
    }

    private static InstalledRelease FromTerm(Term term, string path)
    {
        if (term is not ErlTuple { Arity: 6 } t || !Erl.IsAtom(t[0], "release") || t[5] is not ErlAtom status)
            throw new ManifestException(path, $"expected {{release,Name,Vsn,RuntimeVsn,Libs,Status}}, got {term}");
        string Text(Term x, string what) => Erl.TextOf(x) ?? throw new ManifestException(path, $"{what} must be a string, got {x}");
        return new InstalledRelease(Text(t[1], "the release name"), Text(t[2], "the release version"), Text(t[3], "the runtime version"), status.Name);
    }
}
