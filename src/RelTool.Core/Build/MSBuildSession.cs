using System.Collections.Immutable;
using Microsoft.Build.Evaluation;
using Microsoft.Build.Execution;

namespace RelTool.Core.Build;

/// <summary>
/// The Microsoft.Build calls: restore, then publish, as two BuildManager requests the way `msbuild -restore` does
/// them. Only reached through <see cref="ProjectPublisher"/>, after MSBuild has been registered.
/// </summary>
internal static class MSBuildSession
{
    public static PublishResult Publish(PublishRequest request, Action<string>? progress)
    {
        var properties = GlobalProperties(request);
        using var import = ReleaseBuildImport.Create(request.ExcludedDirectories, properties.GetValueOrDefault(ReleaseBuildImport.PropertyName));
        properties[ReleaseBuildImport.PropertyName] = import.Path;

        progress?.Invoke(request.RestoreRuntimePacks
            ? $"restoring {Path.GetFileName(request.ProjectPath)} and the {request.RuntimeIdentifier} runtime packs"
            : $"restoring {Path.GetFileName(request.ProjectPath)}");
        var restoreProperties = new Dictionary<string, string>(request.RestoreRuntimePacks ? WithRuntimePacks(properties) : properties)
        {
            // A fresh evaluation for restore, as MSBuild's own -restore does, so that the build afterwards re-reads the imports restore wrote.
            ["MSBuildRestoreSessionId"] = Guid.NewGuid().ToString("D"),
            ["MSBuildIsRestoring"] = "true",
        };
        Run("restore", request.ProjectPath, restoreProperties, "Restore",
            BuildRequestDataFlags.ClearCachesAfterBuild | BuildRequestDataFlags.SkipNonexistentTargets |
            BuildRequestDataFlags.IgnoreMissingEmptyAndInvalidImports | BuildRequestDataFlags.FailOnUnresolvedSdk,
            progress);

        progress?.Invoke($"publishing {Path.GetFileName(request.ProjectPath)} ({request.Configuration}, {request.RuntimeIdentifier})");
        var (result, warnings) = Run("publish", request.ProjectPath, properties, "Publish", BuildRequestDataFlags.ProvideProjectStateAfterBuild, progress);
        var state = result.ProjectStateAfterBuild ?? throw new InvalidOperationException("MSBuild returned no project state after publish");
        var (packs, appHost) = request.RestoreRuntimePacks ? ResolveRuntimePacks(request, properties, progress) : ([], null);
        return new PublishResult(
            request.PublishDirectory,
            state.GetPropertyValue("AssemblyName"),
            state.GetPropertyValue("Version"),
            Path.GetFileName(state.GetPropertyValue("ProjectDepsFilePath")),
            Path.GetFileName(state.GetPropertyValue("ProjectRuntimeConfigFilePath")),
            state.GetItems("ResolvedFileToPublish").Select(OriginOf).ToImmutableArray(),
            warnings)
        {
            RuntimePacks = packs,
            AppHostPath = appHost,
            RepositoryUrl = state.GetPropertyValue("RepositoryUrl"),
            SourceRevisionId = state.GetPropertyValue("SourceRevisionId"),
        };
    }

    /// <summary>What a self-contained publish would restore and resolve: the runtime packs and the apphost pack.</summary>
    private static Dictionary<string, string> WithRuntimePacks(Dictionary<string, string> properties) =>
        new(properties, StringComparer.OrdinalIgnoreCase) { ["SelfContained"] = "true", ["UseAppHost"] = "true" };

    /// <summary>
    /// The SDK's own ResolveFrameworkReferences, evaluated as for a self-contained publish: ResolvedRuntimePack and
    /// ResolvedAppHostPack items name the pack folders restore put in the NuGet package folders.
    /// </summary>
    private static (ImmutableArray<RuntimePack>, string?) ResolveRuntimePacks(PublishRequest request, Dictionary<string, string> properties, Action<string>? progress)
    {
        progress?.Invoke($"resolving the {request.RuntimeIdentifier} runtime packs");
        var (result, _) = Run("resolve runtime packs", request.ProjectPath, WithRuntimePacks(properties), "ResolveFrameworkReferences",
            BuildRequestDataFlags.ProvideProjectStateAfterBuild, progress);
        var state = result.ProjectStateAfterBuild ?? throw new InvalidOperationException("MSBuild returned no project state after ResolveFrameworkReferences");
        var packs = state.GetItems("ResolvedRuntimePack")
            .Select(i => new RuntimePack(
                i.GetMetadataValue("FrameworkName"), i.GetMetadataValue("NuGetPackageId"), i.GetMetadataValue("NuGetPackageVersion"),
                i.GetMetadataValue("RuntimeIdentifier"), i.GetMetadataValue("PackageDirectory")))
            .Where(p => p.FrameworkName.Length > 0 && p.Directory.Length > 0)
            .ToImmutableArray();
        var appHost = state.GetItems("ResolvedAppHostPack").Select(i => i.GetMetadataValue("Path")).FirstOrDefault(p => p.Length > 0);
        return (packs, appHost);
    }

    private static Dictionary<string, string> GlobalProperties(PublishRequest request)
    {
        var properties = new Dictionary<string, string>(request.Properties, StringComparer.OrdinalIgnoreCase)
        {
            ["Configuration"] = request.Configuration,
            ["RuntimeIdentifier"] = request.RuntimeIdentifier,
            ["PublishDir"] = Path.TrimEndingDirectorySeparator(Path.GetFullPath(request.PublishDirectory)) + Path.DirectorySeparatorChar,
            // A release keeps one file per assembly in per-application folders, on a shared runtime.
            ["SelfContained"] = "false",
            ["PublishSingleFile"] = "false",
            ["PublishTrimmed"] = "false",
            ["PublishAot"] = "false",
            // Limited to RelTool.Runtime.dll by ReleaseBuildImport; restore fetches the compiler for it (the SDK's Crossgen2 pack).
            ["PublishReadyToRun"] = "true",
            ["UseAppHost"] = "false",
        };
        // A pinned runtime: the restore fetches exactly these packs and the app's runtimeconfig names this version.
        if (request.RuntimeVersion == PublishRequest.LatestPatch) properties["TargetLatestRuntimePatch"] = "true";
        else if (request.RuntimeVersion is { } version) properties["RuntimeFrameworkVersion"] = version;
        return properties;
    }

    private static (BuildResult Result, ImmutableArray<BuildDiagnostic> Warnings) Run(
        string step, string project, Dictionary<string, string> properties, string target, BuildRequestDataFlags flags, Action<string>? progress)
    {
        var logger = new DiagnosticsLogger(progress);
        using var collection = new ProjectCollection(properties);
        var parameters = new BuildParameters(collection)
        {
            Loggers = [logger],
            EnableNodeReuse = false,
            MaxNodeCount = 1,
            DisableInProcNode = false,
            ShutdownInProcNodeOnBuildFinish = true,
        };
        var data = new BuildRequestData(project, properties, toolsVersion: null, [target], hostServices: null, flags);
        using var manager = new BuildManager($"reltool-{step}");
        var result = manager.Build(parameters, data);
        if (result.OverallResult != BuildResultCode.Success)
        {
            var diagnostics = logger.Diagnostics;
            if (!diagnostics.Any(d => d.Severity == DiagnosticSeverity.Error))
                diagnostics = diagnostics.Add(new BuildDiagnostic(DiagnosticSeverity.Error, project, 0, 0, null,
                    result.Exception?.Message ?? $"{step} failed without an error message", null));
            if (NuGetTrustBundle.HintFor(NuGetTrustBundle.Problem, diagnostics) is { } hint) diagnostics = diagnostics.Add(hint);
            throw new BuildFailedException(step, diagnostics);
        }
        return (result, logger.Diagnostics);
    }

    private static PublishedFileOrigin OriginOf(ProjectItemInstance item)
    {
        string? Meta(string name) => item.GetMetadataValue(name) is { Length: > 0 } v ? v : null;
        var relative = Meta("RelativePath") ?? Path.GetFileName(item.EvaluatedInclude);
        return new PublishedFileOrigin(relative.Replace('\\', '/'), Meta("NuGetPackageId"), Meta("NuGetPackageVersion"), Meta("MSBuildSourceProjectFile"));
    }
}
