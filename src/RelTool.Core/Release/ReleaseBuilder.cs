using System.Collections.Immutable;
using System.Security.Cryptography;
using RelTool.Core.Build;
using RelTool.Core.Image;
using RelTool.Core.Layout;
using RelTool.Core.Targets;
using RelTool.Core.Trust;
using RelTool.Core.Upgrade.Build;
using RelTool.Formats.Archive;
using RelTool.Formats.Layout;
using RelTool.Formats.Manifests;
using RelTool.Formats.Trust;

namespace RelTool.Core.Release;

/// <summary>
/// `reltool release`: plan, publish in-process, lay out applications, stage the whole release beside the output,
/// pack the tarball, then move everything into place. A failure at any step leaves the output as it was.
/// </summary>
public sealed class ReleaseBuilder(IReleaseArchiver archiver)
{
    public const string StagingPrefix = ".reltool-staging-";

    public ReleaseBuilder() : this(new ReleaseArchiveWriter()) { }

    public ReleaseResult Build(ReleaseRequest request, IReleaseProgress progress)
    {
        var plan = ReleasePlanner.Plan(request);
        var output = OutputDirectory.Prepare(plan.OutputDirectory);
        var committed = false;
        try
        {
            using var outputLock = OutputLock.Acquire(output.Path);
            RemoveStaleStaging(output.Path);
            // A run killed while it registered its release recorded what it was writing; finish that first.
            PendingReleaseState.Complete(new ReleaseRoot(output.Path).ReleasesDir);
            // Fails fast, before a build, when there is nothing to upgrade from; the base is chosen once the version is known.
            if (plan.Upgrade is { } early) UpgradeBase.CheckEarly(output.Path, plan.Name, plan.Version, early.UpFrom);
            // A bad key fails before the build, not after it.
            using var signingKey = plan.SignKeyPath is { } keyPath ? ReadSigningKey(keyPath) : null;
            CheckTrustedKeys(plan);
            var staging = Path.Combine(output.Path, StagingPrefix + Guid.NewGuid().ToString("N")[..12]);
            try
            {
                var result = BuildIn(plan, request.Tool, output.Path, staging, signingKey, progress);
                committed = true;
                return result;
            }
            finally
            {
                TryDelete(staging);
            }
        }
        finally
        {
            if (!committed) output.RemoveIfCreatedAndEmpty();
        }
    }

    private static ECDsa ReadSigningKey(string path)
    {
        try
        {
            return SigningKeys.ReadPrivate(path);
        }
        catch (TrustException e)
        {
            throw new ReleaseException($"--sign-key: {e.Message}");
        }
    }

    private static void CheckTrustedKeys(ReleasePlan plan)
    {
        foreach (var key in plan.TrustedKeys)
        {
            if (!File.Exists(key)) throw new ReleaseException($"{plan.ConfigFile}: trusted_keys: {key} does not exist; list the .pub files `reltool keygen` writes");
            try
            {
                using (TrustedKey.Read(key)) { }
            }
            catch (TrustException e)
            {
                throw new ReleaseException($"{plan.ConfigFile}: trusted_keys: {e.Message}");
            }
        }
    }

    private ReleaseResult BuildIn(ReleasePlan plan, ToolFiles tool, string output, string staging, ECDsa? signingKey, IReleaseProgress progress)
    {
        var publishDirectory = Path.Combine(staging, "publish");
        var target = TargetPlatform.TryParse(plan.RuntimeIdentifier);
        if (plan.RuntimeFromPacks && target is null)
            throw new ReleaseException($"runtime identifier '{plan.RuntimeIdentifier}': reltool lays out runtime/ for linux-, linux-musl-, osx- and win- with x64, arm64, x86 or arm");
        var publish = ProjectPublisher.Publish(
            new PublishRequest(plan.ProjectPath, plan.Environment.Configuration, plan.RuntimeIdentifier, publishDirectory, plan.Properties)
            {
                // Releases inside the project folder (the default _build/rel/) are not the project's content.
                ExcludedDirectories = [output, Path.Combine(plan.BaseDirectory, "_build", "rel")],
                RuntimeVersion = plan.RuntimeVersion,
                RestoreRuntimePacks = plan.RuntimeFromPacks,
            },
            progress.Step);
        foreach (var warning in publish.Warnings) progress.Diagnostic(warning);

        var version = plan.Version ?? (publish.ProjectVersion is { Length: > 0 } v ? v : "1.0.0");
        if (!ReleaseVersions.IsValid(version)) throw new ReleaseException($"release version '{version}' {ReleaseVersions.Rule}");

        var deps = DepsFile.Read(Path.Combine(publishDirectory, publish.DepsFileName));
        var applications = ApplicationMapper.Map(deps, FileTree.RelativeFiles(publishDirectory), publish.AssemblyName, publish.Files);
        var sdk = MSBuildRegistration.EnsureRegistered(Path.GetDirectoryName(plan.ProjectPath)!);
        var appConfig = RuntimeConfig.Read(Path.Combine(publishDirectory, publish.RuntimeConfigFileName));
        RuntimeSelection runtime;
        ReleaseStager.AppHostLauncher? appHost = null;
        if (plan.RuntimeFromPacks)
        {
            // The target's own runtime, from the packs restore resolved; the muxer only where it is the host's RID.
            var packsRoot = Path.Combine(staging, "runtime-packs");
            var muxer = plan.RuntimeIdentifier == RuntimeIdentifiers.Current() ? Path.Combine(sdk.DotnetRoot, target!.ExecutableName("dotnet")) : null;
            progress.Step($"laying out the {plan.RuntimeIdentifier} runtime packs");
            // Restore also fetches the packs of frameworks the app might reach transitively; lay out those it runs on.
            var packs = publish.RuntimePacks.Where(p => p.FrameworkName == RuntimeSelection.NetCoreApp || appConfig.Frameworks.Any(f => f.Name == p.FrameworkName)).ToImmutableArray();
            RuntimePackRoot.Assemble(packs, target!, muxer, packsRoot);
            runtime = RuntimeSelection.Resolve(packsRoot, appConfig) with
            {
                MuxerName = muxer is null ? null : target!.ExecutableName("dotnet"),
                Origin = string.Join(", ", packs.Select(p => $"{p.PackageId} {p.Version}")),
            };
            if (muxer is null)
                appHost = new ReleaseStager.AppHostLauncher(
                    publish.AppHostPath ?? throw new ReleaseException($"restore resolved no apphost pack for {plan.RuntimeIdentifier} (Microsoft.NETCore.App.Host.{plan.RuntimeIdentifier})"),
                    sdk.MSBuildPath, target!);
        }
        else runtime = RuntimeSelection.Resolve(sdk.DotnetRoot, appConfig);

        var staged = ReleaseStager.Stage(plan, publish, applications, runtime, version, tool, Path.Combine(staging, "release"), output, progress, appHost);
        var upgrade = plan.Upgrade is { } options
            ? UpgradePreparer.Prepare(staged, output, UpgradeBase.FindAll(output, plan.Name, version, options.UpFrom), options, plan.AppupsDirectory, progress)
            : null;
        progress.Step(signingKey is null ? "writing the SBOM and SHA256SUMS" : "writing the SBOM and SHA256SUMS, signing");
        SealedRelease sealedRelease;
        try
        {
            sealedRelease = ReleaseSeal.Write(staged, plan.TrustedKeys, signingKey, tool.Version);
        }
        catch (TrustException e)
        {
            throw new ReleaseException($"trusted_keys: {e.Message}");
        }
        // After the seal, so that the SBOM and SHA256SUMS are compared too (the same build writes the same bytes).
        var existing = ExistingReleaseCheck.Inspect(staged, output);
        existing.ThrowUnlessAllowed(staged, output, plan.Overwrite);

        string? tarball = null;
        ImageResult? image = null;
        var upgradeTarballs = new Dictionary<string, string>(StringComparer.Ordinal);
        if (!plan.NoTar)
        {
            // All are packed outside the tree, so that none holds itself or another.
            progress.Step($"packing {staged.TarballRelativePath}");
            var packed = Path.Combine(staging, staged.TarballName);
            var cache = ReleaseTarCache.For(output);
            var packing = new ArchiveOptions { CacheDirectory = cache, Grafts = staged.Grafts };
            archiver.Write(staged.Root, packed, packing with { IndexName = Path.Combine(output, staged.TarballRelativePath) });
            var packedUpgrades = new List<string>();
            foreach (var upgradeBase in upgrade?.Bases ?? [])
            {
                progress.Step($"packing {ReleaseLayout.ReleaseFilePath(version, upgradeBase.TarballName)}");
                var packedUpgrade = Path.Combine(staging, upgradeBase.TarballName);
                var upgradeTarball = Path.Combine(new ReleaseRoot(output).ReleaseDir(version), upgradeBase.TarballName);
                archiver.Write(staged.Root, packedUpgrade, packing with { Exclude = upgradeBase.TarballExclude, IndexName = upgradeTarball });
                packedUpgrades.Add(packedUpgrade);
                if (signingKey is not null) packedUpgrades.Add(ReleaseSeal.SignFile(signingKey, packedUpgrade));
                upgradeTarballs[upgradeBase.From.Version] = upgradeTarball;
            }
            image = WriteImage(plan, publish, staged, staging, output, cache, progress);
            foreach (var packedUpgrade in packedUpgrades) File.Move(packedUpgrade, Path.Combine(staged.ReleaseDirectory, Path.GetFileName(packedUpgrade)));
            File.Move(packed, Path.Combine(staged.ReleaseDirectory, staged.TarballName));
            if (signingKey is not null)
                ReleaseSeal.SignFile(signingKey, Path.Combine(staged.ReleaseDirectory, staged.TarballName));
            tarball = Path.Combine(output, staged.TarballRelativePath);
        }
        else image = WriteImage(plan, publish, staged, staging, output, ReleaseTarCache.For(output), progress);

        var summaries = Summaries(staged, existing);
        progress.Step($"writing {output}");
        ReleaseCommitter.Commit(staged, existing, output, Path.Combine(staging, "trash"));

        return new ReleaseResult(
            plan.Name, version, runtime.RuntimeVersion, plan.Environment.Name, plan.Environment.Configuration, plan.RuntimeIdentifier,
            plan.Environment.IncludeRuntime, plan.ProjectPath, output,
            tarball, tarball is null ? null : Sha256Of(tarball), tarball is null ? null : new FileInfo(tarball).Length,
            existing.ReleaseExists, summaries, publish.Warnings)
        {
            Image = image,
            Upgrades = upgrade is null ? [] : [.. upgrade.Bases.Select(b => ResultOf(b, upgrade, output, upgradeTarballs.GetValueOrDefault(b.From.Version)))],
            Trust = TrustOf(sealedRelease, output, signingKey is null ? [] : [tarball, .. upgradeTarballs.Values]),
            Notices = target?.IsWindows == true ? [WindowsNotice(plan.Name)] : [],
        };
    }

    private static ReleaseTrust TrustOf(SealedRelease sealedRelease, string output, IEnumerable<string?> signedTarballs) => new(
        Path.Combine(output, sealedRelease.SbomPath),
        Path.Combine(output, sealedRelease.ChecksumsPath),
        [
            .. sealedRelease.ChecksumsSignaturePath is { } sig ? [Path.Combine(output, sig)] : Array.Empty<string>(),
            .. signedTarballs.OfType<string>().Select(TrustFiles.SignaturePath),
        ],
        [.. sealedRelease.TrustedKeys.Select(k => Path.Combine(output, k))]);

    /// <summary>Said with every win-* release until there is a Windows launcher (docs/reltool-release.md, "Targets").</summary>
    public static string WindowsNotice(string name) =>
        $"win-* releases carry the Windows runtime and a launcher executable (lib/RelTool.Boot-*/RelTool.Boot.exe), but bin/{name} is a POSIX sh script: " +
        "there is no Windows launcher script yet, so start, stop and upgrade by bin/ work on Linux and macOS only";
    /// <summary>The OCI image (`--image`), packed in the staging folder and moved into releases/&lt;vsn&gt;/ of the staged tree
    /// after every layer is written, so that no layer holds it; its result names where the commit puts it. Null when none is asked for.</summary>
    private static ImageResult? WriteImage(ReleasePlan plan, PublishResult publish, StagedRelease staged, string staging, string output,
        string? cache, IReleaseProgress progress)
    {
        if (plan.Image is not { } imagePlan) return null;
        var fileName = ImageBuilder.FileName(staged.Name, staged.Version);
        var facts = new ImageFacts(plan.RuntimeIdentifier, ImagePorts.Of(staged, plan.HealthUrl), publish.RepositoryUrl, publish.SourceRevisionId);
        var packed = Path.Combine(staging, fileName);
        var image = ImageBuilder.Write(staged, imagePlan, facts, Path.Combine(staging, "image"), packed, cache,
            Path.Combine(new ReleaseRoot(output).ReleaseDir(staged.Version), fileName), progress);
        File.Move(packed, Path.Combine(staged.ReleaseDirectory, fileName));
        return image with { Path = Path.Combine(new ReleaseRoot(output).ReleaseDir(staged.Version), fileName) };
    }

    private static UpgradeResult ResultOf(PreparedBase prepared, PreparedUpgrade upgrade, string output, string? tarball) => new(
        prepared.From.Version,
        [.. prepared.Appups.Select(a => a with { Path = Path.Combine(output, a.Path) })],
        Path.Combine(output, upgrade.RelupPath),
        tarball, tarball is null ? null : new FileInfo(tarball).Length, tarball is null ? null : Sha256Of(tarball),
        prepared.SharedLibDirs, prepared.Warnings, prepared.Diff);

    private static ImmutableArray<ApplicationSummary> Summaries(StagedRelease staged, ExistingReleaseCheck existing) =>
        staged.Applications.Select(a =>
        {
            var directory = new ReleaseRoot(staged.Root).LibDirOf(a.DirectoryName);
            return new ApplicationSummary(a.Name, a.Version, a.Kind.ToString().ToLowerInvariant(), a.LibDirectory,
                FileTree.RelativeFiles(directory).Count, FileTree.Size(directory), existing.SharedLibDirs.Contains(a.DirectoryName));
        }).ToImmutableArray();

    private static string Sha256Of(string path)
    {
        using var stream = File.OpenRead(path);
        return Convert.ToHexStringLower(SHA256.HashData(stream));
    }

    /// <summary>Staging folders a killed run left behind; safe to remove while holding the lock.</summary>
    private static void RemoveStaleStaging(string output)
    {
        foreach (var stale in Directory.EnumerateDirectories(output, StagingPrefix + "*")) TryDelete(stale);
    }

    private static void TryDelete(string directory)
    {
        try
        {
            if (Directory.Exists(directory)) Directory.Delete(directory, recursive: true);
        }
        catch (IOException) { }
        catch (UnauthorizedAccessException) { }
    }
}
