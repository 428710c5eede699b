using System.Diagnostics;
using System.Globalization;
using System.Text;
using RelTool.IntegrationTests.Boot;
using RelTool.IntegrationTests.Release;
using RelTool.IntegrationTests.Upgrade;

namespace RelTool.IntegrationTests.Samples;

/// <summary>
/// samples/kv outside a release, as `dotnet run` starts it: its three-line Program.cs (Node.RunAsync) serves until
/// SIGTERM or Ctrl-C, then stops the application (its Stop runs) and exits 0. The built Kv.dll is run directly, the
/// way `dotnet run` runs it after building, so that the signal reaches the app and not the SDK.
/// </summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class KvSampleDotnetRunTests : IDisposable
{
    private readonly UpgradeBuild copy = new("kv");

    [Fact]
    public void Serves_until_SIGTERM_or_Ctrl_C_then_stops_the_application_and_exits_0()
    {
        var bin = Path.Combine(copy.WorkDir, "bin");
        Build(bin);
        foreach (var (signal, name) in new[] { (Posix.SIGTERM, "SIGTERM"), (Posix.SIGINT, "SIGINT") })
        {
            var port = Posix.FreeLoopbackPort();
            using var app = new RunningApp(Path.Combine(bin, "Kv.dll"), port);
            app.WaitFor($"listening on 127.0.0.1:{port}");
            using (var client = new LineClient(port))
            {
                Assert.Equal("OK", client.Call($"PUT signal {name}"));
                Assert.Equal(name, client.Call("GET signal"));
            }

            Assert.Equal(0, Posix.kill(app.Pid, signal));
            Assert.True(app.WaitForExit(TimeSpan.FromSeconds(30)), $"kv still runs 30 s after {name}\n{app.Output}");
            Assert.True(app.ExitCode == 0, $"{name}: exit {app.ExitCode}\n{app.Output}");
            Assert.Contains("kv stopped", app.Output);
        }
    }

    private void Build(string output)
    {
        var start = new ProcessStartInfo("dotnet") { WorkingDirectory = copy.Sources, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in new[] { "build", "src/Kv", "-c", "Release", "-o", output, "-nologo", "-p:UseSharedCompilation=false" }) start.ArgumentList.Add(a);
        foreach (var (name, value) in RepoPaths.SampleEnvironment) start.Environment[name] = value;
        using var build = Process.Start(start)!;
        var stdout = build.StandardOutput.ReadToEndAsync();
        var stderr = build.StandardError.ReadToEndAsync();
        build.WaitForExit();
        Assert.True(build.ExitCode == 0, $"dotnet build samples/kv: exit {build.ExitCode}\n{stdout.Result}\n{stderr.Result}");
    }

    public void Dispose()
    {
        foreach (var pid in ProcessTable.StartedFrom(copy.WorkDir)) Posix.kill(pid, 9);
        copy.Dispose();
    }

    /// <summary>`dotnet Kv.dll` with KV_PORT set, its output collected line by line.</summary>
    private sealed class RunningApp : IDisposable
    {
        private readonly Process process;
        private readonly StringBuilder output = new();

        public RunningApp(string dll, int port)
        {
            var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, RedirectStandardInput = true, UseShellExecute = false };
            start.ArgumentList.Add(dll);
            start.Environment["KV_PORT"] = port.ToString(CultureInfo.InvariantCulture);
            process = new Process { StartInfo = start };
            process.OutputDataReceived += (_, e) => Append(e.Data);
            process.ErrorDataReceived += (_, e) => Append(e.Data);
            process.Start();
            process.BeginOutputReadLine();
            process.BeginErrorReadLine();
        }

        public int Pid => process.Id;

        public int ExitCode => process.ExitCode;

        public string Output
        {
            get { lock (output) return output.ToString(); }
        }

        public void WaitFor(string text)
        {
            var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
            while (!Output.Contains(text, StringComparison.Ordinal))
            {
                Assert.False(process.HasExited, $"kv exited with {(process.HasExited ? process.ExitCode : 0)} before printing '{text}'\n{Output}");
                Assert.True(DateTime.UtcNow < deadline, $"kv did not print '{text}' within 60 s\n{Output}");
                Thread.Sleep(50);
            }
        }

        public bool WaitForExit(TimeSpan timeout)
        {
            if (!process.WaitForExit(timeout)) return false;
            process.WaitForExit(); // the output is read to its end
            return true;
        }

        private void Append(string? line)
        {
            if (line is null) return;
            lock (output) output.Append(line).Append('\n');
        }

        public void Dispose()
        {
            if (!process.HasExited) process.Kill();
            process.Dispose();
        }
    }
}
