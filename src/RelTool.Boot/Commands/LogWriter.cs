using System.Runtime.InteropServices;
using Microsoft.Win32.SafeHandles;
using RelTool.Boot.Native;
using RelTool.Formats.Layout;
using RelTool.Formats.Manifests;

namespace RelTool.Boot.Commands;

/// <summary>
/// The internal `log-writer FILE` command: what a started node's stdout and stderr go through (a pipe; see
/// <see cref="Hosting.DetachedLog"/>). Appends to FILE and rotates it by size as <see cref="LogRotation"/> says, only
/// between lines, so every line lands whole in one file. It runs until the node's end of the pipe closes — also when
/// the node dies, so its last words (an unhandled exception) still reach the file.
/// </summary>
public static class LogWriter
{
    /// <summary>A line longer than this is written without waiting for its end.</summary>
    private const int MaxPending = 64 * 1024;

    /// <summary>The release's releases/&lt;vsn&gt;/log_rotation, or the defaults.</summary>
    public static LogRotation RotationOf(Layout.ReleaseContext release)
    {
        try { return LogRotation.Read(Path.Combine(release.Root.ReleaseDir(release.Version), ReleaseLayout.LogRotationFileName)); }
        catch (Exception e) when (e is FormatException or Formats.FileProblemException) { throw new LauncherException(ExitCodes.Failure, e.Message); }
    }

    public static int Run(IReadOnlyList<string> args, LogRotation rotation, Stream input)
    {
        if (args.Count != 1) throw new LauncherException(ExitCodes.Usage, $"{LauncherCommands.LogWriter}: expected FILE");
        var path = Path.GetFullPath(args[0]);
        var output = Open(path);
        var pending = new MemoryStream();
        var buffer = new byte[16 * 1024];
        try
        {
            int read;
            while ((read = input.Read(buffer, 0, buffer.Length)) > 0)
            {
                pending.Write(buffer, 0, read);
                var bytes = pending.GetBuffer();
                var complete = Array.LastIndexOf(bytes, (byte)'\n', (int)pending.Length - 1) + 1;
                if (complete == 0 && pending.Length < MaxPending) continue;
                if (complete == 0) complete = (int)pending.Length;
                output = Write(output, path, rotation, bytes.AsSpan(0, complete));
                var rest = bytes.AsSpan(complete, (int)pending.Length - complete).ToArray();
                pending.SetLength(0);
                pending.Write(rest);
            }
            if (pending.Length > 0) output = Write(output, path, rotation, pending.GetBuffer().AsSpan(0, (int)pending.Length));
        }
        finally
        {
            output.Dispose();
        }
        return ExitCodes.Ok;
    }

    /// <summary>
    /// Writes <paramref name="data"/> (whole lines, but for a final or overlong piece), rotating between lines so that
    /// no file passes the limit; a single line longer than the limit gets a file of its own.
    /// </summary>
    private static FileStream Write(FileStream output, string path, LogRotation rotation, ReadOnlySpan<byte> data)
    {
        while (data.Length > 0)
        {
            var room = rotation.MaxBytes - output.Length;
            var take = data.Length <= room ? data.Length
                : room > 0 ? data[..(int)room].LastIndexOf((byte)'\n') + 1
                : 0;
            if (take == 0)
            {
                if (output.Length > 0)
                {
                    output.Dispose();
                    Rotate(path, rotation.Files);
                    output = Open(path);
                    continue;
                }
                take = data.IndexOf((byte)'\n') + 1 is > 0 and var line ? line : data.Length;
            }
            output.Write(data[..take]);
            data = data[take..];
        }
        output.Flush();
        return output;
    }

    /// <summary>FILE.(N-1) goes, FILE.i becomes FILE.(i+1), FILE becomes FILE.1: at most N files with the new FILE.</summary>
    public static void Rotate(string path, int files)
    {
        if (files <= 1)
        {
            File.Delete(path);
            return;
        }
        File.Delete($"{path}.{files - 1}");
        for (var i = files - 2; i >= 1; i--)
            if (File.Exists($"{path}.{i}")) File.Move($"{path}.{i}", $"{path}.{i + 1}");
        File.Move(path, $"{path}.1");
    }

    /// <summary>
    /// On Linux with O_APPEND: during an overlapped install the old and the new node's writers append to the same file,
    /// and every write must land at its end, never over the other's lines (FileMode.Append only seeks to the end once).
    /// </summary>
    private static FileStream Open(string path)
    {
        if (OperatingSystem.IsLinux())
        {
            var fd = Libc.open(path, Libc.O_WRONLY | Libc.O_CREAT | Libc.O_APPEND | Libc.O_CLOEXEC, (int)Layout.NodeLog.FileMode);
            if (fd < 0) throw new IOException($"{path}: {Marshal.GetLastPInvokeErrorMessage()}");
            return new FileStream(new SafeFileHandle(fd, ownsHandle: true), FileAccess.Write, bufferSize: 0);
        }
        return new(path, new FileStreamOptions { Mode = FileMode.Append, Access = FileAccess.Write, Share = FileShare.ReadWrite | FileShare.Delete, BufferSize = 0 });
    }
}
