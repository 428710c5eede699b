using System.Runtime.InteropServices;

namespace RelTool.Formats.Archive;

/// <summary>What .NET does not expose about a path: its file type (fifos, sockets and devices look like files, and
/// opening a fifo blocks) and the identity git's index also trusts (device, inode, size, mtime, ctime) to tell that a
/// file is unchanged without reading it. Linux only, through statx, whose buffer layout is the same on every
/// architecture; elsewhere <see cref="Of"/> returns null.</summary>
internal sealed record UnixStat(bool IsRegularFile, string Identity, long ChangedUnixNanoseconds)
{
    private const int AtFdCwd = -100;
    private const int AtSymlinkNoFollow = 0x100;
    private const uint StatxBasicStats = 0x7FF;
    private const int TypeMask = 0xF000;
    private const int RegularFile = 0x8000;
    private static bool unavailable = !OperatingSystem.IsLinux();

    public static UnixStat? Of(string path)
    {
        if (unavailable) return null;
        var buffer = new byte[256];
        try
        {
            if (Statx(AtFdCwd, path, AtSymlinkNoFollow, StatxBasicStats, buffer) != 0) return null;
        }
        catch (Exception e) when (e is EntryPointNotFoundException or DllNotFoundException)
        {
            unavailable = true;
            return null;
        }
        var mode = BitConverter.ToUInt16(buffer, 28);
        var inode = BitConverter.ToUInt64(buffer, 32);
        var size = BitConverter.ToUInt64(buffer, 40);
        var (ctime, ctimeNs) = (BitConverter.ToInt64(buffer, 96), BitConverter.ToUInt32(buffer, 104));
        var (mtime, mtimeNs) = (BitConverter.ToInt64(buffer, 112), BitConverter.ToUInt32(buffer, 120));
        var (devMajor, devMinor) = (BitConverter.ToUInt32(buffer, 136), BitConverter.ToUInt32(buffer, 140));
        var identity = $"{devMajor}:{devMinor}:{inode}:{size}:{mtime}.{mtimeNs}:{ctime}.{ctimeNs}";
        var changed = Math.Max(ctime * 1_000_000_000 + ctimeNs, mtime * 1_000_000_000 + mtimeNs);
        return new UnixStat((mode & TypeMask) == RegularFile, identity, changed);
    }

    [DllImport("libc", EntryPoint = "statx")]
    private static extern int Statx(int dirfd, [MarshalAs(UnmanagedType.LPUTF8Str)] string path, int flags, uint mask, byte[] buffer);
}
