using System.Text;

namespace RelTool.Boot.Commands;

/// <summary>The last lines a node wrote to its log since an offset: what `start` shows when the node fails.</summary>
public static class LogTail
{
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
