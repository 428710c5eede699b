using System.Diagnostics;
using System.Globalization;
using System.Net.Sockets;
using System.Text;
using System.Text.RegularExpressions;
using RelTool.Bench.Upgrade;
using RelTool.Boot.Control;
using RelTool.Boot.ReleaseHandler;
using RelTool.Formats.Layout;
using RelTool.IntegrationTests.Upgrade;

// As the launcher it asks (Unix sockets, POSIX signals).
[assembly: System.Runtime.Versioning.UnsupportedOSPlatform("windows")]

// Two measurements:
//   reltool-bench-upgrade ROOT PORT KEYS [CONNECTIONS]
//     on an extracted kv 0.1.0 release with the 0.2.0 upgrade tarball in place: starts the node, seeds KEYS keys, runs
//     CONNECTIONS client loops (default 1), measures their steady state, runs `bin/kv ping`, upgrades live to 0.2.0,
//     downgrades live to 0.1.0, asks the node for both installs again over its control socket (no command process),
//     then stops and starts the node; prints `name value` lines. The node is stopped on the way out.
//   reltool-bench-upgrade machine-stalls SECONDS
//     one thread per core spins for SECONDS and reports the longest time one of them did not run, and how many times
//     that exceeded 2 ms: the machine's own floor under the clients' gaps (no node running).
//   reltool-bench-upgrade first-answer line|http PORT COMMAND [ARGS...]
//     runs COMMAND (KV_PORT and ASPNETCORE_URLS point at PORT) and prints `first_answer_ms N`: from the process start
//     to the first answer on PORT (a kv line reply, or any HTTP response); then ends the process with SIGTERM.
if (args.Length == 2 && args[0] == "machine-stalls") return MachineStalls.Run(double.Parse(args[1], CultureInfo.InvariantCulture));
if (args.Length >= 4 && args[0] == "first-answer") return FirstAnswer.Run(args[1], int.Parse(args[2], CultureInfo.InvariantCulture), args[3..]);
if (args.Length is < 3 or > 4) { Console.Error.WriteLine("usage: reltool-bench-upgrade ROOT PORT KEYS [CONNECTIONS] | machine-stalls SECONDS | first-answer line|http PORT COMMAND [ARGS...]"); return 2; }
var root = Path.GetFullPath(args[0]);
var port = int.Parse(args[1], CultureInfo.InvariantCulture);
var keys = int.Parse(args[2], CultureInfo.InvariantCulture);
var connections = args.Length == 4 ? int.Parse(args[3], CultureInfo.InvariantCulture) : 1;
// RELTOOL_BENCH_PACE_MS: each client waits that long after an answer (0: back to back).
var pace = TimeSpan.FromMilliseconds(double.Parse(Environment.GetEnvironmentVariable("RELTOOL_BENCH_PACE_MS") ?? "0", CultureInfo.InvariantCulture));
var kv = Path.Combine(root, "bin", "kv");

string Kv(params string[] arguments)
{
    var start = new ProcessStartInfo(kv) { RedirectStandardOutput = true, RedirectStandardError = true };
    foreach (var a in arguments) start.ArgumentList.Add(a);
    start.Environment["KV_PORT"] = port.ToString(CultureInfo.InvariantCulture);
    using var process = Process.Start(start)!;
    var stderr = process.StandardError.ReadToEndAsync();
    var stdout = process.StandardOutput.ReadToEnd();
    process.WaitForExit();
    if (process.ExitCode != 0) throw new InvalidOperationException($"bin/kv {string.Join(' ', arguments)} exited {process.ExitCode}:\n{stdout}{stderr.Result}");
    return stdout;
}

double Ms(long from, long to) => (to - from) * 1000.0 / Stopwatch.Frequency;
// The clients' steady state (set once they run): the floor each command's figures stand on.
long steadyStart = 0, steadyEnd = 0;
string F(double value) => value.ToString("0.0##", CultureInfo.InvariantCulture);

var loops = new List<ClientLoop>();
void WaitForMore(long each)
{
    foreach (var loop in loops) loop.WaitForMore(each, TimeSpan.FromSeconds(60));
}
double LongestGap(long from, long to) => loops.Max(l => l.LongestGapMs(from, to));
// The longest gap of the steady state in a window as long as [from, to] (median over the steady state's consecutive
// windows of that length): a longest gap grows with the window, so a command's gap is compared with this one.
double SteadyGapAsLong(long from, long to)
{
    var length = to - from;
    var windows = length <= 0 ? 0 : (int)((steadyEnd - steadyStart) / length);
    if (windows == 0) return LongestGap(steadyStart, steadyEnd);
    var gaps = Enumerable.Range(0, windows).Select(i => LongestGap(steadyStart + i * length, steadyStart + (i + 1) * length)).Order().ToArray();
    return gaps[(gaps.Length - 1) / 2];
}
double P99(long from, long to)
{
    var all = loops.SelectMany(l => l.LatenciesMs(from, to)).Order().ToArray();
    return all.Length == 0 ? double.NaN : all[Math.Min(all.Length - 1, (int)Math.Ceiling(all.Length * 0.99) - 1)];
}

// One live install with the loops running: the node's pause and steps, the clients' view. `install` runs it and
// returns the report (bin/kv's output, or the node's reply lines).
void LiveInstall(string name, Func<string> install)
{
    var wrongBefore = loops.Sum(l => l.Wrong);
    var reconnectsBefore = loops.Sum(l => l.Reconnects);
    var start = Stopwatch.GetTimestamp();
    var output = install();
    var end = Stopwatch.GetTimestamp();
    WaitForMore(1000);
    var pause = Regex.Match(output, @"pause Kv (\d+(\.\d+)?) ms");
    var steps = Regex.Match(output, @"(?m)^\s*steps: (.*)$");
    Console.WriteLine($"{name}_pause_ms {(pause.Success ? pause.Groups[1].Value : "NA")}");
    var gc = Regex.Match(output, @"(?m)^\s*install (gc .*)$");
    Console.WriteLine($"{name}_steps {(steps.Success ? Regex.Replace(steps.Groups[1].Value, @"; clock \d+ \d+", "").Trim() : "NA")}; whole install: {(gc.Success ? gc.Groups[1].Value.Trim() : "NA")}");
    Console.WriteLine($"{name}_command_ms {F(Ms(start, end))}");
    Console.WriteLine($"{name}_client_gap_ms {F(LongestGap(start, end))}");
    Console.WriteLine($"{name}_steady_gap_as_long_ms {F(SteadyGapAsLong(start, end))}");
    // Where the longest gap lies against the node's pause (its `clock` timestamps: the same monotonic clock).
    var clock = Regex.Match(output, @"; clock (\d+) (\d+)");
    if (clock.Success)
    {
        var gap = loops.Select(l => l.LongestGap(start, end)).MaxBy(g => g.Ms);
        var (suspended, resumed) = (long.Parse(clock.Groups[1].Value, CultureInfo.InvariantCulture), long.Parse(clock.Groups[2].Value, CultureInfo.InvariantCulture));
        Console.WriteLine($"{name}_gap_start_vs_suspend_ms {F(Ms(suspended, gap.Start))}");
        Console.WriteLine($"{name}_gap_end_vs_resume_ms {F(Ms(resumed, gap.End))}");
    }
    Console.WriteLine($"{name}_p99_ms {F(P99(start, end))}");
    Console.WriteLine($"{name}_wrong {loops.Sum(l => l.Wrong) - wrongBefore}");
    Console.WriteLine($"{name}_reconnects {loops.Sum(l => l.Reconnects) - reconnectsBefore}");
}

try
{
    Kv("start");
    using (var seed = new LineClient(port))
    {
        var replies = seed.Pipeline([.. Enumerable.Range(0, keys).Select(i => $"PUT seed{i} value{i}")]);
        if (replies.Any(r => r != "OK")) throw new InvalidOperationException("seeding failed");
    }
    for (var i = 0; i < connections; i++) loops.Add(new ClientLoop(port, i, pace));
    WaitForMore(500);
    // Steady state: the same clients over 2 s with nothing else going on.
    steadyStart = Stopwatch.GetTimestamp();
    Thread.Sleep(2000);
    steadyEnd = Stopwatch.GetTimestamp();
    var answered = loops.Sum(l => l.LatenciesMs(steadyStart, steadyEnd).Count());
    Console.WriteLine($"connections {connections}");
    Console.WriteLine($"requests_per_s {(answered / (Ms(steadyStart, steadyEnd) / 1000)).ToString("0", CultureInfo.InvariantCulture)}");
    Console.WriteLine($"steady_p99_ms {F(P99(steadyStart, steadyEnd))}");
    Console.WriteLine($"steady_gap_ms {F(LongestGap(steadyStart, steadyEnd))}");

    // What a command costs the clients by merely running: `bin/kv ping` starts the same launcher process as an
    // upgrade and asks the node one question (the floor under the installs' figures).
    var pingStart = Stopwatch.GetTimestamp();
    Kv("ping");
    var pingEnd = Stopwatch.GetTimestamp();
    WaitForMore(200);
    Console.WriteLine($"ping_command_ms {F(Ms(pingStart, pingEnd))}");
    Console.WriteLine($"ping_client_gap_ms {F(LongestGap(pingStart, pingEnd))}");
    Console.WriteLine($"ping_steady_gap_as_long_ms {F(SteadyGapAsLong(pingStart, pingEnd))}");
    Console.WriteLine($"ping_p99_ms {F(P99(pingStart, pingEnd))}");
    LiveInstall("upgrade", () => Kv("upgrade", "0.2.0"));
    LiveInstall("downgrade", () => Kv("downgrade", "0.1.0"));
    // The node's own part of the same installs: asked over the control socket by this process, which already runs, so
    // no command process starts, unpacks or takes the lock beside the node (0.2.0 is unpacked by now; neither install
    // is made permanent, so the node ends on 0.1.0, the permanent release, as before).
    var release = new ReleaseRoot(root);
    string Ask(string version) => string.Join('\n', ControlClient.Require(release, InstallReply.Command, version)) + "\n";
    LiveInstall("node_upgrade", () => Ask("0.2.0"));
    LiveInstall("node_downgrade", () => Ask("0.1.0"));

    var restartStart = Stopwatch.GetTimestamp();
    Kv("stop");
    try
    {
        Kv("start");
    }
    catch (InvalidOperationException e)
    {
        // Seen once on a shared machine: the port was taken between stop and start. The live figures above stand.
        Console.Error.WriteLine($"restart failed, no restart figures for this run: {e.Message}");
        return 0;
    }
    var restartEnd = Stopwatch.GetTimestamp();
    WaitForMore(1000);
    Console.WriteLine($"restart_command_ms {F(Ms(restartStart, restartEnd))}");
    Console.WriteLine($"restart_downtime_ms {F(LongestGap(restartStart, restartEnd))}");
    return 0;
}
finally
{
    foreach (var loop in loops) loop.Dispose();
    try { Kv("stop"); } catch (Exception e) when (e is InvalidOperationException or System.ComponentModel.Win32Exception) { }
}

/// <summary>Process start to the first answer on a port, polled every millisecond.</summary>
internal static class FirstAnswer
{
    public static int Run(string protocol, int port, string[] command)
    {
        var start = new ProcessStartInfo(command[0]) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in command[1..]) start.ArgumentList.Add(a);
        start.Environment["KV_PORT"] = port.ToString(CultureInfo.InvariantCulture);
        start.Environment["ASPNETCORE_URLS"] = $"http://127.0.0.1:{port}";
        var request = protocol == "http" ? "GET /weatherforecast HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n" : "GET probe\n";
        var began = Stopwatch.GetTimestamp();
        using var process = Process.Start(start)!;
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            while (true)
            {
                if (process.HasExited) { Console.Error.WriteLine($"{command[0]} exited {process.ExitCode} before answering"); return 1; }
                if (Stopwatch.GetElapsedTime(began) > TimeSpan.FromSeconds(60)) { Console.Error.WriteLine("no answer within 60 s"); return 1; }
                if (Answers(port, request))
                {
                    Console.WriteLine($"first_answer_ms {Stopwatch.GetElapsedTime(began).TotalMilliseconds.ToString("0.0", CultureInfo.InvariantCulture)}");
                    return 0;
                }
                Thread.Sleep(1);
            }
        }
        finally
        {
            if (!process.HasExited)
            {
                Posix.Kill(process.Id, 15);
                if (!process.WaitForExit(10_000)) process.Kill(true);
            }
        }
    }

    private static bool Answers(int port, string request)
    {
        try
        {
            using var client = new TcpClient();
            client.Connect("127.0.0.1", port);
            client.NoDelay = true;
            var stream = client.GetStream();
            stream.Write(Encoding.ASCII.GetBytes(request));
            var buffer = new byte[1];
            return stream.Read(buffer) == 1;
        }
        catch (Exception e) when (e is IOException or SocketException)
        {
            return false;
        }
    }

    private static class Posix
    {
        [System.Runtime.InteropServices.DllImport("libc", EntryPoint = "kill")]
        private static extern int SysKill(int pid, int signal);

        public static void Kill(int pid, int signal) => SysKill(pid, signal);
    }
}
