using System.Diagnostics;
using RelTool.Core.Upgrade;

// Generates a release of 100 applications / 10,000 modules (each module depends on up to 3 earlier
// modules of its application), an old version, appups, then times reltool's relup against
// systools:make_relup on the same files when erl is installed.
var root = args.Length > 0 ? Path.GetFullPath(args[0]) : Directory.CreateTempSubdirectory("relup-bench-").FullName;
const int apps = 100, modulesPerApp = 100;
var random = new Random(42);
var core = new[] { ("kernel", "8.5.3"), ("stdlib", "4.2"), ("sasl", "4.2") };
foreach (var (name, vsn) in core) WriteApp(name, vsn, [], name == "kernel" ? [] : ["kernel"], null);
for (var a = 0; a < apps; a++)
{
    var app = $"app{a:D3}";
    var mods = Enumerable.Range(0, modulesPerApp).Select(m => $"{app}_m{m:D3}").ToArray();
    var uses = new List<string> { "kernel", "stdlib" };
    if (a > 0) uses.Add($"app{random.Next(a):D3}");
    WriteApp(app, "1.0", mods, uses, null);
    var instructions = mods.Select((m, i) =>
    {
        var deps = Enumerable.Range(0, Math.Min(i, 3)).Select(_ => mods[random.Next(i)]).Distinct().ToArray();
        var depList = "[" + string.Join(",", deps) + "]";
        return i % 10 == 0 ? $"{{update,{m},{{advanced,[]}},{depList}}}" : $"{{load_module,{m},{depList}}}";
    });
    var script = "[" + string.Join(",\n   ", instructions) + "]";
    WriteApp(app, "1.1", mods, uses, $"{{\"1.1\",\n [{{\"1.0\",\n   {script}}}],\n [{{\"1.0\",\n   {script}}}]}}.\n");
}
WriteRel("old", "1", "1.0");
WriteRel("new", "2", "1.1");

var newRel = Path.Combine(root, "new.rel");
var oldRel = Path.Combine(root, "old.rel");
var dirs = SearchPath.Expand([Path.Combine(root, "lib", "*", "ebin")]);
void Run()
{
    var catalog = RelupSources.ReadCatalog(dirs, out _);
    var old = new RelupBase(RelupSources.ReadRelease(oldRel));
    RelupGenerator.Generate(new RelupRequest(RelupSources.ReadRelease(newRel), [old], [old], catalog)).Relup.Format();
}
Run(); // warm-up
const int rounds = 7, systoolsRounds = 5;
var read = new List<double>();
var translate = new List<double>();
var format = new List<double>();
var stageBytes = new long[3];
var total = new List<double>();
var allocated = GC.GetTotalAllocatedBytes(precise: true);
var paused = GC.GetTotalPauseDuration();
var cpu = Process.GetCurrentProcess().TotalProcessorTime;
string text = "";
for (var i = 0; i < rounds; i++)
{
    var watch = Stopwatch.StartNew();
    var bytes = GC.GetAllocatedBytesForCurrentThread();
    var catalog = RelupSources.ReadCatalog(dirs, out _);
    var old = new RelupBase(RelupSources.ReadRelease(oldRel));
    var request = new RelupRequest(RelupSources.ReadRelease(newRel), [old], [old], catalog);
    read.Add(watch.Elapsed.TotalMilliseconds);
    stageBytes[0] += GC.GetAllocatedBytesForCurrentThread() - bytes;
    bytes = GC.GetAllocatedBytesForCurrentThread();
    var result = RelupGenerator.Generate(request);
    translate.Add(watch.Elapsed.TotalMilliseconds - read[^1]);
    stageBytes[1] += GC.GetAllocatedBytesForCurrentThread() - bytes;
    bytes = GC.GetAllocatedBytesForCurrentThread();
    text = result.Relup.Format();
    stageBytes[2] += GC.GetAllocatedBytesForCurrentThread() - bytes;
    total.Add(watch.Elapsed.TotalMilliseconds);
    format.Add(total[^1] - read[^1] - translate[^1]);
}
var megabytes = (GC.GetTotalAllocatedBytes(precise: true) - allocated) / 1048576.0 / rounds;
var gcPause = (GC.GetTotalPauseDuration() - paused).TotalMilliseconds / rounds;
var cpuTime = (Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalMilliseconds / rounds;
static double Median(List<double> times) => times.Order().ElementAt(times.Count / 2);
var ours = Median(total);
File.WriteAllText(Path.Combine(root, "relup.reltool"), text);
Console.WriteLine($"files: {root} ({apps} applications, {apps * modulesPerApp} modules); cores: {Environment.ProcessorCount}; load average: {LoadAverage()}");
Console.WriteLine($"reltool relup (read + translate + format): {ours:F1} ms (median of {rounds}; best {total.Min():F1}): " +
                  $"read {Median(read):F1}, translate {Median(translate):F1}, format {Median(format):F1} ms; " +
                  $"per round {cpuTime:F0} ms CPU (all threads), {gcPause:F0} ms GC pause, {megabytes:F0} MB allocated " +
                  $"(read {stageBytes[0] / 1048576.0 / rounds:F0}, translate {stageBytes[1] / 1048576.0 / rounds:F0}, format {stageBytes[2] / 1048576.0 / rounds:F0}), " +
                  $"GCs gen0/1/2 {GC.CollectionCount(0)}/{GC.CollectionCount(1)}/{GC.CollectionCount(2)} in all");

var erl = Environment.GetEnvironmentVariable("PATH")?.Split(':').Select(p => Path.Combine(p, "erl")).FirstOrDefault(File.Exists);
if (erl is null)
{
    Console.WriteLine("systools: erl not installed, no comparison");
    return;
}
var eval = $"{{T, R}} = timer:tc(fun() -> [systools:make_relup(\"{root}/new\", [\"{root}/old\"], [\"{root}/old\"], " +
           $"[{{path, [\"{root}/lib/*/ebin\"]}}, {{outdir, \"{root}\"}}, silent]) || _ <- lists:seq(1, {systoolsRounds})] end), " +
           $"io:format(\"~p ~w~n\", [T / {systoolsRounds} / 1000, element(1, hd(R))]), halt().";
var start = new ProcessStartInfo(erl, ["-noshell", "-noinput", "-eval", eval]) { RedirectStandardOutput = true };
using var process = Process.Start(start)!;
var output = process.StandardOutput.ReadToEnd().Trim().Split(' ');
process.WaitForExit();
var theirs = double.Parse(output[0], System.Globalization.CultureInfo.InvariantCulture);
Console.WriteLine($"systools:make_relup (in a running erl, {output[1]}): {theirs:F1} ms (mean of {systoolsRounds})");
Console.WriteLine($"ratio systools / reltool: {theirs / ours:F2}x");
var same = File.ReadAllText(Path.Combine(root, "relup")) == text;
Console.WriteLine($"relup identical to systools': {(same ? "yes" : "no (unrelated branches of a dependency component may differ in order: relup-rules.md rule 5)")}");

static string LoadAverage() =>
    File.Exists("/proc/loadavg") ? string.Join(" ", File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "n/a";

void WriteApp(string name, string vsn, string[] mods, IEnumerable<string> uses, string? appup)
{
    var ebin = Path.Combine(root, "lib", $"{name}-{vsn}", "ebin");
    Directory.CreateDirectory(ebin);
    File.WriteAllText(Path.Combine(ebin, name + ".app"),
        $"{{application,{name},[{{description,\"{name}\"}},{{vsn,\"{vsn}\"}},{{modules,[{string.Join(",", mods)}]}},{{registered,[]}},{{applications,[{string.Join(",", uses)}]}}]}}.\n");
    if (appup is not null) File.WriteAllText(Path.Combine(ebin, name + ".appup"), appup);
}

void WriteRel(string file, string vsn, string appVsn)
{
    var entries = core.Select(c => $"{{{c.Item1},\"{c.Item2}\"}}").Concat(Enumerable.Range(0, apps).Select(a => $"{{app{a:D3},\"{appVsn}\"}}"));
    File.WriteAllText(Path.Combine(root, file + ".rel"), $"{{release,{{\"bench\",\"{vsn}\"}},{{erts,\"13.1.5\"}},[{string.Join(",", entries)}]}}.\n");
}
