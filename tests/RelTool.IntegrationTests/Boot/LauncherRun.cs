using System.Diagnostics;

namespace RelTool.IntegrationTests.Boot;

public sealed record LauncherResult(int ExitCode, string Stdout, string Stderr)
{
    public override string ToString() => $"exit {ExitCode}\n--- stdout\n{Stdout}--- stderr\n{Stderr}";
}

/// <summary>
/// Runs bin/&lt;name&gt; with an environment that has no dotnet on PATH and no DOTNET_ROOT (unless given), from the
/// temp dir (unless another working directory is given).
/// </summary>
public static class LauncherRun
{
    private static readonly Lazy<string> ToolsDir = new(MakeToolsDir);

    public static ProcessStartInfo StartInfo(ReleaseTree tree, IEnumerable<string> args, IReadOnlyDictionary<string, string>? env = null, string? workingDirectory = null) =>
        StartInfo(tree.Bin, args, env, workingDirectory);

    private static ProcessStartInfo StartInfo(string executable, IEnumerable<string> args, IReadOnlyDictionary<string, string>? env, string? workingDirectory)
    {
        var start = new ProcessStartInfo(executable)
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            WorkingDirectory = workingDirectory ?? Path.GetTempPath(),
        };
        foreach (var a in args) start.ArgumentList.Add(a);
        foreach (var key in start.Environment.Keys.Where(k => k.StartsWith("DOTNET_", StringComparison.Ordinal) || k.StartsWith("MSBUILD", StringComparison.Ordinal)).ToList())
            start.Environment.Remove(key);
        start.Environment["PATH"] = ToolsDir.Value;
        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        foreach (var (key, value) in env ?? new Dictionary<string, string>()) start.Environment[key] = value;
        return start;
    }

    public static LauncherResult Run(ReleaseTree tree, IEnumerable<string> args, IReadOnlyDictionary<string, string>? env = null, int timeoutSeconds = 90, string? workingDirectory = null) =>
        Run(StartInfo(tree, args, env, workingDirectory), $"bin/{tree.Name}", args, timeoutSeconds);

    /// <summary>Another executable of a release (its launcher's native client), in the same environment.</summary>
    public static LauncherResult RunExecutable(string executable, IEnumerable<string> args, int timeoutSeconds = 90) =>
        Run(StartInfo(executable, args, null, null), executable, args, timeoutSeconds);

    private static LauncherResult Run(ProcessStartInfo start, string what, IEnumerable<string> args, int timeoutSeconds)
    {
        using var process = Process.Start(start)!;
        process.StandardInput.Close();
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromSeconds(timeoutSeconds)))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{what} {string.Join(' ', args)} did not finish in {timeoutSeconds} s");
        }
        process.WaitForExit();
        return new LauncherResult(process.ExitCode, stdout.Result, stderr.Result);
    }

    /// <summary>A PATH of a few POSIX tools without dotnet (on merged-/usr systems /bin holds dotnet's link too).</summary>
    private static string MakeToolsDir()
    {
        var dir = Directory.CreateTempSubdirectory("reltool-tools-").FullName;
        AppDomain.CurrentDomain.ProcessExit += (_, _) => Directory.Delete(dir, recursive: true);
        foreach (var tool in new[] { "sh", "cat", "env", "readlink", "sleep", "printf", "dirname", "mkdir" })
        {
            var target = new[] { "/usr/bin", "/bin" }.Select(d => Path.Combine(d, tool)).FirstOrDefault(File.Exists);
            if (target is not null) File.CreateSymbolicLink(Path.Combine(dir, tool), target);
        }
        return dir;
    }
}
