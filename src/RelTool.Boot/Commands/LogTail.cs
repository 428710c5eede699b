using System.Text;

namespace RelTool.Boot.Commands;

/// <summary>The last lines a node wrote to its log since an offset: what `start` shows when the node fails.</summary>
public static class LogTail
{
    /// <summary>
    /// As <see cref="Read"/>, once the log has stopped growing (a quarter second without a new byte, at most 3 s): a node
    /// that died while starting has its last words written by its log writer, a process of its own, just after it.
    /// </summary>
    public static string ReadSettled(string path, long fromOffset, int maxLines = 30)
    {
        var deadline = DateTime.UtcNow.AddSeconds(3);
        var length = File.Exists(path) ? new FileInfo(path).Length : 0;
        while (DateTime.UtcNow < deadline)
        {
            Thread.Sleep(250);
            var now = File.Exists(path) ? new FileInfo(path).Length : 0;
            if (now == length) break;
            length = now;
        }
        return Read(path, fromOffset, maxLines);
    }

    public static string Read(string path, long fromOffset, int maxLines = 30)
    {
        if (!File.Exists(path)) return "";
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        stream.Seek(Math.Min(fromOffset, stream.Length), SeekOrigin.Begin);
        using var reader = new StreamReader(stream, Encoding.UTF8);
        var lines = reader.ReadToEnd().Split('\n', StringSplitOptions.None).Where(l => l.Length > 0).TakeLast(maxLines);
        return string.Join('\n', lines);
    }
}
