using RelTool.Boot.Layout;
using RelTool.Formats.Archive;
using RelTool.Formats.Layout;
using RelTool.Formats.Manifests;

namespace RelTool.Boot.ReleaseHandler.ClientSide;

/// <summary>
/// unpack VSN: release_handler:unpack_release. Refuses a tarball the installed release's trusted keys did not sign
/// (<see cref="UnpackSignatureCheck"/>), before reading it. Reads releases/VSN/&lt;name&gt;-from-&lt;current&gt;.tar.gz (an upgrade
/// tarball), else another &lt;name&gt;-from-*.tar.gz, else &lt;name&gt;.tar.gz; checks all of it; extracts only
/// releases/VSN/ and the lib/ directories and versioned runtime folders not installed yet (unsafe entries — absolute paths, "..", links leaving the
/// root, devices — fail the whole tarball); then installs its files outside those (<see cref="ReleaseTopFiles"/>:
/// bin/&lt;name&gt;, overlays; etc/ only where missing) and adds VSN to RELEASES as unpacked.
/// </summary>
public static class UnpackCommand
{
    public static int Run(ReleaseContext release, IReadOnlyList<string> args)
    {
        Unpack(release.Root, release.Name, VersionArgs.Parse(LauncherCommands.Unpack, args).Version, release.Version);
        return ExitCodes.Ok;
    }

    public static void Unpack(ReleaseRoot root, string name, string version, string currentVersion)
    {
        var registry = new ReleasesRegistry(root);
        if (registry.Find(version) is { } existing)
            throw new LauncherException(ExitCodes.Failure, $"release {version} is already unpacked (status {ReleaseEntry.StatusName(existing.Status)})");
        var tarball = Locate(root, name, version, currentVersion);
        RemoveStagingLeftovers(root);
        UnpackSignatureCheck.Check(root, currentVersion, tarball);
        try
        {
            var entries = ReleaseArchive.List(tarball);
            var relPath = ReleaseLayout.ReleaseFilePath(version, ReleaseLayout.RelFileName(name));
            if (!entries.Any(e => e.Path == relPath)) throw new LauncherException(ExitCodes.Failure, $"{tarball}: has no {relPath}");
            var newLibs = NewLibDirs(entries, root, registry);
            var newRuntime = NewRuntimeFolders(entries, root);
            var result = ReleaseArchive.Extract(tarball, root.Dir, new ExtractOptions
            {
                OnlyUnder = [ReleaseLayout.ReleaseDirPath(version), .. newLibs.Select(ReleaseLayout.LibDirPath), .. newRuntime],
                WholeDirectories = [.. newLibs.Select(ReleaseLayout.LibDirPath), .. newRuntime],
                SkipIdentical = true,
            });
            var rel = CheckUnpacked(root, tarball, relPath, name, version);
            var topFiles = ReleaseTopFiles.Install(tarball, entries, root);
            registry.AddUnpacked(rel);
            Console.WriteLine($"unpacked {name} {version} from {Path.GetFileName(tarball)}: {result.Written} entries written; new lib dirs: {(newLibs.Count == 0 ? "none" : string.Join(' ', newLibs))}"
                + (newRuntime.Count == 0 ? "" : $"; new runtime folders: {string.Join(' ', newRuntime)}")
                + (topFiles == 0 ? "" : $"; {topFiles} files outside lib/, runtime/ and releases/ (bin/, overlays; etc/ only where missing)"));
        }
        catch (ArchiveException e)
        {
            throw new LauncherException(ExitCodes.Failure, $"unpack {version}: {e.Message}");
        }
        catch (Exception e) when (e is FormatException or Formats.FileProblemException)
        {
            throw new LauncherException(ExitCodes.Failure, $"unpack {version}: {e.Message}");
        }
    }

    /// <summary>Staging folders of unpacks that were killed (this command holds the root's lock: none is in use).</summary>
    private static void RemoveStagingLeftovers(ReleaseRoot root)
    {
        foreach (var staging in Directory.EnumerateDirectories(root.Dir, ReleaseArchive.StagingPrefix + "*"))
        {
            try { Directory.Delete(staging, recursive: true); }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                Console.Error.WriteLine($"[reltool] could not remove {staging}, left by a killed unpack: {e.Message}");
            }
        }
    }

    /// <summary>
    /// The tarball's lib dirs that the root lacks, or has without any installed release naming them in RELEASES: such
    /// a dir is what an unpack killed before it registered the release left (perhaps partial), and is replaced, never
    /// trusted. Dirs RELEASES names were whole when their release was registered and are never touched.
    /// </summary>
    private static List<string> NewLibDirs(IReadOnlyList<ArchiveEntryInfo> entries, ReleaseRoot root, ReleasesRegistry registry)
    {
        var installed = registry.Read().Releases.SelectMany(r => r.Applications).Select(a => root.Resolve(a.LibDir)).ToHashSet(StringComparer.Ordinal);
        return entries.Select(e => e.Path.Split('/')).Where(p => p.Length > 1 && p[0] == ReleaseLayout.LibDir && p[1].Length > 0)
            .Select(p => p[1]).Distinct(StringComparer.Ordinal)
            .Where(d => !installed.Contains(root.Resolve(ReleaseLayout.LibDirPath(d)))).Order(StringComparer.Ordinal).ToList();
    }

    /// <summary>The unpacked .rel describes this release, and everything it needs is there.</summary>
    private static RelFile CheckUnpacked(ReleaseRoot root, string tarball, string relPath, string name, string version)
    {
        var rel = RelFile.Read(Path.Combine(root.Dir, relPath));
        if (rel.Name != name || rel.Version != version)
            throw new LauncherException(ExitCodes.Failure, $"{relPath} describes {rel.Name} {rel.Version}, not {name} {version}");
        var missing = rel.Applications.Select(a => ReleaseLayout.LibDirPath(a.Name, a.Version)).Where(d => !Directory.Exists(Path.Combine(root.Dir, d)))
            .Concat(new[] { root.BootFilePath(version), root.HostArgsPath(version) }.Where(f => !File.Exists(f)))
            .ToList();
        if (missing.Count > 0) throw new LauncherException(ExitCodes.Failure, $"{tarball} lacks what {version} needs: {string.Join(", ", missing)}");
        return rel;
    }

    /// <summary>
    /// The versioned runtime folders of the tarball (runtime/shared/&lt;F&gt;/&lt;v&gt;, runtime/host/fxr/&lt;v&gt;) that the
    /// root lacks: a release on a new runtime needs them to start. Folders already there are never changed (a running
    /// node uses them), nor are runtime/'s top files; the dotnet muxer picks the newest hostfxr by itself.
    /// </summary>
    private static List<string> NewRuntimeFolders(IReadOnlyList<ArchiveEntryInfo> entries, ReleaseRoot root) =>
        entries.Select(e => e.Path.Split('/'))
            .Select(p => p switch
            {
                [ReleaseLayout.RuntimeDir, "shared", var framework, var version, ..] when framework.Length > 0 && version.Length > 0 => $"{ReleaseLayout.RuntimeDir}/shared/{framework}/{version}",
                [ReleaseLayout.RuntimeDir, "host", "fxr", var version, ..] when version.Length > 0 => $"{ReleaseLayout.RuntimeDir}/host/fxr/{version}",
                _ => null,
            })
            .OfType<string>().Distinct(StringComparer.Ordinal)
            .Where(folder => !Directory.Exists(Path.Combine(root.Dir, folder))).Order(StringComparer.Ordinal).ToList();

    private static string Locate(ReleaseRoot root, string name, string version, string currentVersion)
    {
        var dir = root.ReleaseDir(version);
        var fromCurrent = Path.Combine(dir, $"{name}-from-{currentVersion}.tar.gz");
        if (File.Exists(fromCurrent)) return fromCurrent;
        var fromOther = Directory.Exists(dir) ? Directory.GetFiles(dir, $"{name}-from-*.tar.gz").Order(StringComparer.Ordinal).FirstOrDefault() : null;
        if (fromOther is not null) return fromOther;
        var full = Path.Combine(dir, $"{name}.tar.gz");
        return File.Exists(full) ? full
            : throw new LauncherException(ExitCodes.Failure, $"no tarball for {version}: put {name}.tar.gz or {name}-from-{currentVersion}.tar.gz in {dir}/");
    }
}
