using System.Diagnostics;
using RelTool.Core.Diff;
using RelTool.Core.Diff.Release;

// Full diff of two synthetic releases, warm, per size: prints a table; the per-assembly time should stay flat.
var sizes = args.Length > 0 ? args.Select(int.Parse).ToArray() : [50, 500, 5000];
var work = Path.Combine(Path.GetTempPath(), "reltool-bench-diff-" + Environment.ProcessId);
var templates = SyntheticRelease.CompileTemplates();
Console.WriteLine($"templates: {SyntheticRelease.Templates} assemblies of 30 types x 8 methods; cores: {Environment.ProcessorCount}");
Console.WriteLine($"{"assemblies",10} {"best ms",10} {"median ms",10} {"us/assembly",12} {"changed apps",13}");
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
        var diff = ReleaseDiffer.Compare(old, @new); // warm-up: JIT and file cache
        var times = new List<double>();
        for (var run = 0; run < 5; run++)
        {
            var watch = Stopwatch.StartNew();
            diff = ReleaseDiffer.Compare(old, @new);
            times.Add(watch.Elapsed.TotalMilliseconds);
        }
        times.Sort();
        var changed = diff.Applications.Count(a => a.Status == AppStatus.Changed);
        Console.WriteLine($"{size,10} {times[0],10:F1} {times[2],10:F1} {times[0] * 1000 / size,12:F1} {changed,13}");
        Directory.Delete(oldRoot, true);
        Directory.Delete(newRoot, true);
    }
}
finally
{
    if (Directory.Exists(work)) Directory.Delete(work, true);
}
