using System.Diagnostics;
using RelTool.Core.Diff.Digest;

/// <summary>The semantic digest alone, on one thread, over every template: time and bytes allocated per assembly.</summary>
internal static class DigestProbe
{
    public static (double Microseconds, double KilobytesAllocated) Measure((byte[] Old, byte[] New)[] templates, int rounds)
    {
        foreach (var (old, _) in templates) AssemblyDigester.TryDigest(old); // warm-up
        var allocated = GC.GetAllocatedBytesForCurrentThread();
        var watch = Stopwatch.StartNew();
        for (var r = 0; r < rounds; r++)
            foreach (var (old, @new) in templates)
            {
                AssemblyDigester.TryDigest(old);
                AssemblyDigester.TryDigest(@new);
            }
        var count = rounds * templates.Length * 2.0;
        return (watch.Elapsed.TotalMicroseconds / count, (GC.GetAllocatedBytesForCurrentThread() - allocated) / 1024.0 / count);
    }
}
