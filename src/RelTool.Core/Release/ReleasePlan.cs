using System.Collections.Immutable;
using RelTool.Core.Config;

namespace RelTool.Core.Release;

/// <summary>A request resolved against rel/config.yaml: everything needed to build, except what the build tells (the version).</summary>
public sealed record ReleasePlan(
    string Name,
    string ProjectPath,
    string BaseDirectory,
    string? ConfigFile,
    string? Version,
    string OutputDirectory,
    EnvironmentDefinition Environment,
    string RuntimeIdentifier,
    ImmutableDictionary<string, string> Properties,
    ImmutableArray<Overlay> Overlays,
    ImmutableDictionary<HookKind, string> Hooks,
    bool NoTar,
    bool Overwrite)
{
    /// <summary>Null unless `--upgrade`.</summary>
    public UpgradeOptions? Upgrade { get; init; }

    /// <summary>runtime_version (release, then environment) or the command line: a patch level or latest-patch; null: the SDK's default.</summary>
    public string? RuntimeVersion { get; init; }

    /// <summary>
    /// runtime/ comes from the target's runtime packs: the target is not this machine's RID, or a runtime version is
    /// asked for. Otherwise (and always without include_runtime) nothing changes: the host's own dotnet root.
    /// </summary>
    public bool RuntimeFromPacks => Environment.IncludeRuntime && (RuntimeIdentifier != RuntimeIdentifiers.Current() || RuntimeVersion is not null);

    /// <summary>rel/config.yaml's health_url: how the launcher knows a node started by an upgrade serves.</summary>
    public string? HealthUrl { get; init; }

    /// <summary>rel/config.yaml's trusted_keys, as full paths.</summary>
    public ImmutableArray<string> TrustedKeys { get; init; } = [];

    /// <summary>`--sign-key` or RELTOOL_SIGN_KEY: the private key that signs SHA256SUMS and the tarballs; null: unsigned.</summary>
    public string? SignKeyPath { get; init; }
    /// <summary>Set when an OCI image is to be written too (`--image`, `image: true`).</summary>
    public Image.ImagePlan? Image { get; init; }

    /// <summary>rel/config.yaml's commands: (scripts by their path relative to <see cref="BaseDirectory"/>).</summary>
    public ImmutableArray<RelTool.Formats.Manifests.ReleaseCommand> Commands { get; init; } = [];

    /// <summary>rel/config.yaml's log_max_bytes and log_files; null: the launcher's defaults.</summary>
    public RelTool.Formats.Manifests.LogRotation? LogRotation { get; init; }

    /// <summary>Hand-written appups: rel/appups/&lt;App&gt;/&lt;From&gt;-&lt;To&gt;.appup next to the project.</summary>
    public string AppupsDirectory => Path.Combine(BaseDirectory, "rel", "appups");
}
