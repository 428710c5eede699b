using RelTool.Boot.Native;

namespace RelTool.Boot.Commands;

/// <summary>Whether a process id still names a live process (a zombie has exited).</summary>
public static class ProcessWatch
{
    public static bool IsAlive(int pid)
    {
        var stat = $"/proc/{pid}/stat";
        if (Directory.Exists("/proc/self"))
        {
            try
            {
                var text = File.ReadAllText(stat);
                var state = text[(text.LastIndexOf(')') + 2)..].FirstOrDefault();
                return state is not ('Z' or 'X');
            }
            catch (IOException) { return false; }
            catch (UnauthorizedAccessException) { return true; }
        }
        return Libc.kill(pid, 0) == 0;
    }

    public static bool WaitForExit(int pid, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (IsAlive(pid))
        {
            if (DateTime.UtcNow >= deadline) return false;
            Thread.Sleep(50);
        }
        return true;
    }
}
