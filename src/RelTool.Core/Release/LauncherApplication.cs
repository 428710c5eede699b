using System.Collections.Immutable;
using RelTool.Core.Layout;
using RelTool.Formats.Layout;

namespace RelTool.Core.Release;

/// <summary>The launcher (RelTool.Boot) as an application of the release: every file of the tool's boot/ folder.</summary>
public static class LauncherApplication
{
    public const string Name = ReleaseLayout.LauncherApplication;

    public static PackagedApplication From(ToolFiles tool)
    {
        if (!File.Exists(Path.Combine(tool.BootDirectory, ReleaseLayout.LauncherAssemblyFileName)))
            throw new ReleaseException($"the launcher is missing: no {ReleaseLayout.LauncherAssemblyFileName} in {tool.BootDirectory}; reinstall reltool");
        var files = FileTree.RelativeFiles(tool.BootDirectory)
            .Select(f => IsRootAssembly(f)
                ? new ApplicationFile(f, FileRole.Assembly, Path.GetFileNameWithoutExtension(f))
                : new ApplicationFile(f, FileRole.Other))
            .ToImmutableArray();
        return new PackagedApplication(Name, tool.Version, ApplicationKind.Launcher, false, [], files);
    }

    private static bool IsRootAssembly(string path) => !path.Contains('/') && path.EndsWith(".dll", StringComparison.OrdinalIgnoreCase);
}
