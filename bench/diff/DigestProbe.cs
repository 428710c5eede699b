using System.Diagnostics;
using RelTool.Core.Diff.Digest;

/// <summary>The semantic digest alone, on one thread, over every template: time and bytes allocated per assembly.</summary>
internal static class DigestProbe
{
    /// <param name="whole">Only the whole-assembly digest (what an unchanged assembly costs), else with type and method digests.</param>
    public static (double Microseconds, double KilobytesAllocated) Measure((byte[] Old, byte[] New)[] templates, int rounds, bool whole)
    {
        void Digest(byte[] image)
        {
            if (whole) AssemblyDigester.TryDigestWhole(image);
            else AssemblyDigester.TryDigest(image);
        }
        foreach (var (old, _) in templates) Digest(old); // warm-up
        var allocated = GC.GetAllocatedBytesForCurrentThread();
        var watch = Stopwatch.StartNew();
        for (var r = 0; r < rounds; r++)
            foreach (var (old, @new) in templates)
            {
                Digest(old);
                Digest(@new);
            }
        var count = rounds * templates.Length * 2.0;
        return (watch.Elapsed.TotalMicroseconds / count, (GC.GetAllocatedBytesForCurrentThread() - allocated) / 1024.0 / count);
    }
}
