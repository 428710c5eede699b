using System.Diagnostics;

namespace RelTool.IntegrationTests.Release;

/// <summary>Runs the built tool (`dotnet src/RelTool/bin/&lt;config&gt;/net10.0/reltool.dll`) as a user would.</summary>
public static class ReltoolProcess
{
    public sealed record Outcome(int ExitCode, string Stdout, string Stderr)
    {
        public override string ToString() => $"exit {ExitCode}\n--- stdout\n{Stdout}\n--- stderr\n{Stderr}";
    }

    /// <summary>The configuration the tests (and so the tool beside them) were built in.</summary>
    public static string Configuration { get; } =
        AppContext.BaseDirectory.Contains($"{Path.DirectorySeparatorChar}Release{Path.DirectorySeparatorChar}") ? "Release" : "Debug";

    public static string ToolDll
    {
        get
        {
            var dll = Path.Combine(Boot.RepoPaths.Root, "src", "RelTool", "bin", Configuration, "net10.0", "reltool.dll");
            return File.Exists(dll) ? dll : throw new InvalidOperationException($"{dll} is not built");
        }
    }

    public static Outcome Run(string workingDirectory, params string[] args) => Run(workingDirectory, null, args);

    /// <summary>Samples built against this repository's src/RelTool.Runtime (<see cref="Boot.RepoPaths.SampleEnvironment"/>) restore and build
    /// that one project in place: two at once raced on its obj/ ("project.assets.json already exists"), so they take turns.</summary>
    private static readonly Lock RepoRuntimeBuilds = new();

    public static Outcome Run(string workingDirectory, IDictionary<string, string>? environment, params string[] args)
    {
        if (environment?.ContainsKey(Boot.RepoPaths.RuntimeSourceVariable) != true) return RunNow(workingDirectory, environment, args);
        lock (RepoRuntimeBuilds) return RunNow(workingDirectory, environment, args);
    }

    private static Outcome RunNow(string workingDirectory, IDictionary<string, string>? environment, string[] args)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(ToolDll);
        foreach (var a in args) start.ArgumentList.Add(a);
        start.Environment["MSBUILDDISABLENODEREUSE"] = "1";
        start.Environment["DOTNET_CLI_USE_MSBUILD_SERVER"] = "0";
        start.Environment["DOTNET_NOLOGO"] = "1";
        foreach (var (k, v) in environment ?? new Dictionary<string, string>()) start.Environment[k] = v;
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromMinutes(4)))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"reltool {string.Join(' ', args)} did not finish");
        }
        return new Outcome(process.ExitCode, stdout.Result, stderr.Result);
    }
}
