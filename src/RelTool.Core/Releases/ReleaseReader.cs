using System.Collections.Immutable;
using RelTool.Core.Diff;
using RelTool.Formats.Layout;
using RelTool.Formats.Manifests;

namespace RelTool.Core.Releases;

/// <summary>
/// Finds a release version in an install root: releases/&lt;Vsn&gt;/&lt;name&gt;.rel for the application list,
/// lib/&lt;App&gt;-&lt;Vsn&gt;/ for their files.
/// </summary>
public static class ReleaseReader
{
    /// <summary>The version releases/start_erl.data names, else the newest releases/&lt;Vsn&gt;/ that holds a .rel.</summary>
    public static ReleaseSnapshot ReadCurrent(string root)
    {
        CheckRoot(root);
        var startErl = Path.Combine(root, ReleaseLayout.StartErlDataPath);
        if (File.Exists(startErl)) return Read(root, Manifest(() => StartErlData.Read(startErl)).ReleaseVersion);
        var newest = Versions(root).Max(VersionOrder.Instance)
            ?? throw new ReleaseReadException($"{root}: not a release: no releases/<vsn>/<name>.rel");
        return Read(root, newest);
    }

    /// <summary>The versions under releases/ that hold a .rel, oldest first.</summary>
    public static ImmutableArray<string> Versions(string root) =>
        Directory.Exists(Path.Combine(root, ReleaseLayout.ReleasesDir))
            ? Directory.GetDirectories(Path.Combine(root, ReleaseLayout.ReleasesDir))
                .Where(d => Directory.EnumerateFiles(d, "*" + ReleaseLayout.RelFileExtension).Any())
                .Select(Path.GetFileName).OfType<string>()
                .Order(VersionOrder.Instance).ToImmutableArray()
            : [];

    public static ReleaseSnapshot Read(string root, string version)
    {
        CheckRoot(root);
        var dir = Path.Combine(root, ReleaseLayout.ReleaseDirPath(version));
        if (!Directory.Exists(dir))
            throw new ReleaseReadException($"{root}: no release {version} (found: {string.Join(", ", Versions(root)) switch { "" => "none", var s => s }})");
        var rels = Directory.GetFiles(dir, "*" + ReleaseLayout.RelFileExtension);
        if (rels.Length != 1)
            throw new ReleaseReadException($"{dir}: expected one .rel file, found {rels.Length}");
        var rel = Manifest(() => RelFile.Read(rels[0]));
        if (rel.Version != version)
            throw new ReleaseReadException($"{rels[0]}: names version {rel.Version}, but lies in {ReleaseLayout.ReleaseDirPath(version)}/");
        var apps = rel.Applications.Select(a =>
        {
            var appDir = Path.Combine(root, ReleaseLayout.LibDirPath(a.Name, a.Version));
            if (!Directory.Exists(appDir))
                throw new ReleaseReadException($"{root}: release {version} lists {a.Name} {a.Version}, but {ReleaseLayout.LibDirPath(a.Name, a.Version)}/ is missing");
            var appFile = Path.Combine(appDir, ReleaseLayout.AppFileName(a.Name));
            var modules = File.Exists(appFile) ? Manifest(() => AppFile.Read(appFile)).Modules : [];
            return new ReleaseApp(a.Name, a.Version, appDir, modules.IsEmpty ? TopLevelAssemblies(appDir) : modules);
        }).ToImmutableArray();
        return new ReleaseSnapshot(Path.GetFullPath(root), rel.Name, rel.Version, rel.ErtsVersion, apps);
    }

    /// <summary>A .rel or .app that does not parse or breaks a rule of its format makes the release unreadable: its
    /// <see cref="Formats.FileProblemException"/> names the file and the position; a bare FormatException gets no file.</summary>
    private static T Manifest<T>(Func<T> read)
    {
        try
        {
            return read();
        }
        catch (FormatException e)
        {
            throw new ReleaseReadException(e.Message, e);
        }
    }

    private static ImmutableArray<string> TopLevelAssemblies(string appDir) =>
        Directory.EnumerateFiles(appDir).Select(Path.GetFileName).OfType<string>().Where(AppFiles.IsModulePath)
            .Select(Path.GetFileNameWithoutExtension).OfType<string>().Order(StringComparer.Ordinal).ToImmutableArray();

    private static void CheckRoot(string root)
    {
        if (!Directory.Exists(root)) throw new ReleaseReadException($"{root}: no such directory");
        if (!Directory.Exists(Path.Combine(root, ReleaseLayout.ReleasesDir)) || !Directory.Exists(Path.Combine(root, ReleaseLayout.LibDir)))
            throw new ReleaseReadException($"{root}: not a release directory (no releases/ and lib/)");
    }
}
