namespace RelTool.Boot;

/// <summary>The launcher's exit codes, as documented by `help` and docs/launcher.md.</summary>
public static class ExitCodes
{
    public const int Ok = 0;
    public const int Failure = 1;
    public const int Usage = 2;
    public const int NotRunning = 3;
    public const int AlreadyRunning = 4;
    public const int Killed = 5;

    public static readonly (int Code, string Meaning)[] All =
    [
        (Ok, "ok"),
        (Failure, "failure (the node did not come up, a hook failed, a manifest is unreadable, the node refused the request, another command holds the release root)"),
        (Usage, "usage error (unknown command or option)"),
        (NotRunning, "the node is not running (no answer on its control socket)"),
        (AlreadyRunning, "a node of this release root is already running"),
        (Killed, "stop: the node did not exit within the timeout and was killed (SIGKILL)"),
    ];
}
