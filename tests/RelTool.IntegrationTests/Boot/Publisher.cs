using System.Diagnostics;

namespace RelTool.IntegrationTests.Boot;

/// <summary>`dotnet publish -c Release` of a project into a directory.</summary>
public static class Publisher
{
    public static void Publish(string project, string output)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var a in new[] { "publish", project, "-c", "Release", "-o", output, "-nodeReuse:false", "-p:UseSharedCompilation=false" })
            start.ArgumentList.Add(a);
        start.Environment["MSBUILDDISABLENODEREUSE"] = "1";
        start.Environment["DOTNET_CLI_USE_MSBUILD_SERVER"] = "0";
        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        start.Environment["DOTNET_NOLOGO"] = "1";
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromMinutes(5)))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"dotnet publish {project} took over 5 minutes");
        }
        process.WaitForExit();
        if (process.ExitCode != 0)
            throw new InvalidOperationException($"dotnet publish {project} failed ({process.ExitCode}):\n{stdout.Result}\n{stderr.Result}");
    }
}
