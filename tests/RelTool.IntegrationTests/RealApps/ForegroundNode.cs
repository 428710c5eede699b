using System.Diagnostics;
using System.Text;
using RelTool.IntegrationTests.Boot;

namespace RelTool.IntegrationTests.RealApps;

/// <summary>`bin/&lt;name&gt; foreground` running in the background of a test, its stdout and stderr collected line by line.</summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class ForegroundNode : IDisposable
{
    private readonly Process process;
    private readonly StringBuilder output = new();

    public ForegroundNode(ReleaseTree tree, IReadOnlyDictionary<string, string>? env = null)
    {
        process = new Process { StartInfo = LauncherRun.StartInfo(tree, ["foreground"], env) };
        process.OutputDataReceived += (_, e) => Append(e.Data);
        process.ErrorDataReceived += (_, e) => Append(e.Data);
        process.Start();
        process.StandardInput.Close();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
    }

    public int Pid => process.Id;

    public bool HasExited => process.HasExited;

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
        if (!process.HasExited) process.Kill();
        process.Dispose();
    }
}
