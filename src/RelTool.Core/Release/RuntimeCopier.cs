using RelTool.Core.Layout;

namespace RelTool.Core.Release;

/// <summary>Copies the selected parts of a dotnet root into runtime/.</summary>
public static class RuntimeCopier
{
    public static void Copy(RuntimeSelection runtime, string target)
    {
        foreach (var entry in runtime.Entries)
        {
            var source = Path.Combine(runtime.DotnetRoot, entry);
            var destination = Path.Combine(target, entry);
            if (Directory.Exists(source)) FileTree.CopyDirectory(source, destination);
            else if (File.Exists(source)) FileTree.CopyFile(source, destination);
            else if (entry is not ("LICENSE.txt" or "ThirdPartyNotices.txt"))
                throw new ReleaseException($"{source} is missing from the dotnet root");
        }
    }
}
