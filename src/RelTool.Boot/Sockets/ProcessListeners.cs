using System.Globalization;
using System.Net;

namespace RelTool.Boot.Sockets;

/// <summary>
/// The TCP sockets this process listens on, from Linux's /proc (its fds' socket inodes matched with the LISTEN rows
/// of /proc/self/net/tcp and tcp6): what the app opened besides what the node owns shows up here.
/// </summary>
public static class ProcessListeners
{
    private const string ListenState = "0A";

    public static IReadOnlyList<(long Inode, string Address)> Tcp()
    {
        var mine = new HashSet<long>();
        try
        {
            foreach (var fd in Directory.EnumerateFiles("/proc/self/fd"))
                if (Inode(fd) is { } inode) mine.Add(inode);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException) { return []; }
        var listeners = new List<(long, string)>();
        foreach (var table in new[] { "/proc/self/net/tcp", "/proc/self/net/tcp6" })
        {
            if (!File.Exists(table)) continue;
            foreach (var line in File.ReadLines(table).Skip(1))
            {
                var fields = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
                if (fields.Length < 10 || fields[3] != ListenState || !long.TryParse(fields[9], out var inode) || !mine.Contains(inode)) continue;
                listeners.Add((inode, Address(fields[1])));
            }
        }
        return listeners;
    }

    /// <summary>The socket inode behind a file descriptor of this process; -1 when it is not a socket.</summary>
    public static long InodeOf(int fd) => Inode($"/proc/self/fd/{fd}") ?? -1;

    private static long? Inode(string fdPath)
    {
        try
        {
            // "socket:[12345]"
            var target = new FileInfo(fdPath).LinkTarget;
            return target is not null && target.StartsWith("socket:[", StringComparison.Ordinal)
                   && long.TryParse(target.AsSpan(8, target.Length - 9), out var inode) ? inode : null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException) { return null; }
    }

    /// <summary>"0100007F:1388" → 127.0.0.1:5000: the address is in 32-bit words of host (little-endian) order, the port big-endian.</summary>
    private static string Address(string field)
    {
        var colon = field.IndexOf(':');
        var hex = field[..colon];
        var bytes = new byte[hex.Length / 2];
        for (var word = 0; word < bytes.Length / 4; word++)
            for (var b = 0; b < 4; b++)
                bytes[word * 4 + b] = byte.Parse(hex.AsSpan((word * 4 + 3 - b) * 2, 2), NumberStyles.HexNumber, CultureInfo.InvariantCulture);
        var port = int.Parse(field.AsSpan(colon + 1), NumberStyles.HexNumber, CultureInfo.InvariantCulture);
        return new IPEndPoint(new IPAddress(bytes), port).ToString();
    }
}
