using System.Diagnostics;
using RelTool.IntegrationTests.Release;

namespace RelTool.IntegrationTests.Templates;

/// <summary>Runs a command line (dotnet, tar, the installed reltool) and returns its exit code and output.</summary>
public static class Cli
{
    public static ReltoolProcess.Outcome Run(string file, string workingDirectory, IReadOnlyDictionary<string, string> environment, params string[] args)
    {
        var start = new ProcessStartInfo(file)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var a in args) start.ArgumentList.Add(a);
        start.Environment["DOTNET_NOLOGO"] = "1";
        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        start.Environment["MSBUILDDISABLENODEREUSE"] = "1";
        start.Environment["DOTNET_CLI_USE_MSBUILD_SERVER"] = "0";
        foreach (var (k, v) in environment) start.Environment[k] = v;
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromMinutes(6)))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{file} {string.Join(' ', args)} did not finish in 6 minutes");
        }
        return new ReltoolProcess.Outcome(process.ExitCode, stdout.Result, stderr.Result);
    }

    /// <summary>As <see cref="Run"/>, failing with the command's output unless it exits 0.</summary>
    public static ReltoolProcess.Outcome Check(string file, string workingDirectory, IReadOnlyDictionary<string, string> environment, params string[] args)
    {
        var outcome = Run(file, workingDirectory, environment, args);
        if (outcome.ExitCode != 0) throw new InvalidOperationException($"{file} {string.Join(' ', args)} in {workingDirectory}: {outcome}");
        return outcome;
    }
}
