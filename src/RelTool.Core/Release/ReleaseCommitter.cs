using RelTool.Core.Layout.Manifests;
using RelTool.Formats;
using RelTool.Formats.Layout;
using RelTool.Formats.Manifests;

namespace RelTool.Core.Release;

/// <summary>
/// Moves a staged release into the output folder so that a reader never sees half of it: new lib dirs, runtime
/// parts and releases/&lt;Vsn&gt;/ first (each one rename), then overlays and bin/&lt;name&gt;, then RELEASES and
/// start_erl.data together (<see cref="PendingReleaseState"/>: a kill between their renames is completed by the next
/// run). Until RELEASES names the version, what was moved counts as unfinished (<see cref="ExistingReleaseCheck"/>)
/// and a rerun replaces it. Anything replaced goes to <paramref name="trash"/>, inside the staging folder.
/// </summary>
public static class ReleaseCommitter
{
    public static void Commit(StagedRelease staged, ExistingReleaseCheck existing, string output, string trash)
    {
        // Read what must be merged before moving anything, so that an unreadable RELEASES leaves the output untouched.
        var target = new ReleaseRoot(output);
        var source = new ReleaseRoot(staged.Root);
        var releasesFile = target.ReleasesFilePath;
        var built = ReleasesFile.Read(source.ReleasesFilePath).Releases.Single();
        var earlier = File.Exists(releasesFile) ? ReleasesFile.Read(releasesFile) : new ReleasesFile([]);

        foreach (var (_, kept) in staged.Grafts)
            if (!Directory.Exists(kept))
                throw new ReleaseException($"{kept} was removed while the release was built, which packed it from there; run the build again");

        Directory.CreateDirectory(trash);
        foreach (var application in staged.Applications)
        {
            if (existing.SharedLibDirs.Contains(application.DirectoryName)) continue;
            ReplaceDirectory(source.LibDirOf(application.DirectoryName), target.LibDirOf(application.DirectoryName), trash);
        }

        if (staged.IncludeRuntime) CommitRuntime(staged, output);
        ReplaceDirectory(staged.ReleaseDirectory, target.ReleaseDir(staged.Version), trash);
        CommitOverlays(staged.Root, output);
        MoveFile(source.BinScript(staged.Name), target.BinScript(staged.Name));
        FaultPoint.Hit("release:before-registering");

        new PendingReleaseState(ReleasesManifest.WithPermanent(earlier, built), new StartErlData(staged.Runtime.RuntimeVersion, staged.Version))
            .Apply(target.ReleasesDir);
    }

    /// <summary>Versioned runtime folders (host/fxr/&lt;v&gt;, shared/&lt;F&gt;/&lt;v&gt;) are added when missing and never changed; top files are replaced.</summary>
    private static void CommitRuntime(StagedRelease staged, string output)
    {
        foreach (var entry in staged.Runtime.Entries)
        {
            var source = Path.Combine(new ReleaseRoot(staged.Root).RuntimeDir, entry);
            var target = Path.Combine(new ReleaseRoot(output).RuntimeDir, entry);
            if (Directory.Exists(source))
            {
                if (Directory.Exists(target)) continue;
                Directory.CreateDirectory(Path.GetDirectoryName(target)!);
                Directory.Move(source, target);
            }
            else if (File.Exists(source)) MoveFile(source, target);
        }
    }

    /// <summary>Overlay files outside bin/, lib/, runtime/ and releases/ (etc/, var/...), each moved into place on its own.</summary>
    private static void CommitOverlays(string root, string output)
    {
        foreach (var top in Directory.EnumerateFileSystemEntries(root).Where(p => !ReleaseLayout.BuiltTopLevel.Contains(Path.GetFileName(p)!)))
        {
            if (File.Exists(top))
            {
                MoveFile(top, Path.Combine(output, Path.GetFileName(top)));
                continue;
            }
            foreach (var directory in Directory.EnumerateDirectories(top, "*", SearchOption.AllDirectories).Prepend(top))
                Directory.CreateDirectory(Path.Combine(output, Path.GetRelativePath(root, directory)));
            foreach (var file in FileTree.RelativeFiles(top))
                MoveFile(Path.Combine(top, file), Path.Combine(output, Path.GetRelativePath(root, top), file));
        }
    }

    private static void ReplaceDirectory(string source, string target, string trash)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(target)!);
        if (Directory.Exists(target))
            Directory.Move(target, Path.Combine(trash, $"{Path.GetFileName(target)}-{Guid.NewGuid():N}"));
        Directory.Move(source, target);
    }

    private static void MoveFile(string source, string target)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(target)!);
        File.Move(source, target, overwrite: true);
    }
}
