using RelTool.Formats.Layout;

namespace RelTool.Boot.Commands;

/// <summary>help: the commands and exit codes.</summary>
public static class HelpCommand
{
    public static int Run(string name, TextWriter output, IReadOnlyList<RelTool.Formats.Manifests.ReleaseCommand>? releaseCommands = null)
    {
        output.WriteLine($"usage: bin/{name} COMMAND [OPTIONS]");
        output.WriteLine();
        output.WriteLine("commands:");
        var width = LauncherCommands.Listed.Max(c => c.Usage.Length);
        foreach (var c in LauncherCommands.Listed) output.WriteLine($"  {c.Usage.PadRight(width)}  {c.Summary}");
        if (releaseCommands is { Count: > 0 })
        {
            output.WriteLine();
            output.WriteLine("release commands (rel/config.yaml commands:):");
            var commandWidth = releaseCommands.Max(c => c.Name.Length);
            foreach (var c in releaseCommands)
                output.WriteLine($"  {c.Name.PadRight(commandWidth)}  {(c.Kind == RelTool.Formats.Manifests.ReleaseCommandKind.Eval ? "eval " : "script releases/<vsn>/")}{c.Target}");
        }
        output.WriteLine();
        output.WriteLine("exit codes:");
        foreach (var (code, meaning) in ExitCodes.All) output.WriteLine($"  {code}  {meaning}");
        output.WriteLine();
        output.WriteLine("hooks: releases/<vsn>/hooks/{pre_start,post_start,pre_stop,post_stop,pre_upgrade,post_upgrade}.sh, with REL_NAME, REL_VSN, RELEASE_ROOT_DIR (REL_FROM_VSN for upgrades)");
        return ExitCodes.Ok;
    }
}
