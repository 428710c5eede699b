using System.Collections.Immutable;
using RelTool.Core.Diff.Digest;
using RelTool.Core.Releases;

namespace RelTool.Core.Diff;

/// <summary>Compares two versions of a release application by application, file by file (files in parallel).</summary>
public static class ReleaseDiffer
{
    public static ReleaseDiff Compare(ReleaseSnapshot old, ReleaseSnapshot @new)
    {
        var oldApps = old.Applications.ToDictionary(a => a.Name, StringComparer.Ordinal);
        var newApps = @new.Applications.ToDictionary(a => a.Name, StringComparer.Ordinal);
        var names = oldApps.Keys.Union(newApps.Keys).Order(StringComparer.Ordinal).ToList();

        var work = new List<(string App, string Path, string? OldPath, string? NewPath)>();
        foreach (var name in names)
        {
            if (!oldApps.TryGetValue(name, out var o) || !newApps.TryGetValue(name, out var n)) continue;
            var oldFiles = AppFiles.List(o.Directory, name);
            var newFiles = AppFiles.List(n.Directory, name);
            foreach (var path in oldFiles.Union(newFiles))
                work.Add((name, path,
                    oldFiles.Contains(path) ? Path.Combine(o.Directory, path) : null,
                    newFiles.Contains(path) ? Path.Combine(n.Directory, path) : null));
        }
        var results = CompareFiles(work);

        var applications = ImmutableArray.CreateBuilder<AppDiff>();
        var warnings = ImmutableArray.CreateBuilder<StateShapeWarning>();
        var unchanged = 0;
        var byApp = work.Select((w, i) => (w.App, Result: results[i])).ToLookup(x => x.App, x => x.Result);
        foreach (var name in names)
        {
            oldApps.TryGetValue(name, out var o);
            newApps.TryGetValue(name, out var n);
            if (o is null || n is null)
            {
                applications.Add(new AppDiff(name, o?.Version, n?.Version, o is null ? AppStatus.Added : AppStatus.Removed, [], []));
                continue;
            }
            var changed = byApp[name].Where(r => r.Kind is not null).ToList();
            var modules = changed.Select(ModuleDiffOf).OfType<ModuleDiff>().OrderBy(m => m.Name, StringComparer.Ordinal).ToImmutableArray();
            foreach (var r in changed)
                if (r is { Kind: ChangeKind.Changed, Old: not null, New: not null })
                    warnings.AddRange(StateShapeCheck.Check(name, r.Old, r.New));
            var status = changed.Count > 0 ? AppStatus.Changed : o.Version != n.Version ? AppStatus.VersionOnly : (AppStatus?)null;
            if (status is null) { unchanged++; continue; }
            applications.Add(new AppDiff(name, o.Version, n.Version, status.Value,
                changed.Select(r => new FileChange(r.Path, r.Kind!.Value)).ToImmutableArray(), modules));
        }
        return new ReleaseDiff(
            new ReleaseIdentity(old.Name, old.Version, old.RuntimeVersion),
            new ReleaseIdentity(@new.Name, @new.Version, @new.RuntimeVersion),
            applications.ToImmutable(), unchanged, warnings.ToImmutable());
    }

    private static FileComparer.Result[] CompareFiles(List<(string App, string Path, string? OldPath, string? NewPath)> work)
    {
        var results = new FileComparer.Result[work.Count];
        try
        {
            Parallel.For(0, work.Count, i => results[i] = FileComparer.Compare(work[i].Path, work[i].OldPath, work[i].NewPath));
        }
        catch (AggregateException e) when (e.InnerExceptions.All(x => x is InvalidDataException or IOException or UnauthorizedAccessException))
        {
            throw new ReleaseReadException(e.InnerExceptions[0].Message, e.InnerExceptions[0]);
        }
        return results;
    }

    private static ModuleDiff? ModuleDiffOf(FileComparer.Result r)
    {
        if (!AppFiles.IsModulePath(r.Path)) return null;
        var old = r.Old is null ? null : Side(r.Path, r.Old);
        var @new = r.New is null ? null : Side(r.Path, r.New);
        return (old, @new) switch
        {
            (null, null) => null,
            (null, _) => new ModuleDiff(r.New!.Name, ChangeKind.Added, null, @new, null),
            (_, null) => new ModuleDiff(r.Old!.Name, ChangeKind.Removed, old, null, null),
            _ => new ModuleDiff(r.New!.Name, ChangeKind.Changed, old, @new, AssemblyDiffer.Compare(r.Old!, r.New!)),
        };
    }

    private static ModuleSide Side(string path, AssemblyDigest digest) => new(path, digest.References, !digest.Servers.IsEmpty);
}
