using System.Globalization;
using System.Text;

namespace RelTool.IntegrationTests.Boot;

/// <summary>Live processes read from /proc: finds the ones started from a release root, checks and kills them.</summary>
public static class ProcessTable
{
    public static bool IsAlive(int pid)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            return stat[(stat.LastIndexOf(')') + 2)] is not ('Z' or 'X');
        }
        catch (IOException) { return false; }
    }

    public static string CommandLine(int pid)
    {
        try { return Encoding.UTF8.GetString(File.ReadAllBytes($"/proc/{pid}/cmdline")).Replace('\0', ' ').Trim(); }
        catch (IOException) { return ""; }
    }

    /// <summary>Live processes whose command line mentions <paramref name="root"/>.</summary>
    public static IReadOnlyList<int> StartedFrom(string root) =>
        Directory.GetDirectories("/proc")
            .Select(d => int.TryParse(Path.GetFileName(d), NumberStyles.None, CultureInfo.InvariantCulture, out var pid) ? pid : 0)
            .Where(pid => pid > 0 && pid != Environment.ProcessId && CommandLine(pid).Contains(root, StringComparison.Ordinal) && IsAlive(pid))
            .ToList();

    public static bool WaitForExit(int pid, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (IsAlive(pid))
        {
            if (DateTime.UtcNow > deadline) return false;
            Thread.Sleep(50);
        }
        return true;
    }

    public static void KillAllFrom(string root)
    {
        foreach (var pid in StartedFrom(root))
        {
            try { System.Diagnostics.Process.GetProcessById(pid).Kill(); }
            catch (ArgumentException) { }
            catch (InvalidOperationException) { }
        }
    }
}
