using System.CommandLine;
using System.CommandLine.Parsing;

namespace RelTool.Commands;

/// <summary>
/// The rules of the command lines beyond what System.CommandLine checks itself (unknown options, missing arguments,
/// values of the wrong type), as validators: a command line that breaks one never runs its command, and exits
/// <see cref="UsageExitCode"/> with the message and the usage, on every command (src/RelTool/Program.cs).
/// </summary>
internal static class CommandLineRules
{
    /// <summary>The exit code of a command line that does not parse or breaks a rule, on every command, as bin/&lt;name&gt; does.</summary>
    public const int UsageExitCode = 2;

    /// <summary>A positional argument takes no token that looks like an option: <c>release --no-such-option</c> is
    /// an unknown option, not a project named "--no-such-option".</summary>
    public static TArgument NoOptionLike<TArgument>(this TArgument argument) where TArgument : Argument
    {
        argument.Validators.Add(result =>
        {
            foreach (var token in result.Tokens.Where(t => t.Value.Length > 1 && t.Value[0] == '-'))
                result.AddError($"unknown option '{token.Value}' (a {argument.Name} that starts with '-' is written ./{token.Value})");
        });
        return argument;
    }

    /// <summary><paramref name="dependent"/> makes sense only with <paramref name="required"/>.</summary>
    public static void Needs(this Command command, Option dependent, Option<bool> required) =>
        command.Validators.Add(result =>
        {
            if (Given(result, dependent) && !result.GetValue(required))
                result.AddError($"{dependent.Name} needs {required.Name}");
        });

    /// <summary><paramref name="first"/> and <paramref name="second"/> cannot be given together.</summary>
    public static void Excludes(this Command command, Option<bool> first, Option<bool> second, string why) =>
        command.Validators.Add(result =>
        {
            if (result.GetValue(first) && result.GetValue(second))
                result.AddError($"{first.Name} and {second.Name} cannot be given together: {why}");
        });

    /// <summary>Every value of <paramref name="option"/> must pass <paramref name="problem"/> (null: fine).</summary>
    public static TOption EachValue<TOption>(this TOption option, Func<string, string?> problem) where TOption : Option
    {
        option.Validators.Add(result =>
        {
            foreach (var token in result.Tokens)
                if (problem(token.Value) is { } message) result.AddError(message);
        });
        return option;
    }

    /// <summary>A value given more than once is a mistake (each names one thing to do once).</summary>
    public static Option<string[]> Distinct(this Option<string[]> option, string what)
    {
        option.Validators.Add(result =>
        {
            foreach (var twice in result.Tokens.GroupBy(t => t.Value, StringComparer.Ordinal).Where(g => g.Count() > 1))
                result.AddError($"{option.Name} {twice.Key} is given {twice.Count()} times; {what}");
        });
        return option;
    }

    /// <summary>MSBuild's -p:Name=Value syntax.</summary>
    public static string? PropertySyntax(string value) =>
        value.IndexOf('=') > 0 && value[..value.IndexOf('=')].Trim().Length > 0 ? null : $"-p needs Name=Value, got '{value}'";

    /// <summary>The option is on the command line (a flag: and not turned off with <c>--flag false</c>).</summary>
    private static bool Given(CommandResult result, Option option) =>
        result.GetResult(option) is { Implicit: false } && (option is not Option<bool> flag || result.GetValue(flag));
}
