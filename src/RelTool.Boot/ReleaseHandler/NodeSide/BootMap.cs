using RelTool.Boot.Layout;
using RelTool.Formats.Manifests;

namespace RelTool.Boot.ReleaseHandler.NodeSide;

/// <summary>A release's culture-neutral assemblies (simple name → absolute path) for a code context; RelTool.Runtime stays shared.</summary>
public static class BootMap
{
    public static IReadOnlyDictionary<string, string> Assemblies(ReleaseRoot root, BootFile boot) =>
        boot.Assemblies
            .Where(a => a.Culture.Length == 0 && !string.Equals(a.Name, RuntimeApp.RuntimeAssemblyName, StringComparison.OrdinalIgnoreCase))
            .GroupBy(a => a.Name, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => root.Resolve(g.First().Path), StringComparer.Ordinal);

    /// <summary>The application (name, version) whose lib dir holds <paramref name="assembly"/>; null when none does.</summary>
    public static BootApplication? ApplicationOf(BootFile boot, string assembly)
    {
        var path = boot.Assemblies.FirstOrDefault(a => a.Culture.Length == 0 && a.Name == assembly)?.Path;
        return path is null ? null : boot.Applications.FirstOrDefault(app => path.StartsWith(app.Dir.TrimEnd('/') + "/", StringComparison.Ordinal));
    }

    public static BootFile Read(ReleaseRoot root, string version)
    {
        var path = root.BootFilePath(version);
        if (!File.Exists(path)) throw new LauncherException(ExitCodes.Failure, $"{path}: missing");
        try { return BootFile.Read(path); }
        catch (Exception e) when (e is FormatException or Formats.FileProblemException) { throw new LauncherException(ExitCodes.Failure, e.Message); }
    }
}
