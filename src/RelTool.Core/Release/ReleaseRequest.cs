using System.Collections.Immutable;

namespace RelTool.Core.Release;

/// <summary>
/// What `reltool release` was asked for. Null fields take their value from rel/config.yaml, then from the project.
/// <see cref="Project"/> is a project file or a folder (default: <see cref="WorkingDirectory"/>).
/// </summary>
public sealed record ReleaseRequest(
    string WorkingDirectory,
    ToolFiles Tool,
    string? Project = null,
    string? Name = null,
    string? Environment = null,
    string? Version = null,
    string? Output = null,
    bool NoTar = false,
    bool Overwrite = false)
{
    /// <summary>-p:Name=Value from the command line; these win over the configuration's properties.</summary>
    public ImmutableDictionary<string, string> Properties { get; init; } = ImmutableDictionary<string, string>.Empty;

    /// <summary>`-r|--runtime-identifier`: wins over the environment's runtime_identifier.</summary>
    public string? RuntimeIdentifier { get; init; }

    /// <summary>Set for `--upgrade`: also write appups, the relup and the upgrade tarball from an earlier release in the output.</summary>
    public UpgradeOptions? Upgrade { get; init; }

    /// <summary>`--sign-key KEY` (or RELTOOL_SIGN_KEY, which the CLI reads): the private key to sign with; null: no signatures.</summary>
    public string? SignKeyPath { get; init; }
    /// <summary>`--image` (true; null leaves it to rel/config.yaml) and `--image-base`, over the configuration's `image:` settings.</summary>
    public RelTool.Core.Config.ImageSettings Image { get; init; } = RelTool.Core.Config.ImageSettings.None;
}

/// <summary>
/// `--upgrade [--upfrom VSN]... [--allow-same-version]`. <see cref="UpFrom"/>: the base releases, in the order given
/// (each once); null or empty: the newest other version in releases/RELEASES.
/// <see cref="AllowSameVersion"/>: an application whose code changed while its version did not keeps its existing lib dir
/// (the new release runs its old code) with a warning, instead of failing the build.
/// </summary>
public sealed record UpgradeOptions(IReadOnlyList<string>? UpFrom = null, bool AllowSameVersion = false)
{
    public IReadOnlyList<string> UpFrom { get; init; } = UpFrom ?? [];
}

/// <summary>
/// Files reltool ships with itself: the launcher's build output (boot/) and the templates. <see cref="Version"/>
/// is the launcher's application version (the tool's version).
/// </summary>
public sealed record ToolFiles(string BootDirectory, string TemplatesDirectory, string Version)
{
    /// <summary>
    /// The launcher precompiled (ReadyToRun) per target: &lt;dir&gt;/&lt;rid&gt;/ holds what boot/ holds. Null: none.
    /// </summary>
    public string? ReadyToRunBootDirectory { get; init; }

    public static ToolFiles FromToolDirectory(string toolDirectory, string version) =>
        new(Path.Combine(toolDirectory, "boot"), Path.Combine(toolDirectory, "templates"), version)
        {
            ReadyToRunBootDirectory = Path.Combine(toolDirectory, "boot-r2r"),
        };

    /// <summary>
    /// The launcher's files for a release targeting <paramref name="runtimeIdentifier"/>: precompiled for it when the tool
    /// carries that build, else the portable IL build (the runtime refuses ReadyToRun code of another architecture).
    /// </summary>
    public string BootDirectoryFor(string runtimeIdentifier)
    {
        if (ReadyToRunBootDirectory is null) return BootDirectory;
        var precompiled = Path.Combine(ReadyToRunBootDirectory, runtimeIdentifier);
        return File.Exists(Path.Combine(precompiled, LauncherApplication.Name + ".dll")) ? precompiled : BootDirectory;
    }

    /// <summary>A template, overridden by the project's rel/templates/&lt;relative&gt; when that exists.</summary>
    public string Template(string relative, string projectBaseDirectory)
    {
        var own = Path.Combine(projectBaseDirectory, "rel", "templates", relative);
        return File.Exists(own) ? own : Path.Combine(TemplatesDirectory, relative);
    }
}
