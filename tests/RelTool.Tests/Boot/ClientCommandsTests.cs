using System.Runtime.Versioning;
using RelTool.Boot.Commands;

namespace RelTool.Tests.Boot;

/// <summary>Which launcher commands take the invariant globalization (no ICU) for their own process.</summary>
[UnsupportedOSPlatform("windows")] // as the launcher (src/RelTool.Boot/Properties.cs)
public class ClientCommandsTests
{
    private static readonly HashSet<string> Documented = HelpCommand.Commands.Select(c => c.Usage.Split(' ')[0]).ToHashSet();

    [Fact]
    public void Every_client_command_is_a_built_in_one()
    {
        foreach (var name in ClientCommands.Names.Where(n => n != LogWriter.Command))
            Assert.Contains(name, Documented);
    }

    [Theory]
    [InlineData("foreground")]
    [InlineData("eval")]
    public void Commands_that_run_app_code_in_the_launcher_keep_the_apps_settings(string command)
    {
        Assert.Contains(command, Documented);
        Assert.DoesNotContain(command, ClientCommands.Names);
    }

    [Fact]
    public void Every_other_built_in_command_is_a_client_command() =>
        Assert.Equal(Documented.Except(["foreground", "eval"]).Order(), ClientCommands.Names.Where(n => n != LogWriter.Command).Order());
}
