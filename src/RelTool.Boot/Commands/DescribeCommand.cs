using System.Runtime.CompilerServices;
using RelTool.Boot.Control;
using RelTool.Boot.Layout;
using RelTool.Formats.Layout;

namespace RelTool.Boot.Commands;

/// <summary>describe: the current release's name, version, runtime (and the one this process loaded), target RID, root, applications and whether it runs.</summary>
public static class DescribeCommand
{
    public static int Run(ReleaseContext release, IReadOnlyList<string> args)
    {
        CommandArgs.Parse(LauncherCommands.Describe, args);
        var boot = release.Boot;
        var root = release.Root;
        var runtime = Directory.Exists(root.RuntimeDir) ? $"{boot.RuntimeVersion} (bundled: {root.RuntimeDir})" : $"{boot.RuntimeVersion} (host: {Environment.ProcessPath})";
        Console.WriteLine($"name: {boot.ReleaseName}");
        Console.WriteLine($"version: {boot.ReleaseVersion}");
        Console.WriteLine($"runtime: {runtime}");
        // What this process really loaded, which the release's runtimeconfig and the bundled runtime decide (bin/<name> runs
        // describe with the launcher DLL for that; the native client loads none).
        Console.WriteLine(RuntimeFeature.IsDynamicCodeSupported ? $"loaded runtime: {Environment.Version}" : "loaded runtime: none (the launcher's native client)");
        if (boot.RuntimeIdentifier is { } rid) Console.WriteLine($"target: {rid}");
        Console.WriteLine($"root: {root.Dir}");
        Console.WriteLine($"entry: {boot.EntryApplication} ({boot.EntryAssemblyPath})");
        Console.WriteLine("applications:");
        foreach (var a in boot.Applications) Console.WriteLine($"  {a.Name} {a.Version} {a.Dir}");
        var pid = ControlClient.TrySend(root, NodeCommands.Pid);
        Console.WriteLine(pid switch
        {
            { Ok: true } => $"status: running (pid {pid.Lines.FirstOrDefault()})",
            { ErrorKind: ControlClient.CookieProblem } => $"status: unknown ({pid.Message})",
            _ => "status: not running",
        });
        return ExitCodes.Ok;
    }
}
