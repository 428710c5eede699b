using System.Collections.Immutable;

namespace RelTool.Core.Config;

/// <summary>rel/config.yaml, read and checked. Relative paths in it are relative to <see cref="BaseDirectory"/> (the folder that holds rel/).</summary>
public sealed record ReleaseConfig(
    string? FilePath,
    string BaseDirectory,
    string? DefaultRelease,
    string DefaultEnvironment,
    ImmutableArray<ReleaseDefinition> Releases,
    ImmutableDictionary<string, EnvironmentDefinition> Environments)
{
    public const string RelativePath = "rel/config.yaml";

    /// <summary>What applies without a config file: the built-in environments and no declared release.</summary>
    public static ReleaseConfig Empty(string baseDirectory) =>
        new(null, baseDirectory, null, EnvironmentDefinition.Prod.Name, [], EnvironmentDefinition.BuiltIn);
}

/// <summary>One release of the config's `releases` mapping.</summary>
public sealed record ReleaseDefinition(
    string Name,
    string? Project,
    string? Version,
    string? Output,
    ImmutableArray<Overlay> Overlays,
    ImmutableDictionary<HookKind, string> Hooks,
    ImmutableDictionary<string, string> Properties)
{
    /// <summary>Where a started node of this release answers when it serves; written to releases/&lt;vsn&gt;/health_url.</summary>
    public string? HealthUrl { get; init; }

    /// <summary>Public keys (.pub files, relative to the base directory) copied to releases/&lt;vsn&gt;/trusted_keys/: an installed release unpacks only tarballs one of them signed.</summary>
    public ImmutableArray<string> TrustedKeys { get; init; } = [];
    /// <summary>runtime_version: the runtime patch level this release bundles (wins over the environment's).</summary>
    public string? RuntimeVersion { get; init; }
    /// <summary>`image`, `image_base`, `image_root`, `image_user` of this release.</summary>
    public ImageSettings Image { get; init; } = ImageSettings.None;

    /// <summary>`commands:`: the release's own launcher commands; a script's Target is its path relative to the base directory.</summary>
    public ImmutableArray<RelTool.Formats.Manifests.ReleaseCommand> Commands { get; init; } = [];

    /// <summary>`log_max_bytes` and `log_files`: how `start`'s log rotates; null keeps the launcher's defaults.</summary>
    public RelTool.Formats.Manifests.LogRotation? LogRotation { get; init; }

    public static ReleaseDefinition FromProjectOnly(string name, string? project) =>
        new(name, project, null, null, [], ImmutableDictionary<HookKind, string>.Empty, ImmutableDictionary<string, string>.Empty);
}

/// <summary>A build environment, as distillery has them: how to build (configuration, runtime identifier) and what to bundle.</summary>
public sealed record EnvironmentDefinition(
    string Name,
    string Configuration,
    bool IncludeRuntime,
    string? RuntimeIdentifier,
    ImmutableDictionary<string, string> Properties)
{
    /// <summary>runtime_version: a patch level (10.0.12) or latest-patch; null: the host's runtime for the host's RID, else the SDK's default.</summary>
    public string? RuntimeVersion { get; init; }
    /// <summary>`image`, `image_base`, `image_root`, `image_user` of this environment; they win over the release's.</summary>
    public ImageSettings Image { get; init; } = ImageSettings.None;

    public static readonly EnvironmentDefinition Dev = new("dev", "Debug", false, null, ImmutableDictionary<string, string>.Empty);
    public static readonly EnvironmentDefinition Prod = new("prod", "Release", true, null, ImmutableDictionary<string, string>.Empty);

    public static readonly ImmutableDictionary<string, EnvironmentDefinition> BuiltIn =
        ImmutableDictionary<string, EnvironmentDefinition>.Empty.Add(Dev.Name, Dev).Add(Prod.Name, Prod);
}
