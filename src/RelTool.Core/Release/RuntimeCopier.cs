using System.Collections.Immutable;
using RelTool.Core.Layout;
using RelTool.Formats.Layout;

namespace RelTool.Core.Release;

/// <summary>Copies the selected parts of a dotnet root into runtime/.</summary>
public static class RuntimeCopier
{
    /// <summary>
    /// Copies each entry of <paramref name="runtime"/> into <paramref name="target"/>, except the versioned folders
    /// (host/fxr/&lt;v&gt;, shared/&lt;F&gt;/&lt;v&gt;) that <paramref name="existingRuntime"/> already holds: the
    /// commit keeps those as they are, so they get an empty folder here and are packed from where they are.
    /// </summary>
    /// <returns>runtime/-prefixed paths of the folders left empty → the existing folder that stands for each.</returns>
    public static ImmutableDictionary<string, string> Copy(RuntimeSelection runtime, string target, string? existingRuntime)
    {
        var grafts = ImmutableDictionary.CreateBuilder<string, string>(StringComparer.Ordinal);
        foreach (var entry in runtime.Entries)
        {
            var source = Path.Combine(runtime.DotnetRoot, entry);
            var destination = Path.Combine(target, entry);
            var existing = existingRuntime is null ? null : Path.Combine(existingRuntime, entry);
            if (Directory.Exists(source) && existing is not null && Directory.Exists(existing))
            {
                Directory.CreateDirectory(destination);
                grafts.Add($"{ReleaseLayout.RuntimeDir}/{entry}", existing);
            }
            else if (Directory.Exists(source)) FileTree.CopyDirectory(source, destination);
            else if (File.Exists(source)) FileTree.CopyFile(source, destination);
            else if (entry is not ("LICENSE.txt" or "ThirdPartyNotices.txt"))
                throw new ReleaseException($"{source} is missing from the dotnet root");
        }
        return grafts.ToImmutable();
    }
}
