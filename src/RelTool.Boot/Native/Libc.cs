using System.Runtime.InteropServices;

namespace RelTool.Boot.Native;

/// <summary>The few POSIX calls the BCL does not offer.</summary>
internal static partial class Libc
{
    public const int SIGTERM = 15;

    [LibraryImport("libc", SetLastError = true)]
    public static partial int setsid();

    [LibraryImport("libc", SetLastError = true)]
    public static partial int kill(int pid, int signal);

    [LibraryImport("libc")]
    public static partial uint geteuid();

    [LibraryImport("libc", SetLastError = true)]
    public static partial int dup2(int oldFd, int newFd);
}
