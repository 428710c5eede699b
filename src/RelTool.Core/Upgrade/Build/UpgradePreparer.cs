using System.Collections.Immutable;
using RelTool.Core.Diff;
using RelTool.Core.Diff.Appup;
using RelTool.Core.Release;
using RelTool.Core.Releases;
using RelTool.Formats;
using RelTool.Formats.Layout;

namespace RelTool.Core.Upgrade.Build;

/// <summary>
/// The upgrade step of `reltool release --upgrade`, run on the staged release before it is packed or committed:
/// diff each base release in the output against the staged one, share unchanged lib dirs, write an appup into each
/// application whose version changed against a base (one entry per base version; hand-written ones validated) and
/// releases/&lt;Vsn&gt;/relup, exactly as systools:make_relup computes it from those files. Writes only inside the staging folder.
/// </summary>
public static class UpgradePreparer
{
    /// <param name="bases">The base releases, in the order given; the relup lists them in this order.</param>
    public static PreparedUpgrade Prepare(StagedRelease staged, string output, IReadOnlyList<UpgradeBase> bases, UpgradeOptions options, string appupsDirectory, IReleaseProgress progress)
    {
        var @new = Guard(() => ReleaseReader.Read(staged.Root, staged.Version), "the new release");
        var comparisons = new List<BaseComparison>();
        foreach (var from in bases)
        {
            progress.Step($"comparing {staged.Name} {from.Version} with {staged.Version}");
            var old = Guard(() => ReleaseReader.Read(output, from.Version), $"the base release {from.Version}");
            comparisons.Add(new BaseComparison(from, old, Guard(() => ReleaseDiffer.Compare(old, @new), "comparing the releases")));
        }

        var sharingWarnings = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        var shared = LibDirSharing.Adopt(staged, output, comparisons, options.AllowSameVersion, sharingWarnings);

        progress.Step("writing appups and the relup");
        var appups = WriteAppups(staged, comparisons, @new, appupsDirectory);
        var relupWarnings = new List<string>();
        var relup = RelupFromFiles(staged, output, bases, relupWarnings);
        var prepared = comparisons.Select(c =>
        {
            var warnings = sharingWarnings.GetValueOrDefault(c.From.Version, []).Concat(c.Diff.Warnings.Select(w => w.Message)).Concat(relupWarnings);
            var libDirs = c.From.Rel.Applications.Select(a => $"{a.Name}-{a.Version}").ToHashSet(StringComparer.Ordinal);
            return new PreparedBase(c.From, c.Diff, appups[c.From.Version], [.. shared.Where(libDirs.Contains)],
                UpgradeTarballContents.FileName(staged.Name, c.From.Version), UpgradeTarballContents.Exclude(staged, output, c.From), [.. warnings]);
        });
        return new PreparedUpgrade([.. prepared], relup);
    }

    /// <returns>The appups written for each base version.</returns>
    private static Dictionary<string, ImmutableArray<WrittenAppup>> WriteAppups(StagedRelease staged, IReadOnlyList<BaseComparison> bases, ReleaseSnapshot @new, string appupsDirectory)
    {
        var perBase = new List<ImmutableArray<PlannedAppup>>();
        foreach (var b in bases)
        {
            try
            {
                perBase.Add(AppupPlan.Build(b.Diff, b.Old, @new, Directory.Exists(appupsDirectory) ? appupsDirectory : null));
            }
            catch (AppupValidationException e)
            {
                throw new ReleaseException($"hand-written appup {e.Message}", e);
            }
        }
        var written = bases.ToDictionary(b => b.From.Version, _ => ImmutableArray.CreateBuilder<WrittenAppup>(), StringComparer.Ordinal);
        foreach (var appup in AppupMerge.Merge(perBase))
        {
            var relative = $"{ReleaseLayout.LibDirPath(appup.Application, appup.NewVersion)}/{appup.FileName}";
            var target = Path.Combine(staged.Root, relative);
            if (appup.SourcePath is null || Path.GetFullPath(appup.SourcePath) != Path.GetFullPath(target)) AtomicFile.WriteAllText(target, appup.Text);
            for (var i = 0; i < bases.Count; i++)
            {
                if (perBase[i].FirstOrDefault(p => p.Application == appup.Application) is not { } plan) continue;
                var handWritten = plan.SourcePath is null ? null
                    : Path.GetFullPath(plan.SourcePath) == Path.GetFullPath(target) ? $"{relative} (shipped in the application)"
                    : plan.SourcePath;
                written[bases[i].From.Version].Add(new WrittenAppup(plan.Application, plan.OldVersion, plan.NewVersion, relative, handWritten));
            }
        }
        return written.ToDictionary(w => w.Key, w => w.Value.ToImmutable(), StringComparer.Ordinal);
    }

    /// <summary>
    /// systools:make_relup(New, Bases, Bases, [{path, [lib dirs]}]) on the files just written, with the bases in reverse:
    /// systools lists the entries in the reverse order of its arguments, so the relup lists them in the order given.
    /// </summary>
    private static string RelupFromFiles(StagedRelease staged, string output, IReadOnlyList<UpgradeBase> bases, List<string> warnings)
    {
        var newRel = Path.Combine(staged.ReleaseDirectory, ReleaseLayout.RelFileName(staged.Name));
        var directories = staged.Applications.Select(a => new ReleaseRoot(staged.Root).LibDirOf(a.DirectoryName))
            .Concat(bases.SelectMany(b => b.Rel.Applications).Select(a => new ReleaseRoot(output).LibDirOf(a.Name, a.Version)))
            .Where(Directory.Exists)
            .Distinct(StringComparer.Ordinal)
            .ToList();
        try
        {
            var catalog = RelupSources.ReadCatalog(directories, out var problems);
            ImmutableArray<RelupBase> baseReleases = [.. bases.Reverse().Select(b => new RelupBase(RelupSources.ReadRelease(b.RelPath)))];
            var request = new RelupRequest(RelupSources.ReadRelease(newRel), baseReleases, baseReleases, catalog);
            RelupResult result;
            try
            {
                result = RelupGenerator.Generate(request);
            }
            catch (RelupException e) when (problems.Length > 0)
            {
                throw new ReleaseException($"relup: {e.Message}; unreadable .app files: {string.Join("; ", problems)}", e);
            }
            var path = Path.Combine(staged.ReleaseDirectory, ReleaseLayout.RelupFileName);
            AtomicFile.WriteAllText(path, result.Relup.Format());
            warnings.AddRange(result.Warnings.Select(w => $"relup: {w.Message} ({w.Name})"));
            return ReleaseLayout.ReleaseFilePath(staged.Version, ReleaseLayout.RelupFileName);
        }
        catch (RelupException e)
        {
            throw new ReleaseException($"relup: {e.Message}", e);
        }
        catch (Exception e) when (e is FormatException or FileProblemException)
        {
            throw new ReleaseException($"relup: {e.Message}", e);
        }
    }

    private static T Guard<T>(Func<T> read, string what)
    {
        try
        {
            return read();
        }
        catch (Exception e) when (e is ReleaseReadException or FileProblemException)
        {
            throw new ReleaseException($"--upgrade: {what}: {e.Message}", e);
        }
    }
}

/// <summary>One base release of an upgrade build, read from the output, and its diff against the staged release.</summary>
public sealed record BaseComparison(UpgradeBase From, ReleaseSnapshot Old, ReleaseDiff Diff);
