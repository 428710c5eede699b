using System.Diagnostics;
using System.IO.Pipes;
using RelTool.Boot.Commands;
using RelTool.Boot.Layout;
using RelTool.Boot.Native;
using RelTool.Formats.Layout;

namespace RelTool.Boot.Hosting;

/// <summary>
/// A started node's stdout and stderr, through a rotating log writer (<see cref="LogWriter"/>): the node starts
/// `bin/&lt;name&gt; log-writer log/&lt;name&gt;.log` with a pipe as its stdin and puts the pipe's other end on its own
/// fds 1 and 2 — before anything uses the console, which keeps its own copy of the descriptors. The writer is in the
/// node's session, so it outlives the shell that ran `start`, and it drains the pipe after the node exits.
/// </summary>
public static class DetachedLog
{
    public static void Redirect(ReleaseContext release)
    {
        var start = new ProcessStartInfo(release.Root.BinScript(release.Name))
        {
            UseShellExecute = false,
            RedirectStandardInput = true,
            WorkingDirectory = release.Root.Dir,
        };
        start.ArgumentList.Add(LauncherCommands.LogWriter);
        start.ArgumentList.Add(release.Root.LogFile(release.Name));
        // The writer boots the same release, and needs nothing of the service's environment.
        start.Environment[ReleaseContext.BootVersionVariable] = release.Version;
        start.Environment.Remove(SystemdNotifier.SocketVariable);
        Process writer;
        try { writer = Process.Start(start) ?? throw new InvalidOperationException("no process"); }
        catch (Exception e) when (e is InvalidOperationException or System.ComponentModel.Win32Exception)
        {
            // The log file the shell opened still works; it only does not rotate.
            Console.Error.WriteLine($"[reltool] could not start the log writer ({e.Message}); log/{release.Name}.log will not rotate");
            return;
        }
        Directory.CreateDirectory(release.Root.TmpDir);
        RelTool.Formats.AtomicFile.WriteAllText(release.Root.LogWriterPidFile(release.Name, Environment.ProcessId), writer.Id.ToString(System.Globalization.CultureInfo.InvariantCulture) + "\n");
        var pipe = (PipeStream)writer.StandardInput.BaseStream;
        var fd = (int)pipe.SafePipeHandle.DangerousGetHandle();
        if (Libc.dup2(fd, 1) < 0 || Libc.dup2(fd, 2) < 0)
            Console.Error.WriteLine($"[reltool] could not redirect output to the log writer; log/{release.Name}.log will not rotate");
        // fds 1 and 2 now hold the pipe too; the Process object keeps its own descriptor for the node's lifetime.
        writerProcess = writer;
    }

    private static Process? writerProcess;

    /// <summary>
    /// Waits (a few seconds at most) for the log writer of the node <paramref name="nodePid"/>, which just exited: it
    /// exits once it has written the node's last lines, so `stop`, a failed `start` and a failed overlapped install
    /// return with the log complete and no process of the root left.
    /// </summary>
    public static void WaitForWriter(ReleaseRoot root, string name, int nodePid)
    {
        var pidFile = root.LogWriterPidFile(name, nodePid);
        if (!File.Exists(pidFile)) return;
        if (int.TryParse(File.ReadAllText(pidFile).Trim(), System.Globalization.CultureInfo.InvariantCulture, out var pid))
            ProcessWatch.WaitForExit(pid, TimeSpan.FromSeconds(5));
        try { File.Delete(pidFile); } catch (IOException) { }
    }

    /// <summary>Removes the writer pid files of nodes that are gone (killed ones leave theirs behind).</summary>
    public static void RemoveStale(ReleaseRoot root, string name)
    {
        if (!Directory.Exists(root.TmpDir)) return;
        var prefix = Path.GetFileName(root.LogWriterPidFile(name, 0))[..^"0.pid".Length];
        foreach (var file in Directory.EnumerateFiles(root.TmpDir, prefix + "*.pid"))
        {
            var middle = Path.GetFileName(file)[prefix.Length..^".pid".Length];
            if (int.TryParse(middle, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var nodePid) && !ProcessWatch.IsAlive(nodePid))
            {
                try { File.Delete(file); } catch (IOException) { }
            }
        }
    }
}
