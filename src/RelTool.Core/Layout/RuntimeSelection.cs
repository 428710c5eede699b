using System.Collections.Immutable;

namespace RelTool.Core.Layout;

/// <summary>
/// What runtime/ holds for one release, chosen from a dotnet root: the shared frameworks the app runs on (its
/// runtimeconfig's references and theirs, resolved as the host resolves them) and the newest hostfxr.
/// </summary>
public sealed record RuntimeSelection(string DotnetRoot, ImmutableArray<ResolvedFramework> Frameworks, string HostFxrVersion)
{
    public const string NetCoreApp = "Microsoft.NETCore.App";

    /// <summary>The Microsoft.NETCore.App version: what OTP calls the erts version.</summary>
    public string RuntimeVersion => Frameworks.First(f => f.Name == NetCoreApp).Version;

    public static RuntimeSelection Resolve(string dotnetRoot, RuntimeConfig appConfig)
    {
        var resolved = new Dictionary<string, ResolvedFramework>(StringComparer.Ordinal);
        var pending = new Queue<FrameworkReference>(appConfig.Frameworks);
        while (pending.TryDequeue(out var reference))
        {
            var directory = Path.Combine(dotnetRoot, "shared", reference.Name);
            var installed = Directory.Exists(directory) ? Directory.GetDirectories(directory).Select(Path.GetFileName).OfType<string>().ToList() : [];
            var version = RollForwardPolicies.Resolve(reference.Version, reference.RollForward, installed)
                ?? throw new RuntimeNotFoundException(
                    $"the app needs {reference.Name} {reference.Version} (rollForward {reference.RollForward}); {dotnetRoot} has {(installed.Count == 0 ? "none" : string.Join(", ", installed.Order()))}");
            if (resolved.TryGetValue(reference.Name, out var earlier))
            {
                if (FrameworkVersion.Parse(earlier.Version).CompareTo(FrameworkVersion.Parse(version)) >= 0) continue;
            }
            resolved[reference.Name] = new ResolvedFramework(reference.Name, version);
            var ownConfig = Path.Combine(directory, version, reference.Name + ".runtimeconfig.json");
            if (File.Exists(ownConfig))
                foreach (var inner in RuntimeConfig.Read(ownConfig).Frameworks) pending.Enqueue(inner);
        }
        if (!resolved.ContainsKey(NetCoreApp))
            throw new RuntimeNotFoundException($"the app's runtimeconfig does not lead to {NetCoreApp}");

        var fxrDirectory = Path.Combine(dotnetRoot, "host", "fxr");
        var fxr = Directory.Exists(fxrDirectory)
            ? Directory.GetDirectories(fxrDirectory).Select(Path.GetFileName).OfType<string>().Select(FrameworkVersion.TryParse).OfType<FrameworkVersion>().Max()
            : null;
        return new RuntimeSelection(
            dotnetRoot,
            resolved.Values.OrderBy(f => f.Name == NetCoreApp ? 0 : 1).ThenBy(f => f.Name, StringComparer.Ordinal).ToImmutableArray(),
            fxr?.Text ?? throw new RuntimeNotFoundException($"no host/fxr/<version> in {dotnetRoot}"));
    }

    /// <summary>The dotnet muxer in the root (null when there is none: a root laid out from a foreign RID's runtime packs).</summary>
    public string? MuxerName { get; init; } = OperatingSystem.IsWindows() ? "dotnet.exe" : "dotnet";

    /// <summary>Where the root's contents come from, when not the root itself (the runtime packs), for messages.</summary>
    public string? Origin { get; init; }

    /// <summary>runtime/-relative paths of what to copy: files and whole folders.</summary>
    public ImmutableArray<string> Entries =>
        [
            .. MuxerName is null ? [] : new[] { MuxerName },
            "LICENSE.txt",
            "ThirdPartyNotices.txt",
            $"host/fxr/{HostFxrVersion}",
            .. Frameworks.Select(f => $"shared/{f.Name}/{f.Version}"),
        ];
}

public sealed record ResolvedFramework(string Name, string Version);

/// <summary>The .NET runtime the app needs cannot be found or bundled.</summary>
public sealed class RuntimeNotFoundException(string message) : Formats.RelToolException(message);
