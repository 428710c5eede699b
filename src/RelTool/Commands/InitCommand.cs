using System.CommandLine;
using RelTool.Core.Config;
using RelTool.Output;

namespace RelTool.Commands;

/// <summary>`reltool init [PROJECT] [--force]`: writes rel/config.yaml next to the project, every option present and commented.</summary>
public static class InitCommand
{
    public static Command Create()
    {
        var project = new Argument<string?>("PROJECT") { Description = "Project file or folder (default: the current folder)", Arity = ArgumentArity.ZeroOrOne }.NoOptionLike();
        var force = new Option<bool>("--force", "-f") { Description = "Replace an existing rel/config.yaml" };
        var command = new Command("init", "Write rel/config.yaml for the project, with every option listed and commented") { project, force };
        command.SetAction(parse =>
        {
            var projectPath = ProjectLocator.Locate(parse.GetValue(project) ?? Directory.GetCurrentDirectory());
            var template = ToolInfo.Files.Template("rel/config.yaml", Path.GetDirectoryName(projectPath)!);
            var written = ConfigScaffold.Write(projectPath, template, parse.GetValue(force));
            Console.Out.WriteLine($"wrote {written}");
            return 0;
        });
        return command;
    }
}
