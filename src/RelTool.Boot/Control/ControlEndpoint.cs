using System.Text;
using RelTool.Boot.Layout;
using RelTool.Boot.Native;
using RelTool.Formats;

namespace RelTool.Boot.Control;

/// <summary>
/// Where a node's control socket lives: tmp/control.sock under the root, or, when that path does not fit in
/// sun_path (108 bytes with its NUL), a fresh 0700 directory /tmp/reltool-&lt;uid&gt;-XXXXXX/. Either way the node
/// writes the socket's path to tmp/control.path, which clients read.
/// </summary>
public static class ControlEndpoint
{
    public const UnixFileMode PrivateDirMode = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;
    public const UnixFileMode SocketMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    public static bool Fits(string socketPath) => Encoding.UTF8.GetByteCount(socketPath) <= UnixStream.MaxPathBytes;

    public static void EnsurePrivateDir(string dir)
    {
        Directory.CreateDirectory(dir, PrivateDirMode);
        File.SetUnixFileMode(dir, PrivateDirMode);
    }

    /// <summary>Node side: picks the socket path and makes its directory (0700).</summary>
    public static string Choose(ReleaseRoot root) => Choose(root, root.DefaultSocketPath, ReleaseLayout.ControlSocketFileName);

    /// <summary>The running node's side: a path for the successor it starts, free of any stale socket.</summary>
    public static string ChooseSuccessor(ReleaseRoot root)
    {
        var path = Choose(root, root.SuccessorSocketPath, ReleaseLayout.SuccessorSocketFileName);
        TryDelete(path);
        return path;
    }

    private static string Choose(ReleaseRoot root, string preferred, string fileName)
    {
        EnsurePrivateDir(root.TmpDir);
        if (Fits(preferred)) return preferred;
        var dir = Directory.CreateTempSubdirectory($"reltool-{Libc.geteuid()}-").FullName;
        File.SetUnixFileMode(dir, PrivateDirMode);
        var path = Path.Combine(dir, fileName);
        if (!Fits(path))
            throw new LauncherException(ExitCodes.Failure, $"no control socket path fits in {UnixStream.MaxPathBytes} bytes (tried {preferred} and {path}); set TMPDIR to a short directory");
        return path;
    }

    public static void Record(ReleaseRoot root, string socketPath) => AtomicFile.WriteAllText(root.ControlRecordPath, socketPath + "\n");

    /// <summary>Client side: the recorded socket path, or the default one; null when neither exists.</summary>
    public static string? Locate(ReleaseRoot root)
    {
        if (File.Exists(root.ControlRecordPath))
        {
            string recorded;
            try { recorded = File.ReadAllText(root.ControlRecordPath).Trim(); }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException) { recorded = ""; }
            if (recorded.Length > 0) return recorded;
        }
        return File.Exists(root.DefaultSocketPath) ? root.DefaultSocketPath : null;
    }

    /// <summary>Node side, on exit: removes the socket, its record (when it still names this socket) and a fallback directory.</summary>
    public static void Remove(ReleaseRoot root, string socketPath)
    {
        TryDelete(socketPath);
        try
        {
            if (File.Exists(root.ControlRecordPath) && File.ReadAllText(root.ControlRecordPath).Trim() == socketPath)
                File.Delete(root.ControlRecordPath);
        }
        catch (IOException) { }
        var dir = Path.GetDirectoryName(socketPath)!;
        if (dir != root.TmpDir)
        {
            try { Directory.Delete(dir); } catch (IOException) { }
        }
    }

    private static void TryDelete(string path)
    {
        try { File.Delete(path); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }
}
