using System.Globalization;

namespace RelTool.Formats;

/// <summary>
/// Temporary files and folders named "&lt;prefix&gt;&lt;pid&gt;." or "&lt;prefix&gt;&lt;pid&gt;-": left behind by a process that was killed
/// before it could remove them. A later run removes those whose process is gone (ones of live processes are theirs).
/// </summary>
public static class StaleFiles
{
    /// <summary>The name a temporary file or folder of this process gets: prefix, pid, '-', a random part.</summary>
    public static string NameFor(string prefix, string suffix = "") =>
        $"{prefix}{Environment.ProcessId.ToString(CultureInfo.InvariantCulture)}-{Guid.NewGuid():N}{suffix}";

    /// <summary>Removes the entries of <paramref name="directory"/> that start with <paramref name="prefix"/> followed by
    /// the pid of a process that no longer runs. Best effort: an entry that cannot be removed stays.</summary>
    public static void RemoveLeftovers(string directory, string prefix)
    {
        if (!Directory.Exists(directory)) return;
        IEnumerable<string> entries;
        try { entries = Directory.EnumerateFileSystemEntries(directory, prefix + "*").ToList(); }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException) { return; }
        foreach (var entry in entries)
        {
            var rest = Path.GetFileName(entry)[prefix.Length..];
            var end = rest.IndexOfAny(['-', '.']);
            if (end <= 0 || !int.TryParse(rest[..end], NumberStyles.None, CultureInfo.InvariantCulture, out var pid) || IsAlive(pid)) continue;
            try
            {
                if (Directory.Exists(entry) && new DirectoryInfo(entry).LinkTarget is null) Directory.Delete(entry, recursive: true);
                else File.Delete(entry);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException) { }
        }
    }

    /// <summary>Whether a process with this id runs (on Linux: /proc/PID exists; elsewhere: the process table knows it).</summary>
    public static bool IsAlive(int pid)
    {
        if (pid == Environment.ProcessId) return true;
        if (OperatingSystem.IsLinux()) return Directory.Exists($"/proc/{pid.ToString(CultureInfo.InvariantCulture)}");
        try
        {
            using var process = System.Diagnostics.Process.GetProcessById(pid);
            return !process.HasExited;
        }
        catch (Exception e) when (e is ArgumentException or InvalidOperationException) { return false; }
    }
}
