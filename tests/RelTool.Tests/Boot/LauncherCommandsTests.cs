using System.Runtime.Versioning;
using RelTool.Boot.Commands;
using RelTool.Formats.Layout;

namespace RelTool.Tests.Boot;

/// <summary>The launcher's own commands: which take the invariant globalization (no ICU), which names are taken, what help lists.</summary>
[UnsupportedOSPlatform("windows")] // as the launcher (src/RelTool.Boot/Properties.cs)
public class LauncherCommandsTests
{
    [Theory]
    [InlineData(LauncherCommands.Foreground)]
    [InlineData(LauncherCommands.Eval)]
    [InlineData("migrate")] // a release's own command may run app code
    public void Commands_that_may_run_app_code_in_the_launcher_keep_the_apps_settings(string command) =>
        Assert.False(LauncherCommands.RunsNoAppCode(command));

    [Fact]
    public void Every_other_launcher_command_runs_no_app_code()
    {
        var others = LauncherCommands.Listed.Select(c => c.Name).Except([LauncherCommands.Foreground, LauncherCommands.Eval])
            .Concat(LauncherCommands.HelpAliases).Append(LauncherCommands.LogWriter).ToList();
        Assert.Equal(19, others.Count);
        Assert.All(others, name => Assert.True(LauncherCommands.RunsNoAppCode(name), name));
    }

    [Fact]
    public void The_native_client_runs_every_launcher_command_but_foreground_eval_and_describe_and_none_of_a_releases_own()
    {
        Assert.Equal(
            "--help|-h|downgrade|help|install|log-writer|make_permanent|pid|ping|remove|restart|rpc|start|stop|systemd-unit|unpack|upgrade|versions",
            string.Join('|', LauncherCommands.RunByNativeClient));
        Assert.All(LauncherCommands.RunByNativeClient, name => Assert.True(LauncherCommands.RunsNoAppCode(name), name));
    }

    [Fact]
    public void Reserved_names_are_the_listed_ones_the_help_aliases_and_the_log_writer()
    {
        Assert.Equal(LauncherCommands.Listed.Length, LauncherCommands.Listed.Select(c => c.Name).Distinct().Count());
        Assert.Equal(
            LauncherCommands.Listed.Select(c => c.Name).Concat(["--help", "-h", "log-writer"]).Order(StringComparer.Ordinal),
            LauncherCommands.Reserved.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Help_lists_every_command_with_its_usage_and_summary()
    {
        var text = new StringWriter();
        HelpCommand.Run("kv", text);
        foreach (var c in LauncherCommands.Listed)
            Assert.Matches($@"(?m)^  {System.Text.RegularExpressions.Regex.Escape(c.Usage)} +{System.Text.RegularExpressions.Regex.Escape(c.Summary)}$", text.ToString());
        Assert.Contains("  foreground [-- ARGS]", text.ToString());
        Assert.Contains("  make_permanent VSN", text.ToString());
    }
}
