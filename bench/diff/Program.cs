using System.Diagnostics;
using RelTool.Core.Diff;
using RelTool.Core.Releases;

// Full diff of two synthetic releases, warm, per size: prints a table; the per-assembly time should stay flat.
var sizes = args.Length > 0 ? args.Select(int.Parse).ToArray() : [50, 500, 5000];
var work = Path.Combine(Path.GetTempPath(), "reltool-bench-diff-" + Environment.ProcessId);
var templates = SyntheticRelease.CompileTemplates();
Console.WriteLine($"templates: {SyntheticRelease.Templates} assemblies of 30 types x 8 methods; cores: {Environment.ProcessorCount}; load average: {LoadAverage()}");
WarmUp(work, templates);
foreach (var whole in new[] { true, false })
{
    var (digestUs, digestKb) = DigestProbe.Measure(templates, 10, whole);
    Console.WriteLine($"digest alone, one thread, {(whole ? "whole assembly only  " : "with types and methods")}: {digestUs,5:F0} us and {digestKb,4:F0} KB allocated per assembly");
}
Console.WriteLine($"{"assemblies",10} {"runs",5} {"best ms",10} {"median ms",10} {"us/assembly",12} {"MB alloc",9} {"changed apps",13}");
try
{
    foreach (var size in sizes)
    {
        var oldRoot = Path.Combine(work, $"old{size}");
        var newRoot = Path.Combine(work, $"new{size}");
        SyntheticRelease.Write(oldRoot, "1.0.0", size, templates, useNew: false);
        SyntheticRelease.Write(newRoot, "2.0.0", size, templates, useNew: true);
        var old = ReleaseReader.ReadCurrent(oldRoot);
        var @new = ReleaseReader.ReadCurrent(newRoot);
        // Per size, diff for a second before measuring: tiered compilation promotes code that this size's runs make hot.
        var diff = ReleaseDiffer.Compare(old, @new);
        for (var settle = Stopwatch.StartNew(); settle.Elapsed < TimeSpan.FromSeconds(1);) diff = ReleaseDiffer.Compare(old, @new);
        var runs = size > 1000 ? 3 : 7;
        var times = new List<double>();
        var allocated = GC.GetTotalAllocatedBytes(precise: true);
        for (var run = 0; run < runs; run++)
        {
            var watch = Stopwatch.StartNew();
            diff = ReleaseDiffer.Compare(old, @new);
            times.Add(watch.Elapsed.TotalMilliseconds);
        }
        var megabytes = (GC.GetTotalAllocatedBytes(precise: true) - allocated) / 1048576.0 / runs;
        times.Sort();
        var median = times[runs / 2];
        var changed = diff.Applications.Count(a => a.Status == AppStatus.Changed);
        Console.WriteLine($"{size,10} {runs,5} {times[0],10:F1} {median,10:F1} {median * 1000 / size,12:F1} {megabytes,9:F1} {changed,13}");
        Directory.Delete(oldRoot, true);
        Directory.Delete(newRoot, true);
    }
    Console.WriteLine($"load average after: {LoadAverage()}");
}
finally
{
    if (Directory.Exists(work)) Directory.Delete(work, true);
}

// Tiered compilation promotes hot methods to optimised code only after they ran a while: diff a 200-assembly release
// for 3 s first, so that every size is measured in steady state, not the small ones on tier-0 code.
static void WarmUp(string work, (byte[] Old, byte[] New)[] templates)
{
    var (oldRoot, newRoot) = (Path.Combine(work, "warm-old"), Path.Combine(work, "warm-new"));
    SyntheticRelease.Write(oldRoot, "1.0.0", 200, templates, useNew: false);
    SyntheticRelease.Write(newRoot, "2.0.0", 200, templates, useNew: true);
    var (old, @new) = (ReleaseReader.ReadCurrent(oldRoot), ReleaseReader.ReadCurrent(newRoot));
    var clock = Stopwatch.StartNew();
    var diffs = 0;
    while (clock.Elapsed < TimeSpan.FromSeconds(3) || diffs < 5)
    {
        ReleaseDiffer.Compare(old, @new);
        diffs++;
    }
    Directory.Delete(oldRoot, true);
    Directory.Delete(newRoot, true);
    Console.WriteLine($"warm-up: {diffs} diffs of 200 assemblies in {clock.Elapsed.TotalSeconds:F1} s");
}

static string LoadAverage() =>
    File.Exists("/proc/loadavg") ? string.Join(" ", File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "n/a";
