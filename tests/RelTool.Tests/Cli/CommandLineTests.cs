using RelTool.Tests.Archive;

namespace RelTool.Tests.Cli;

/// <summary>
/// The command line's rules and its one error handler (src/RelTool/Program.cs), run in-process: a command line that
/// breaks a rule exits 2 with one "reltool: error:" line per problem and the command's usage, and runs nothing; a
/// command's failure exits 1 with one line, never a stack trace.
/// </summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class CommandLineTests : IDisposable
{
    private readonly TempDirectory temp = new();

    public void Dispose() => temp.Dispose();

    private static (int ExitCode, string Stdout, string Stderr) Reltool(params string[] args)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        var exitCode = Program.RunAsync(args, stdout, stderr).GetAwaiter().GetResult();
        return (exitCode, stdout.ToString(), stderr.ToString());
    }

    [Theory]
    [InlineData("--upfrom needs --upgrade", "release", "--upfrom", "0.1.0")]
    [InlineData("--upfrom needs --upgrade", "release", "--upfrom", "0.1.0", "--upgrade", "false")]
    [InlineData("--allow-same-version needs --upgrade", "release", "--allow-same-version")]
    [InlineData("-p needs Name=Value, got 'Configuration'", "release", "-p:Configuration")]
    [InlineData("-p needs Name=Value, got '=Release'", "release", "-p", "=Release")]
    [InlineData("-p needs Name=Value, got 'A'", "release", "-p:X=1", "--property", "A")]
    [InlineData("unknown option '--no-such-option'", "release", "--no-such-option")]
    [InlineData("Unrecognized command or argument '--no-such-option'", "release", "app.csproj", "--no-such-option")]
    [InlineData("--image and --no-tar cannot be given together", "release", "--image", "--no-tar")]
    [InlineData("--upfrom 0.1.0 is given 2 times; name each base release once", "release", "--upgrade", "--upfrom", "0.1.0", "--upfrom", "0.1.0")]
    [InlineData("--name: release name 'my app' must start with a letter or digit", "release", "--name", "my app")]
    [InlineData("Required argument missing for option: '--version'", "release", "--version")]
    [InlineData("Unrecognized command or argument 'b.csproj'", "release", "a.csproj", "b.csproj")]
    [InlineData("Required argument missing for command: 'diff'", "diff", "only-one")]
    [InlineData("unknown option '--jsn'", "diff", "a", "--jsn")]
    [InlineData("Unrecognized command or argument '--jsn'", "diff", "a", "b", "--jsn")]
    [InlineData("Required argument missing for option: '--app'", "appup", "a", "b", "--app")]
    [InlineData("unknown option '--apps'", "appup", "--apps", "x", "b")]
    [InlineData("Option '--from' is required", "relup", "new.rel")]
    [InlineData("Required argument missing for command: 'relup'", "relup", "--from", "old.rel")]
    [InlineData("unknown option '-x'", "relup", "-x", "--from", "old.rel")]
    [InlineData("Option '--output' is required", "tar", "dir")]
    [InlineData("unknown option '--cahce'", "tar", "--cahce", "-o", "x.tar.gz")]
    [InlineData("Required argument missing for command: 'inspect'", "inspect")]
    [InlineData("Unrecognized command or argument '--no-such-option'", "inspect", "rel", "--no-such-option")]
    [InlineData("unknown option '--frce'", "init", "--frce")]
    [InlineData("Option '--output' is required", "keygen")]
    [InlineData("Unrecognized command or argument 'extra'", "keygen", "-o", "k", "extra")]
    [InlineData("Unrecognized command or argument 'no-such-command'", "no-such-command")]
    [InlineData("Required command was not provided", new string[0])]
    public void A_command_line_that_breaks_a_rule_exits_2_with_the_message_and_the_usage(string message, params string[] args)
    {
        var cwd = Directory.GetCurrentDirectory();
        var before = Directory.GetFileSystemEntries(cwd);

        var (exitCode, stdout, stderr) = Reltool(args);

        Assert.True(exitCode == 2, $"exit {exitCode}: {stderr}");
        Assert.Equal("", stdout);
        var first = stderr.Split('\n')[0];
        Assert.StartsWith("reltool: error: ", first);
        Assert.Contains(message, stderr);
        Assert.All(stderr.Split('\n').TakeWhile(l => l.Length > 0), l => Assert.StartsWith("reltool: error: ", l));
        // The usage of the command meant (in-process, the root is named after the test host, not reltool).
        var command = args.FirstOrDefault(a => a is "release" or "diff" or "appup" or "relup" or "tar" or "inspect" or "init" or "keygen");
        Assert.Matches(command is null ? @"Usage:\n\s+\S+ \[command\] \[options\]" : $@"Usage:\n\s+\S+ {command} ", stderr);
        Assert.DoesNotContain("   at ", stderr);
        Assert.Equal(before, Directory.GetFileSystemEntries(cwd));
    }

    [Fact]
    public void A_rule_is_no_obstacle_when_it_is_kept()
    {
        // Parse only: these command lines are valid, so no usage error (the commands themselves are not run).
        foreach (var args in new[]
                 {
                     new[] { "release", "--upgrade", "--upfrom", "0.1.0", "--upfrom", "0.2.0", "--allow-same-version", "-p:A=1", "-p", "B=" },
                     ["release", "./-odd", "--name", "shop.api-2", "--image"],
                     ["diff", "a", "b", "--root", "r"],
                 })
            Assert.Empty(Program.CreateRoot().Parse(args).Errors);
    }

    [Fact]
    public void A_failure_with_a_file_and_position_names_them_after_the_problem_and_exits_1()
    {
        var rel = temp.Combine("bad.rel");
        File.WriteAllText(rel, "{release, {\"kv\", \"0.1.0\"},\n  {erts \"10.0\"}, []}.\n");

        var (exitCode, stdout, stderr) = Reltool("relup", rel, "--from", rel, "--path", temp.Path);

        Assert.True(exitCode == 1, stderr);
        Assert.Equal("", stdout);
        var line = Assert.Single(stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Matches($@"^reltool: error: .+ \({System.Text.RegularExpressions.Regex.Escape(rel)}:2:\d+\)$", line);
        Assert.False(File.Exists(temp.Combine("relup")));
    }

    [Fact]
    public void A_failure_with_a_fix_says_what_to_do_and_exits_1()
    {
        var project = temp.Combine("app", "app.csproj");
        Directory.CreateDirectory(Path.GetDirectoryName(project)!);
        File.WriteAllText(project, "<Project Sdk=\"Microsoft.NET.Sdk\" />");
        var config = temp.Combine("app", "rel", "config.yaml");
        Directory.CreateDirectory(Path.GetDirectoryName(config)!);
        File.WriteAllText(config, "# mine\n");

        var (exitCode, _, stderr) = Reltool("init", project);

        Assert.Equal(1, exitCode);
        Assert.Equal($"reltool: error: exists ({config}); pass --force to replace it\n", stderr);
        Assert.Equal("# mine\n", File.ReadAllText(config));
    }

    [Fact]
    public void Every_command_uses_the_one_prefix_for_its_failures()
    {
        var missing = temp.Combine("missing");
        foreach (var args in new[]
                 {
                     new[] { "diff", missing, missing },
                     ["appup", missing, missing],
                     ["inspect", missing],
                     ["tar", missing, "-o", temp.Combine("x.tar.gz")],
                     ["relup", missing, "--from", missing],
                     ["init", missing],
                     ["keygen", "-o", temp.Combine("missing", "key")],
                 })
        {
            var (exitCode, _, stderr) = Reltool(args);
            Assert.True(exitCode == 1, $"{args[0]}: exit {exitCode}: {stderr}");
            var line = Assert.Single(stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
            Assert.StartsWith("reltool: error: ", line);
            Assert.Contains(missing, line);
            Assert.DoesNotContain("please report this", line);
        }
    }
}
