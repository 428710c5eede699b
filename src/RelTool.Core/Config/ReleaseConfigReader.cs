using System.Collections.Immutable;
using RelTool.Core.Build;
using RelTool.Core.Layout;
using RelTool.Formats.Layout;
using RelTool.Formats.Manifests;

namespace RelTool.Core.Config;

/// <summary>Reads rel/config.yaml: the YAML shape is checked key by key, every error points at file:line:column.</summary>
public static class ReleaseConfigReader
{
    private static readonly string[] TopKeys = ["default_release", "default_environment", "releases", "environments"];
    private static readonly string[] ReleaseKeys = ["project", "version", "output", "overlays", "hooks", "properties", "health_url", "trusted_keys", "runtime_version", "commands", "log_max_bytes", "log_files", .. ImageSettings.Keys];
    private static readonly string[] EnvironmentKeys = ["configuration", "include_runtime", "runtime_identifier", "runtime_version", "properties", .. ImageSettings.Keys];

    /// <summary>Reads the file; <paramref name="baseDirectory"/> defaults to the parent of the folder that holds it (rel/..).</summary>
    public static ReleaseConfig ReadFile(string path, string? baseDirectory = null)
    {
        var full = Path.GetFullPath(path);
        var text = File.ReadAllText(full);
        return Parse(text, full, baseDirectory ?? Path.GetDirectoryName(Path.GetDirectoryName(full))!);
    }

    public static ReleaseConfig Parse(string text, string file, string baseDirectory)
    {
        var nodes = new ConfigNodes(file);
        var root = YamlTreeReader.Read(text, file);
        if (root is null) return ReleaseConfig.Empty(baseDirectory) with { FilePath = file };
        var top = nodes.Mapping(root, "the configuration");
        nodes.CheckKeys(top, "the configuration", TopKeys);

        string? defaultRelease = null;
        var defaultEnvironment = EnvironmentDefinition.Prod.Name;
        YamlNode? defaultReleaseNode = null, defaultEnvironmentNode = null;
        var releases = ImmutableArray<ReleaseDefinition>.Empty;
        var environments = EnvironmentDefinition.BuiltIn;
        foreach (var (key, value) in top.Entries)
        {
            switch (key.Value)
            {
                case "default_release": defaultRelease = nodes.OptionalString(value, "default_release"); defaultReleaseNode = value; break;
                case "default_environment": defaultEnvironment = nodes.String(value, "default_environment"); defaultEnvironmentNode = value; break;
                case "releases": releases = ReadReleases(nodes, value); break;
                case "environments": environments = ReadEnvironments(nodes, value); break;
            }
        }

        if (defaultReleaseNode is not null && defaultRelease is not null && releases.All(r => r.Name != defaultRelease))
            throw nodes.Error(defaultReleaseNode, $"default_release '{defaultRelease}' is not one of the releases; valid choices: {Choices(releases.Select(r => r.Name))}");
        if (defaultEnvironmentNode is not null && !environments.ContainsKey(defaultEnvironment))
            throw nodes.Error(defaultEnvironmentNode, $"default_environment '{defaultEnvironment}' is not an environment; valid choices: {Choices(environments.Keys)}");
        return new ReleaseConfig(file, baseDirectory, defaultRelease, defaultEnvironment, releases, environments);
    }

    private static ImmutableArray<ReleaseDefinition> ReadReleases(ConfigNodes nodes, YamlNode value)
    {
        var mapping = nodes.OptionalMapping(value, "releases");
        if (mapping is null) return [];
        var releases = ImmutableArray.CreateBuilder<ReleaseDefinition>();
        foreach (var (name, body) in mapping.Entries)
        {
            if (!ReleaseNames.IsValid(name.Value))
                throw nodes.Error(name, $"release name '{name.Value}' {ReleaseNames.Rule}");
            releases.Add(ReadRelease(nodes, name.Value, body));
        }
        return releases.ToImmutable();
    }

    private static ReleaseDefinition ReadRelease(ConfigNodes nodes, string name, YamlNode body)
    {
        var where = $"releases.{name}";
        var release = ReleaseDefinition.FromProjectOnly(name, null);
        var mapping = nodes.OptionalMapping(body, where);
        if (mapping is null) return release;
        nodes.CheckKeys(mapping, where, ReleaseKeys);
        foreach (var (key, value) in mapping.Entries)
        {
            var what = $"{where}.{key.Value}";
            release = key.Value switch
            {
                "project" => release with { Project = nodes.OptionalString(value, what) },
                "version" => release with { Version = nodes.OptionalString(value, what) },
                "output" => release with { Output = nodes.OptionalString(value, what) },
                "overlays" => release with { Overlays = nodes.Sequence(value, what).Select(o => OverlayReader.Read(nodes, o, what)).ToImmutableArray() },
                "hooks" => release with { Hooks = ReadHooks(nodes, value, what) },
                "properties" => release with { Properties = nodes.StringMap(value, what) },
                "health_url" => release with { HealthUrl = ReadHealthUrl(nodes, value, what) },
                "trusted_keys" => release with { TrustedKeys = [.. nodes.Sequence(value, what).Select((k, i) => nodes.String(k, $"{what}[{i}]"))] },
                "runtime_version" => release with { RuntimeVersion = ReadRuntimeVersion(nodes, value, what) },
                "commands" => release with { Commands = ReadCommands(nodes, value, what) },
                "log_max_bytes" => release with { LogRotation = (release.LogRotation ?? LogRotation.Default) with { MaxBytes = ReadPositive(nodes, value, what, LogRotation.MinMaxBytes) } },
                "log_files" => release with { LogRotation = (release.LogRotation ?? LogRotation.Default) with { Files = (int)ReadPositive(nodes, value, what, 1, 1000) } },
                _ when ImageSettings.Keys.Contains(key.Value) => release with { Image = ImageSettings.Read(release.Image, nodes, key.Value, value, what) },
                _ => release,
            };
        }
        return release;
    }

    private static ImmutableArray<ReleaseCommand> ReadCommands(ConfigNodes nodes, YamlNode value, string where)
    {
        var mapping = nodes.OptionalMapping(value, where);
        if (mapping is null) return [];
        var commands = ImmutableArray.CreateBuilder<ReleaseCommand>();
        foreach (var (name, body) in mapping.Entries)
        {
            var what = $"{where}.{name.Value}";
            if (!ReleaseCommands.IsValidName(name.Value))
                throw nodes.Error(name, $"command name '{name.Value}' {ReleaseCommands.NameRule}");
            if (LauncherCommands.Reserved.Contains(name.Value))
                throw nodes.Error(name, $"command '{name.Value}' clashes with the launcher's own {name.Value} command; choose another name (built-in: {string.Join(", ", LauncherCommands.Reserved.Where(ReleaseCommands.IsValidName).Order(StringComparer.Ordinal))})");
            var spec = nodes.Mapping(body, what);
            nodes.CheckKeys(spec, what, "eval", "script");
            if (spec.Entries.Length != 1) throw nodes.Error(body, $"{what} needs exactly one of eval: TYPE.METHOD or script: PATH");
            var (kind, target) = spec.Entries[0];
            var text = nodes.String(target, $"{what}.{kind.Value}");
            if (kind.Value == "eval" && (text.LastIndexOf('.') <= 0 || text.EndsWith('.') || text.Contains(' ')))
                throw nodes.Error(target, $"{what}.eval must be TYPE.METHOD (a public static method of the release's code), got '{text}'");
            commands.Add(new ReleaseCommand(name.Value, kind.Value == "eval" ? ReleaseCommandKind.Eval : ReleaseCommandKind.Script, text));
        }
        return commands.ToImmutable();
    }

    private static long ReadPositive(ConfigNodes nodes, YamlNode value, string what, long min, long max = long.MaxValue)
    {
        var text = nodes.String(value, what);
        if (!long.TryParse(text, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var number) || number < min || number > max)
            throw nodes.Error(value, $"{what} must be a whole number from {min}{(max == long.MaxValue ? " up" : $" to {max}")}, got '{text}'");
        return number;
    }

    private static string? ReadHealthUrl(ConfigNodes nodes, YamlNode value, string what)
    {
        var url = nodes.OptionalString(value, what);
        if (url is null || url.StartsWith("http://", StringComparison.Ordinal) || url.StartsWith("https://", StringComparison.Ordinal)
            || url.StartsWith("tcp://", StringComparison.Ordinal)) return url;
        throw nodes.Error(value, $"{what} must start with http://, https:// or tcp://, got '{url}'");
    }

    private static string? ReadRuntimeVersion(ConfigNodes nodes, YamlNode value, string what)
    {
        var version = nodes.OptionalString(value, what);
        if (version is null || RuntimeVersions.IsValid(version)) return version;
        throw nodes.Error(value, $"{what} {RuntimeVersions.Rule}, got '{version}'");
    }

    private static ImmutableDictionary<HookKind, string> ReadHooks(ConfigNodes nodes, YamlNode value, string where)
    {
        var mapping = nodes.OptionalMapping(value, where);
        var hooks = ImmutableDictionary.CreateBuilder<HookKind, string>();
        if (mapping is null) return hooks.ToImmutable();
        nodes.CheckKeys(mapping, where, HookNames.All.Select(HookNames.KeyOf).ToArray());
        foreach (var (key, script) in mapping.Entries)
        {
            var path = nodes.OptionalString(script, $"{where}.{key.Value}");
            if (path is not null) hooks[HookNames.All.Single(k => HookNames.KeyOf(k) == key.Value)] = path;
        }
        return hooks.ToImmutable();
    }

    private static ImmutableDictionary<string, EnvironmentDefinition> ReadEnvironments(ConfigNodes nodes, YamlNode value)
    {
        var environments = EnvironmentDefinition.BuiltIn.ToBuilder();
        var mapping = nodes.OptionalMapping(value, "environments");
        if (mapping is null) return environments.ToImmutable();
        foreach (var (name, body) in mapping.Entries)
        {
            var where = $"environments.{name.Value}";
            var environment = (environments.GetValueOrDefault(name.Value) ?? EnvironmentDefinition.Prod) with { Name = name.Value };
            var envMapping = nodes.OptionalMapping(body, where);
            if (envMapping is not null)
            {
                nodes.CheckKeys(envMapping, where, EnvironmentKeys);
                foreach (var (key, v) in envMapping.Entries)
                {
                    var what = $"{where}.{key.Value}";
                    environment = key.Value switch
                    {
                        "configuration" => environment with { Configuration = nodes.String(v, what) },
                        "include_runtime" => environment with { IncludeRuntime = nodes.Bool(v, what) },
                        "runtime_identifier" => environment with { RuntimeIdentifier = nodes.OptionalString(v, what) },
                        "runtime_version" => environment with { RuntimeVersion = ReadRuntimeVersion(nodes, v, what) },
                        "properties" => environment with { Properties = nodes.StringMap(v, what) },
                        _ when ImageSettings.Keys.Contains(key.Value) => environment with { Image = ImageSettings.Read(environment.Image, nodes, key.Value, v, what) },
                        _ => environment,
                    };
                }
            }
            environments[name.Value] = environment;
        }
        return environments.ToImmutable();
    }

    private static string Choices(IEnumerable<string> names)
    {
        var list = names.Order(StringComparer.Ordinal).ToList();
        return list.Count == 0 ? "(none defined)" : string.Join(", ", list);
    }
}

/// <summary>What runtime_version accepts: a runtime patch level such as 10.0.12 (or a prerelease of one), or latest-patch.</summary>
public static class RuntimeVersions
{
    public const string Rule = $"must be a runtime version with its patch level (10.0.12) or {PublishRequest.LatestPatch}";

    public static bool IsValid(string value) =>
        value == PublishRequest.LatestPatch || (value.Split('-')[0].Split('.').Length == 3 && FrameworkVersion.TryParse(value) is not null);
}
