using System.Runtime.InteropServices;

namespace RelTool.IntegrationTests.Boot;

/// <summary>The dotnet root the tests run on, and the Microsoft.NETCore.App version in it.</summary>
public static class DotnetInstall
{
    /// <summary>.../shared/Microsoft.NETCore.App/&lt;v&gt;/</summary>
    private static string FrameworkDir => RuntimeEnvironment.GetRuntimeDirectory().TrimEnd('/');

    public static string RuntimeVersion => Path.GetFileName(FrameworkDir);

    public static string Root => Path.GetFullPath(Path.Combine(FrameworkDir, "..", "..", ".."));

    /// <summary>Copies what a release's runtime/ holds: the dotnet host, host/fxr/&lt;v&gt;/ and the NETCore.App framework.</summary>
    public static void CopyRuntimeTo(string runtimeDir)
    {
        Directory.CreateDirectory(runtimeDir);
        File.Copy(Path.Combine(Root, "dotnet"), Path.Combine(runtimeDir, "dotnet"));
        var fxr = Directory.GetDirectories(Path.Combine(Root, "host", "fxr")).OrderDescending().First();
        FileTree.Copy(fxr, Path.Combine(runtimeDir, "host", "fxr", Path.GetFileName(fxr)));
        FileTree.Copy(FrameworkDir, Path.Combine(runtimeDir, "shared", "Microsoft.NETCore.App", RuntimeVersion));
    }
}
