using System.Collections.Immutable;
using System.CommandLine;
using RelTool.Core.Build;
using RelTool.Core.Config;
using RelTool.Core.Layout;
using RelTool.Core.Release;
using RelTool.Core.Trust;
using RelTool.Output;

namespace RelTool.Commands;

/// <summary>`reltool release [PROJECT]`: builds the project in-process and writes a release (see docs/release-layout.md).</summary>
public static class ReleaseCommand
{
    public static Command Create()
    {
        var project = new Argument<string?>("PROJECT") { Description = "Project file or folder (default: the current folder)", Arity = ArgumentArity.ZeroOrOne }.NoOptionLike();
        var name = new Option<string?>("--name", "-n") { Description = "Release to build, from rel/config.yaml (default: default_release, or the project's name)" }
            .EachValue(n => ReleaseNames.IsValid(n) ? null : $"--name: release name '{n}' {ReleaseNames.Rule}");
        var environment = new Option<string?>("--env", "-e") { Description = "Environment: dev, prod or one from rel/config.yaml (default: default_environment, prod)" };
        var version = new Option<string?>("--version") { Description = "Release version (default: the configured one, else the project's Version)" };
        var output = new Option<string?>("--output", "-o") { Description = "Release root (default: _build/rel/<name>)" };
        var noTar = new Option<bool>("--no-tar") { Description = "Do not write releases/<vsn>/<name>.tar.gz" };
        var overwrite = new Option<bool>("--overwrite") { Description = "Replace an existing release of the same version" };
        var runtimeIdentifier = new Option<string?>("--runtime-identifier", "-r") { Description = "Target runtime identifier, as dotnet publish -r: linux-x64, linux-arm64, linux-musl-x64, osx-arm64, win-x64... (default: the environment's runtime_identifier, else this machine's)" };
        var properties = new Option<string[]>("--property", "-p") { Description = "MSBuild property for restore and publish: -p:Name=Value", AllowMultipleArgumentsPerToken = false }
            .EachValue(CommandLineRules.PropertySyntax);
        var json = new Option<bool>("--json") { Description = "Print the result as JSON (schema in docs/reltool-release.md)" };
        var upgrade = new Option<bool>("--upgrade") { Description = "Also write appups, releases/<vsn>/relup and an upgrade tarball from an earlier release in the output" };
        var upFrom = new Option<string[]>("--upfrom")
        {
            Description = "With --upgrade: a release version to upgrade from; repeat it for several (default: the newest other one in releases/RELEASES)",
            AllowMultipleArgumentsPerToken = false,
        }.Distinct("name each base release once");
        var image = new Option<bool>("--image") { Description = "Also write releases/<vsn>/<name>-<vsn>.oci.tar, an OCI image of the release (see docs/containers.md)" };
        var imageBase = new Option<string?>("--image-base") { Description = "Base image for --image: an OCI archive or layout directory (default: image_base in rel/config.yaml)" };
        var allowSameVersion = new Option<bool>("--allow-same-version") { Description = "With --upgrade: an application whose code changed but whose version did not keeps its old lib dir (warning) instead of failing" };

        var signKey = new Option<string?>("--sign-key")
        {
            Description = $"Private key (from `reltool keygen`) that signs SHA256SUMS and every tarball: <file>.sig beside each (default: ${SigningKeys.EnvironmentVariable}, else unsigned)",
        };

        var command = new Command("release", "Build the project and write a versioned release: lib/, runtime/, releases/<vsn>/, bin/<name> and a tarball")
        {
            project, name, environment, version, output, noTar, overwrite, runtimeIdentifier, properties, json, upgrade, upFrom, allowSameVersion, signKey, image, imageBase,
        };
        command.Needs(upFrom, upgrade);
        command.Needs(allowSameVersion, upgrade);
        command.Excludes(image, noTar, "the image is written with the tarball");
        command.SetAction(parse =>
        {
            var asJson = parse.GetValue(json);
            var progress = ConsoleProgress.ForConsole();
            try
            {
                var request = new ReleaseRequest(
                    Directory.GetCurrentDirectory(), ToolInfo.Files, parse.GetValue(project), parse.GetValue(name), parse.GetValue(environment),
                    parse.GetValue(version), parse.GetValue(output), parse.GetValue(noTar), parse.GetValue(overwrite))
                {
                    Properties = ParseProperties(parse.GetValue(properties) ?? []),
                    RuntimeIdentifier = parse.GetValue(runtimeIdentifier),
                    Upgrade = parse.GetValue(upgrade) ? new UpgradeOptions(parse.GetValue(upFrom) ?? [], parse.GetValue(allowSameVersion)) : null,
                    SignKeyPath = parse.GetValue(signKey) ?? (Environment.GetEnvironmentVariable(SigningKeys.EnvironmentVariable) is { Length: > 0 } fromEnvironment ? fromEnvironment : null),
                    Image = new ImageSettings(Enabled: parse.GetValue(image) ? true : null, Base: parse.GetValue(imageBase)),
                };
                var result = new ReleaseBuilder().Build(request, progress);
                progress.ClearStatus();
                if (asJson) ReleaseJson.WriteSuccess(Console.OpenStandardOutput(), result);
                else ReleaseSummary.Write(Console.Out, result);
                return 0;
            }
            catch (Exception e)
            {
                // The error itself is Program's to print; --json also reports it on stdout, for scripts.
                progress.ClearStatus();
                if (asJson) ReleaseJson.WriteFailure(Console.OpenStandardOutput(), Program.MessageOf(e), (e as BuildFailedException)?.Diagnostics ?? []);
                throw;
            }
        });
        return command;
    }

    /// <summary>-p:Name=Value pairs; their syntax was checked by the option's validator.</summary>
    private static ImmutableDictionary<string, string> ParseProperties(IEnumerable<string> values)
    {
        var builder = ImmutableDictionary.CreateBuilder<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var value in values)
        {
            var equals = value.IndexOf('=');
            builder[value[..equals].Trim()] = value[(equals + 1)..];
        }
        return builder.ToImmutable();
    }
}
