using System.Diagnostics;
using RelTool.Boot.Layout;
using RelTool.Formats.Layout;
using RelTool.Formats.Manifests;

namespace RelTool.Boot.Commands;

/// <summary>
/// A command the release declares in rel/config.yaml's `commands:` (releases/&lt;vsn&gt;/commands.txt): an eval of
/// TYPE.METHOD, or a script run with /bin/sh in the root with the release's environment, its arguments passed on.
/// </summary>
public static class CustomCommand
{
    public static IReadOnlyList<ReleaseCommand> Of(ReleaseContext release)
    {
        var path = Path.Combine(release.Root.ReleaseDir(release.Version), ReleaseLayout.CommandsFileName);
        try { return ReleaseCommands.Read(path); }
        catch (Exception e) when (e is FormatException or Formats.FileProblemException) { throw new LauncherException(ExitCodes.Failure, e.Message); }
    }

    /// <summary>Runs <paramref name="name"/> when the release declares it; null when it does not.</summary>
    public static int? TryRun(ReleaseContext release, string name, IReadOnlyList<string> args)
    {
        var command = Of(release).FirstOrDefault(c => c.Name == name);
        if (command is null) return null;
        if (command.Kind == ReleaseCommandKind.Eval) return EvalCommand.Run(release, [command.Target, .. args], name);

        var script = Path.Combine(release.Root.ReleaseDir(release.Version), command.Target);
        if (!File.Exists(script)) throw new LauncherException(ExitCodes.Failure, $"{name}: {script} is missing");
        var start = new ProcessStartInfo("/bin/sh") { UseShellExecute = false, WorkingDirectory = release.Root.Dir };
        start.ArgumentList.Add(script);
        foreach (var a in args) start.ArgumentList.Add(a);
        foreach (var (key, value) in release.Environment) start.Environment[key] = value;
        using var process = Process.Start(start) ?? throw new LauncherException(ExitCodes.Failure, $"{name}: could not run {script}");
        process.WaitForExit();
        return process.ExitCode;
    }
}
