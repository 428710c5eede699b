using System.Runtime.InteropServices;
using Microsoft.Win32.SafeHandles;

namespace RelTool.Formats.Archive;

/// <summary>Two Linux calls .NET does not expose: copy_file_range (the kernel copies between files, or shares the
/// blocks where the file system can) and renameat2's RENAME_EXCHANGE (swaps two names atomically, so replacing a
/// file does not make the file system flush the new one first, as ext4 does for a rename over an existing file).
/// Both report failure instead of throwing; callers then do it the portable way.</summary>
internal static class LinuxFiles
{
    private const int AtFdCwd = -100;
    private const uint RenameExchange = 2;
    private static bool copyUnavailable = !OperatingSystem.IsLinux();
    private static bool exchangeUnavailable = !OperatingSystem.IsLinux();

    /// <summary>Copies up to <paramref name="length"/> bytes between the offsets; returns how many it copied (0 when
    /// the call is not available for these files: the caller copies the rest itself).</summary>
    public static long CopyRange(SafeFileHandle input, long inputOffset, SafeFileHandle output, long outputOffset, long length)
    {
        if (copyUnavailable || length == 0) return 0;
        var inAdded = false;
        var outAdded = false;
        try
        {
            input.DangerousAddRef(ref inAdded);
            output.DangerousAddRef(ref outAdded);
            var (inFd, outFd) = ((int)input.DangerousGetHandle(), (int)output.DangerousGetHandle());
            long copied = 0;
            while (copied < length)
            {
                var n = CopyFileRange(inFd, ref inputOffset, outFd, ref outputOffset, (nuint)Math.Min(length - copied, 1L << 30), 0);
                if (n <= 0) break;
                copied += n;
            }
            return copied;
        }
        catch (Exception e) when (e is EntryPointNotFoundException or DllNotFoundException)
        {
            copyUnavailable = true;
            return 0;
        }
        finally
        {
            if (inAdded) input.DangerousRelease();
            if (outAdded) output.DangerousRelease();
        }
    }

    /// <summary>Swaps the two paths (both must exist); false when that cannot be done here.</summary>
    public static bool TryExchange(string a, string b)
    {
        if (exchangeUnavailable) return false;
        try
        {
            return RenameAt2(AtFdCwd, a, AtFdCwd, b, RenameExchange) == 0;
        }
        catch (Exception e) when (e is EntryPointNotFoundException or DllNotFoundException)
        {
            exchangeUnavailable = true;
            return false;
        }
    }

    [DllImport("libc", EntryPoint = "copy_file_range")]
    private static extern nint CopyFileRange(int inFd, ref long inOffset, int outFd, ref long outOffset, nuint length, uint flags);

    [DllImport("libc", EntryPoint = "renameat2")]
    private static extern int RenameAt2(int oldDirFd, [MarshalAs(UnmanagedType.LPUTF8Str)] string oldPath, int newDirFd,
        [MarshalAs(UnmanagedType.LPUTF8Str)] string newPath, uint flags);
}
