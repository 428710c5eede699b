// reltool-bench-overlap ROOT NAME PORT FROM TO: starts the installed release (ASPNETCORE_URLS on PORT), runs the tests'
// strict loops (a new connection per request, keep-alive, a 1 ms connect loop) and moves FROM → TO → FROM twice:
// by stop-then-start (RELTOOL_OVERLAP=off) and by overlapped install. One line per move:
// MODE COMMAND fresh_failed N fresh_gap_ms N keepalive_failed N keepalive_gap_ms N refused N command_ms N
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
    using var fresh = RequestLoop.NewConnectionEach(port);
    using var keepAlive = RequestLoop.KeepAlive(port);
    using var connects = new ConnectLoop(port);
    RequestLoop[] loops = [fresh, keepAlive];
    foreach (var loop in loops) loop.WaitForMore(200, TimeSpan.FromSeconds(60));

    foreach (var (mode, env) in new[] { ("stop-then-start", new Dictionary<string, string> { ["RELTOOL_OVERLAP"] = "off" }), ("overlapped", none) })
    {
        foreach (var (command, version) in new[] { ("upgrade", to), ("downgrade", from) })
        {
            var failedBefore = loops.Select(l => l.Failures.Count).ToArray();
            var refusedBefore = connects.Refusals.Count;
            foreach (var loop in loops) loop.ResetLongestGap();
            var clock = Stopwatch.StartNew();
            if (Run(env, command, version) != 0) return 1;
            var commandMs = clock.ElapsedMilliseconds;
            // Settle: the loops reach the new node and the old one has exited.
            foreach (var loop in loops) loop.WaitForMore(200, TimeSpan.FromSeconds(60));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{mode} {command} fresh_failed {fresh.Failures.Count - failedBefore[0]} fresh_gap_ms {fresh.LongestGap.TotalMilliseconds:0} " +
                $"keepalive_failed {keepAlive.Failures.Count - failedBefore[1]} keepalive_gap_ms {keepAlive.LongestGap.TotalMilliseconds:0} " +
                $"refused {connects.Refusals.Count - refusedBefore} command_ms {commandMs}"));
        }
    }
    return 0;
}
finally
{
    Run(none, "stop");
}
