using System.Collections.Immutable;
using RelTool.Core.Config;
using RelTool.Core.Image;

namespace RelTool.Core.Release;

/// <summary>Resolves a <see cref="ReleaseRequest"/> against the project folder's rel/config.yaml, if there is one.</summary>
public static class ReleasePlanner
{
    public static ReleasePlan Plan(ReleaseRequest request)
    {
        var projectArgument = request.Project is null ? null : Path.GetFullPath(request.Project, request.WorkingDirectory);
        var searchDirectory = projectArgument is null ? Path.GetFullPath(request.WorkingDirectory)
            : Directory.Exists(projectArgument) ? projectArgument
            : Path.GetDirectoryName(projectArgument)!;
        var configPath = Path.Combine(searchDirectory, ReleaseConfig.RelativePath);
        var config = File.Exists(configPath) ? ReleaseConfigReader.ReadFile(configPath, searchDirectory) : ReleaseConfig.Empty(searchDirectory);

        var declared = SelectRelease(config, request.Name);
        var projectPath = projectArgument is not null && File.Exists(projectArgument) ? ProjectLocator.Locate(projectArgument)
            : declared?.Project is { } configured ? ProjectLocator.Locate(Path.GetFullPath(configured, config.BaseDirectory))
            : ProjectLocator.Locate(projectArgument ?? searchDirectory);
        var name = declared?.Name ?? request.Name ?? ReleaseNames.FromProject(projectPath);
        if (!ReleaseNames.IsValid(name)) throw new ReleaseException($"release name '{name}' {ReleaseNames.Rule}");

        var environmentName = request.Environment ?? config.DefaultEnvironment;
        var environment = config.Environments.GetValueOrDefault(environmentName)
            ?? throw new ReleaseException($"unknown environment '{environmentName}'; valid choices: {string.Join(", ", config.Environments.Keys.Order(StringComparer.Ordinal))}");

        var output = request.Output is not null ? Path.GetFullPath(request.Output, request.WorkingDirectory)
            : declared?.Output is { } configuredOutput ? Path.GetFullPath(configuredOutput, config.BaseDirectory)
            : Path.Combine(config.BaseDirectory, "_build", "rel", name);

        var properties = environment.Properties
            .SetItems(declared?.Properties ?? ImmutableDictionary<string, string>.Empty)
            .SetItems(request.Properties)
            .WithComparers(StringComparer.OrdinalIgnoreCase);
        return new ReleasePlan(
            name, projectPath, config.BaseDirectory, config.FilePath,
            request.Version ?? declared?.Version,
            output, environment, request.RuntimeIdentifier ?? environment.RuntimeIdentifier ?? RuntimeIdentifiers.Current(),
            properties,
            declared?.Overlays ?? [],
            declared?.Hooks ?? ImmutableDictionary<HookKind, string>.Empty,
            request.NoTar, request.Overwrite)
        {
            Upgrade = request.Upgrade,
            HealthUrl = declared?.HealthUrl,
            TrustedKeys = [.. (declared?.TrustedKeys ?? []).Select(k => Path.GetFullPath(k, config.BaseDirectory))],
            SignKeyPath = request.SignKeyPath is { } key ? Path.GetFullPath(key, request.WorkingDirectory) : null,
            RuntimeVersion = declared?.RuntimeVersion ?? environment.RuntimeVersion,
            Image = ImagePlan.Resolve(ImageSettingsOf(declared, environment, config.BaseDirectory, request), name, config.BaseDirectory),
            Commands = declared?.Commands ?? [],
            LogRotation = declared?.LogRotation,
        };
    }

    /// <summary>The release's image settings, then the environment's, then the command line's (whose base is relative to the
    /// working directory, so it is made absolute here).</summary>
    private static ImageSettings ImageSettingsOf(ReleaseDefinition? declared, EnvironmentDefinition environment, string configBase, ReleaseRequest request)
    {
        var configured = (declared?.Image ?? ImageSettings.None).With(environment.Image);
        var command = request.Image with { Base = request.Image.Base is { } b ? Path.GetFullPath(b, request.WorkingDirectory) : null };
        var settings = configured.With(command);
        if (command.Base is not null && settings.Enabled is not true)
            throw new ReleaseException("--image-base needs --image (or image: true in rel/config.yaml)");
        return settings;
    }

    private static ReleaseDefinition? SelectRelease(ReleaseConfig config, string? requested)
    {
        if (config.Releases.IsEmpty) return null;
        var choices = string.Join(", ", config.Releases.Select(r => r.Name));
        if (requested is not null)
            return config.Releases.FirstOrDefault(r => r.Name == requested)
                ?? throw new ReleaseException($"{config.FilePath} declares no release '{requested}'; valid choices: {choices}");
        if (config.DefaultRelease is not null) return config.Releases.First(r => r.Name == config.DefaultRelease);
        return config.Releases.Length == 1
            ? config.Releases[0]
            : throw new ReleaseException($"{config.FilePath} declares {config.Releases.Length} releases; choose one with --name: {choices}");
    }
}
