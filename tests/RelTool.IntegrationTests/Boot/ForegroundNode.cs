using System.Diagnostics;
using System.Text;
namespace RelTool.IntegrationTests.Boot;

/// <summary>
/// `bin/&lt;name&gt; foreground` (or another command line that execs it) running in the background of a test, its stdout
/// and stderr collected line by line; on dispose it is killed with everything it started and the root is stopped.
/// </summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class ForegroundNode : IDisposable
{
    private readonly Process process;
    private readonly StringBuilder output = new();

    private readonly ReleaseTree tree;

    public ForegroundNode(ReleaseTree tree, IReadOnlyDictionary<string, string>? env = null)
        : this(tree, LauncherRun.StartInfo(tree, ["foreground"], env))
    {
    }

    /// <param name="start">How the node is run (e.g. under systemd-socket-activate, which execs bin/&lt;name&gt; foreground).</param>
    public ForegroundNode(ReleaseTree tree, ProcessStartInfo start)
    {
        this.tree = tree;
        process = new Process { StartInfo = start };
        process.OutputDataReceived += (_, e) => Append(e.Data);
        process.ErrorDataReceived += (_, e) => Append(e.Data);
        process.Start();
        process.StandardInput.Close();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
    }

    public int Pid => process.Id;

    public bool HasExited => process.HasExited;

    /// <summary>True when the node exited within <paramref name="timeout"/>; its exit code is then <see cref="ExitCode"/>.</summary>
    public bool WaitForExit(TimeSpan timeout) => process.WaitForExit(timeout);

    public int ExitCode => process.ExitCode;

    /// <summary>stdout and stderr so far, interleaved by line.</summary>
    public string Output
    {
        get { lock (output) return output.ToString(); }
    }

    private void Append(string? line)
    {
        if (line is null) return;
        lock (output) output.Append(line).Append('\n');
    }

    /// <summary>Sends SIGTERM and returns the exit code, or throws when the node is still alive after 30 s.</summary>
    public async Task<int> TerminateAsync()
    {
        if (Posix.kill(process.Id, Posix.SIGTERM) != 0) throw new InvalidOperationException($"kill {process.Id} failed\n{Output}");
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await process.WaitForExitAsync(timeout.Token);
        return process.ExitCode;
    }

    public void Dispose()
    {
        if (!process.HasExited) process.Kill(entireProcessTree: true);
        process.WaitForExit();
        process.Dispose();
        // A node it handed over to (an overlapped restart) runs on in the root.
        LauncherRun.Run(tree, ["stop"]);
    }
}
