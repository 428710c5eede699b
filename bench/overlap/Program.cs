// reltool-bench-overlap ROOT NAME PORT FROM TO: starts the installed release (ASPNETCORE_URLS on PORT), runs the tests'
// strict loops (a new connection per request, keep-alive, a 1 ms connect loop) and moves FROM → TO → FROM twice:
// by stop-then-start (RELTOOL_OVERLAP=off) and by overlapped install. One line per move:
// MODE COMMAND fresh_failed N fresh_gap_ms N keepalive_failed N keepalive_gap_ms N refused N command_ms N
//   fresh_gap_end_ms N keepalive_gap_end_ms N   (when each longest gap ended, from the command's start)
using System.Diagnostics;
using System.Globalization;
using RelTool.IntegrationTests.StockApps;

if (args.Length != 5)
{
    Console.Error.WriteLine("usage: reltool-bench-overlap ROOT NAME PORT FROM TO");
    return 2;
}
var (root, name, port, from, to) = (args[0], args[1], int.Parse(args[2], CultureInfo.InvariantCulture), args[3], args[4]);
var bin = Path.Combine(root, "bin", name);
// RELTOOL_BENCH_PACE_MS: the request loops wait that long after each answer (0: back to back, which saturates 2 cores).
var pace = TimeSpan.FromMilliseconds(int.Parse(Environment.GetEnvironmentVariable("RELTOOL_BENCH_PACE_MS") ?? "0", CultureInfo.InvariantCulture));

int Run(IReadOnlyDictionary<string, string> env, params string[] arguments)
{
    var start = new ProcessStartInfo(bin) { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
    foreach (var a in arguments) start.ArgumentList.Add(a);
    foreach (var (k, v) in env) start.Environment[k] = v;
    using var process = Process.Start(start)!;
    var stdout = process.StandardOutput.ReadToEndAsync();
    var stderr = process.StandardError.ReadToEndAsync();
    process.WaitForExit();
    if (process.ExitCode != 0) Console.Error.WriteLine($"bin/{name} {string.Join(' ', arguments)}: exit {process.ExitCode}\n{stdout.Result}{stderr.Result}");
    return process.ExitCode;
}

var none = new Dictionary<string, string>();
if (Run(new Dictionary<string, string> { ["ASPNETCORE_URLS"] = $"http://127.0.0.1:{port}" }, "start") != 0) return 1;
try
{
    using var fresh = RequestLoop.NewConnectionEach(port, pause: pace);
    using var keepAlive = RequestLoop.KeepAlive(port, pause: pace);
    using var connects = new ConnectLoop(port);
    RequestLoop[] loops = [fresh, keepAlive];
    foreach (var loop in loops) loop.WaitForMore(200, TimeSpan.FromSeconds(60));
    // The same loops' longest gaps over 5 s with nothing else going on: what the machine's scheduler alone makes.
    foreach (var loop in loops) loop.ResetLongestGap();
    Thread.Sleep(5000);
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"steady none fresh_failed {fresh.Failures.Count} fresh_gap_ms {fresh.LongestGap.TotalMilliseconds:0} keepalive_failed {keepAlive.Failures.Count} keepalive_gap_ms {keepAlive.LongestGap.TotalMilliseconds:0} refused {connects.Refusals.Count}"));

    foreach (var (mode, env) in new[] { ("stop-then-start", new Dictionary<string, string> { ["RELTOOL_OVERLAP"] = "off" }), ("overlapped", none) })
    {
        foreach (var (command, version) in new[] { ("upgrade", to), ("downgrade", from) })
        {
            var failedBefore = loops.Select(l => l.Failures.Count).ToArray();
            var refusedBefore = connects.Refusals.Count;
            foreach (var loop in loops) loop.ResetLongestGap();
            var began = DateTime.UtcNow;
            var clock = Stopwatch.StartNew();
            if (Run(env, command, version) != 0) return 1;
            var commandMs = clock.ElapsedMilliseconds;
            // Settle: the loops reach the new node and the old one has exited.
            foreach (var loop in loops) loop.WaitForMore(200, TimeSpan.FromSeconds(60));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{mode} {command} fresh_failed {fresh.Failures.Count - failedBefore[0]} fresh_gap_ms {fresh.LongestGap.TotalMilliseconds:0} " +
                $"keepalive_failed {keepAlive.Failures.Count - failedBefore[1]} keepalive_gap_ms {keepAlive.LongestGap.TotalMilliseconds:0} " +
                $"refused {connects.Refusals.Count - refusedBefore} command_ms {commandMs} " +
                $"fresh_gap_end_ms {(fresh.LongestGapEnded - began).TotalMilliseconds:0} keepalive_gap_end_ms {(keepAlive.LongestGapEnded - began).TotalMilliseconds:0}"));
        }
    }
    return 0;
}
finally
{
    Run(none, "stop");
}
