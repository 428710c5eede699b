using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;
using RelTool.Bench.Upgrade;
using RelTool.IntegrationTests.Upgrade;

// One measurement on an extracted kv 0.1.0 release with the 0.2.0 upgrade tarball in place:
//   reltool-bench-upgrade ROOT PORT KEYS
// starts the node, seeds KEYS keys, runs a client loop, upgrades live to 0.2.0, then stops and starts the node;
// prints `name value` lines. The node is stopped on the way out.
if (args.Length != 3) { Console.Error.WriteLine("usage: reltool-bench-upgrade ROOT PORT KEYS"); return 2; }
var root = Path.GetFullPath(args[0]);
var port = int.Parse(args[1], CultureInfo.InvariantCulture);
var keys = int.Parse(args[2], CultureInfo.InvariantCulture);
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

try
{
    Kv("start");
    using (var seed = new LineClient(port))
    {
        var replies = seed.Pipeline([.. Enumerable.Range(0, keys).Select(i => $"PUT seed{i} value{i}")]);
        if (replies.Any(r => r != "OK")) throw new InvalidOperationException("seeding failed");
    }
    using var loop = new ClientLoop(port);
    loop.WaitForMore(500, TimeSpan.FromSeconds(60));
    var steadyStart = Stopwatch.GetTimestamp();
    loop.WaitForMore(2000, TimeSpan.FromSeconds(60));
    var rate = 2000 / (Ms(steadyStart, Stopwatch.GetTimestamp()) / 1000);
    Console.WriteLine($"requests_per_s {rate.ToString("0", CultureInfo.InvariantCulture)}");

    var before = loop.Answered;
    var upgradeStart = Stopwatch.GetTimestamp();
    var upgrade = Kv("upgrade", "0.2.0");
    var upgradeEnd = Stopwatch.GetTimestamp();
    loop.WaitForMore(2000, TimeSpan.FromSeconds(60));
    var pause = Regex.Match(upgrade, @"pause Kv (\d+(\.\d+)?) ms");
    var steps = Regex.Match(upgrade, @"(?m)^\s*steps: (.*)$");
    Console.WriteLine($"pause_ms {(pause.Success ? pause.Groups[1].Value : "NA")}");
    Console.WriteLine($"steps {(steps.Success ? steps.Groups[1].Value.Trim() : "NA")}");
    Console.WriteLine($"upgrade_command_ms {Ms(upgradeStart, upgradeEnd).ToString("0.0", CultureInfo.InvariantCulture)}");
    Console.WriteLine($"upgrade_client_gap_ms {loop.LongestGapMs(upgradeStart, upgradeEnd).ToString("0.0", CultureInfo.InvariantCulture)}");
    Console.WriteLine($"upgrade_requests {loop.Answered - before}");
    Console.WriteLine($"upgrade_wrong {loop.Wrong}");
    Console.WriteLine($"reconnects_during_upgrade {loop.Reconnects}");

    var restartStart = Stopwatch.GetTimestamp();
    Kv("stop");
    Kv("start");
    var restartEnd = Stopwatch.GetTimestamp();
    loop.WaitForMore(2000, TimeSpan.FromSeconds(60));
    Console.WriteLine($"restart_command_ms {Ms(restartStart, restartEnd).ToString("0.0", CultureInfo.InvariantCulture)}");
    Console.WriteLine($"restart_downtime_ms {loop.LongestGapMs(restartStart, restartEnd).ToString("0.0", CultureInfo.InvariantCulture)}");
    return 0;
}
finally
{
    try { Kv("stop"); } catch (Exception e) when (e is InvalidOperationException or System.ComponentModel.Win32Exception) { }
}
