namespace RelTool.Commands;

/// <summary>The exit code of a command line that does not parse (unknown option, missing argument), on every command.</summary>
public static class UsageError
{
    public const int ExitCode = 2;
}
