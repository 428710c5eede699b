using System.Collections.Immutable;
using RelTool.Core.Diff;
using RelTool.Core.Diff.Appup;
using RelTool.Core.Diff.Release;
using RelTool.Core.Release;
using RelTool.Formats;

namespace RelTool.Core.Upgrade.Build;

/// <summary>
/// The upgrade step of `reltool release --upgrade`, run on the staged release before it is packed or committed:
/// diff the base release in the output against the staged one, share unchanged lib dirs, write an appup into each
/// application whose version changed (hand-written ones validated) and releases/&lt;Vsn&gt;/relup, exactly as
/// systools:make_relup computes it from those files. Writes only inside the staging folder.
/// </summary>
public static class UpgradePreparer
{
    public static PreparedUpgrade Prepare(StagedRelease staged, string output, UpgradeBase from, UpgradeOptions options, string appupsDirectory, IReleaseProgress progress)
    {
        progress.Step($"comparing {staged.Name} {from.Version} with {staged.Version}");
        var old = Guard(() => ReleaseReader.Read(output, from.Version), $"the base release {from.Version}");
        var @new = Guard(() => ReleaseReader.Read(staged.Root, staged.Version), "the new release");
        var diff = Guard(() => ReleaseDiffer.Compare(old, @new), "comparing the releases");

        var warnings = new List<string>();
        var shared = LibDirSharing.Adopt(staged, output, old, diff, options.AllowSameVersion, warnings);
        warnings.AddRange(diff.Warnings.Select(w => w.Message));

        progress.Step("writing appups and the relup");
        var appups = WriteAppups(staged, diff, old, @new, appupsDirectory);
        var relup = RelupFromFiles(staged, output, from, warnings);
        return new PreparedUpgrade(from, diff, appups, relup, shared,
            UpgradeTarballContents.FileName(staged.Name, from.Version), UpgradeTarballContents.Exclude(staged, output, from), [.. warnings]);
    }

    private static ImmutableArray<WrittenAppup> WriteAppups(StagedRelease staged, ReleaseDiff diff, ReleaseSnapshot old, ReleaseSnapshot @new, string appupsDirectory)
    {
        ImmutableArray<PlannedAppup> plans;
        try
        {
            plans = AppupPlan.Build(diff, old, @new, Directory.Exists(appupsDirectory) ? appupsDirectory : null);
        }
        catch (AppupValidationException e)
        {
            throw new ReleaseException($"hand-written appup {e.Message}", e);
        }
        var written = ImmutableArray.CreateBuilder<WrittenAppup>();
        foreach (var plan in plans)
        {
            var relative = $"lib/{plan.Application}-{plan.NewVersion}/{plan.FileName}";
            var target = Path.Combine(staged.Root, relative);
            if (plan.SourcePath is null || Path.GetFullPath(plan.SourcePath) != Path.GetFullPath(target)) AtomicFile.WriteAllText(target, plan.Text);
            var handWritten = plan.SourcePath is null ? null
                : Path.GetFullPath(plan.SourcePath) == Path.GetFullPath(target) ? $"{relative} (shipped in the application)"
                : plan.SourcePath;
            written.Add(new WrittenAppup(plan.Application, plan.OldVersion, plan.NewVersion, relative, handWritten));
        }
        return written.ToImmutable();
    }

    /// <summary>systools:make_relup(New, [Base], [Base], [{path, [lib dirs]}]) on the files just written.</summary>
    private static string RelupFromFiles(StagedRelease staged, string output, UpgradeBase from, List<string> warnings)
    {
        var newRel = Path.Combine(staged.ReleaseDirectory, staged.Name + ".rel");
        var directories = staged.Applications.Select(a => Path.Combine(staged.Root, "lib", a.DirectoryName))
            .Concat(from.Rel.Applications.Select(a => Path.Combine(output, "lib", $"{a.Name}-{a.Version}")))
            .Where(Directory.Exists)
            .ToList();
        try
        {
            var catalog = RelupSources.ReadCatalog(directories, out var problems);
            var baseRelease = new RelupBase(RelupSources.ReadRelease(from.RelPath));
            var request = new RelupRequest(RelupSources.ReadRelease(newRel), [baseRelease], [baseRelease], catalog);
            RelupResult result;
            try
            {
                result = RelupGenerator.Generate(request);
            }
            catch (RelupException e) when (problems.Length > 0)
            {
                throw new ReleaseException($"relup: {e.Message} ({e.ReasonName}); unreadable .app files: {string.Join("; ", problems)}", e);
            }
            var path = Path.Combine(staged.ReleaseDirectory, "relup");
            AtomicFile.WriteAllText(path, result.Relup.Format());
            warnings.AddRange(result.Warnings.Select(w => $"relup: {w.Message} ({w.Name})"));
            return $"releases/{staged.Version}/relup";
        }
        catch (RelupException e)
        {
            throw new ReleaseException($"relup: {e.Message} ({e.ReasonName})", e);
        }
        catch (FormatException e)
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
        catch (ReleaseReadException e)
        {
            throw new ReleaseException($"--upgrade: {what}: {e.Message}", e);
        }
    }
}
