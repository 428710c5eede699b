using System.Diagnostics;

namespace RelTool.Tests.Archive;

/// <summary>Runs a real command-line tool (GNU tar, gzip) and returns its exit code and output.</summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public static class Tools
{
    public static (int ExitCode, string Output) Run(string fileName, params string[] arguments)
    {
        var start = new ProcessStartInfo(fileName) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEnd();
        process.WaitForExit();
        return (process.ExitCode, stdout.Result + stderr);
    }

    /// <summary>The built `reltool` (copied beside the tests), run as a user would: exit code, stdout then stderr.</summary>
    public static (int ExitCode, string Output) Reltool(params string[] arguments) =>
        Run("dotnet", [Path.Combine(AppContext.BaseDirectory, "reltool.dll"), .. arguments]);

    /// <summary>Every file, directory and link below root, with what a release cares about: content, mode, link target.</summary>
    public static SortedDictionary<string, string> Describe(string root)
    {
        var result = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var info in new DirectoryInfo(root).EnumerateFileSystemInfos("*", new EnumerationOptions { RecurseSubdirectories = true, AttributesToSkip = 0 }))
        {
            var relative = Path.GetRelativePath(root, info.FullName);
            if (info.LinkTarget is { } target) result[relative] = "link -> " + target;
            else if (info is DirectoryInfo) result[relative] = $"dir {Convert.ToString((int)info.UnixFileMode, 8)}";
            else result[relative] = $"file {Convert.ToString((int)info.UnixFileMode, 8)} {Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(File.ReadAllBytes(info.FullName)))}";
        }
        return result;
    }
}
