using System.Collections.Immutable;
using RelTool.Formats.Manifests;
using RelTool.Formats.Terms;

namespace RelTool.Core.Upgrade;

/// <summary>
/// Builds a <see cref="RelupRequest"/> from files: the .rel files, and every <c>App.app</c> (with the
/// <c>App.appup</c> beside it) in the directories of the search path, in path order.
/// </summary>
public static class RelupSources
{
    public static UpgradeRelease ReadRelease(string relFile)
    {
        var (term, shape) = TermShape.ReadSingle(relFile, RelFile.Form);
        try
        {
            return UpgradeRelease.Of(RelFile.FromTerm(term, shape), relFile);
        }
        catch (ManifestException e)
        {
            throw SystoolsReason.Tag(e, SystoolsReason.OfRelease(term));
        }
    }

    /// <summary>Every readable .app in the directories, in order. A .app that cannot be read is skipped as systools skips it; <paramref name="problems"/> says why.</summary>
    public static ApplicationCatalog ReadCatalog(IEnumerable<string> directories, out ImmutableArray<string> problems)
    {
        var versions = new List<ApplicationVersion>();
        var issues = new List<string>();
        foreach (var dir in directories)
        {
            foreach (var appFile in Directory.GetFiles(dir, "*.app").OrderBy(f => f, StringComparer.Ordinal))
            {
                try
                {
                    var manifest = ReadApplication(appFile);
                    if (manifest.Name != Path.GetFileNameWithoutExtension(appFile))
                        throw new ManifestException(appFile, $"the file is named for {Path.GetFileNameWithoutExtension(appFile)} but describes {manifest.Name} [bad_application_name]");
                    versions.Add(new ApplicationVersion(manifest, ReadAppup(Path.ChangeExtension(appFile, ".appup")), dir));
                }
                catch (Exception e) when (e is FormatException or Formats.FileProblemException)
                {
                    issues.Add(e.Message);
                }
            }
        }
        problems = issues.ToImmutableArray();
        return ApplicationCatalog.Of(versions);
    }

    private static UpgradeApplication ReadApplication(string appFile)
    {
        var (term, shape) = TermShape.ReadSingle(appFile, AppFile.Form);
        try
        {
            return UpgradeApplication.Of(AppFile.FromTerm(term, shape, AppFileRules.Systools));
        }
        catch (ManifestException e)
        {
            throw SystoolsReason.Tag(e, SystoolsReason.OfApplication(term));
        }
    }

    private static AppupSource? ReadAppup(string file)
    {
        if (!File.Exists(file)) return null;
        try
        {
            var terms = TermReader.ReadFile(file);
            return terms.Length == 1
                ? AppupSource.Of(file, terms[0])
                : AppupSource.Unreadable(file, $"an appup holds exactly one term, found {terms.Length}");
        }
        catch (Exception e) when (e is FormatException or Formats.FileProblemException)
        {
            return AppupSource.Unreadable(file, e.Message);
        }
    }
}
