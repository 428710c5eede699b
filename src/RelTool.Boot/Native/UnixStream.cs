using System.Runtime.InteropServices;
using System.Text;

namespace RelTool.Boot.Native;

/// <summary>
/// One request and its whole reply over a Unix stream socket, with libc's own calls (Linux). A command's process that
/// opens its first System.Net.Sockets socket pays ~15–20 ms of CPU for it (the library's load, its telemetry, its
/// socket engine and that engine's thread, and the JIT work of all three): time a command run beside a busy node on a
/// small host takes from the node.
/// </summary>
internal static class UnixStream
{
    public enum Outcome { Replied, NoPeer, TimedOut, Broken }

    /// <summary>The longest socket path sockaddr_un holds: sun_path is 108 bytes with the NUL.</summary>
    public const int MaxPathBytes = 107;

    /// <summary>Connects to <paramref name="path"/> (at most <see cref="MaxPathBytes"/> bytes), sends
    /// <paramref name="request"/>, closes the sending side and reads until the peer closes, all before
    /// <paramref name="deadline"/> (<see cref="Environment.TickCount64"/>). <see cref="Outcome.NoPeer"/>: nobody accepts
    /// there; <paramref name="problem"/> names the call that failed and why, for <see cref="Outcome.Broken"/>.</summary>
    public static unsafe Outcome Exchange(string path, ReadOnlySpan<byte> request, long deadline, MemoryStream reply, out string? problem)
    {
        problem = null;
        var fd = Libc.socket(Libc.AF_UNIX, Libc.SOCK_STREAM | Libc.SOCK_CLOEXEC, 0);
        if (fd < 0)
        {
            problem = ErrorText("socket");
            return Outcome.Broken;
        }
        try
        {
            // The send timeout bounds a connect that waits (the node's backlog full) and the send.
            var left = Math.Max(1, deadline - Environment.TickCount64);
            // struct timeval: two C longs (seconds, microseconds), 4 bytes each on 32-bit Linux.
            var timeval = stackalloc nint[] { (nint)(left / 1000), (nint)(left % 1000 * 1000) };
            if (Libc.setsockopt(fd, Libc.SOL_SOCKET, Libc.SO_SNDTIMEO, timeval, (uint)(sizeof(nint) * 2)) != 0)
            {
                problem = ErrorText("setsockopt");
                return Outcome.Broken;
            }
            // struct sockaddr_un: sa_family_t, then the path and its NUL in 108 bytes.
            Span<byte> address = stackalloc byte[2 + MaxPathBytes + 1];
            address.Clear();
            address[0] = Libc.AF_UNIX;
            var pathBytes = Encoding.UTF8.GetBytes(path, address[2..^1]);
            fixed (byte* a = address)
                while (Libc.connect(fd, a, (uint)(2 + pathBytes + 1)) != 0)
                    if (Marshal.GetLastPInvokeError() != Libc.EINTR) return Outcome.NoPeer;
            fixed (byte* r = request)
                for (var sent = 0; sent < request.Length;)
                {
                    var n = Libc.send(fd, r + sent, (nuint)(request.Length - sent), Libc.MSG_NOSIGNAL);
                    if (n >= 0)
                    {
                        sent += (int)n;
                        continue;
                    }
                    var errno = Marshal.GetLastPInvokeError();
                    if (errno == Libc.EAGAIN) return Outcome.TimedOut;
                    if (errno == Libc.EINTR) continue;
                    problem = ErrorText("send", errno);
                    return Outcome.Broken;
                }
            Libc.shutdown(fd, Libc.SHUT_WR);
            Span<byte> chunk = stackalloc byte[4096];
            fixed (byte* c = chunk)
                while (true)
                {
                    var wait = new Libc.PollFd { Fd = fd, Events = Libc.POLLIN };
                    var ready = Libc.poll(&wait, 1, (int)Math.Clamp(deadline - Environment.TickCount64, 0, int.MaxValue));
                    if (ready == 0) return Outcome.TimedOut;
                    if (ready < 0)
                    {
                        if (Marshal.GetLastPInvokeError() == Libc.EINTR) continue;
                        problem = ErrorText("poll");
                        return Outcome.Broken;
                    }
                    var n = Libc.recv(fd, c, (nuint)chunk.Length, 0);
                    if (n == 0) return Outcome.Replied;
                    if (n > 0)
                    {
                        reply.Write(chunk[..(int)n]);
                        continue;
                    }
                    if (Marshal.GetLastPInvokeError() == Libc.EINTR) continue;
                    problem = ErrorText("recv");
                    return Outcome.Broken;
                }
        }
        finally
        {
            Libc.close(fd);
        }
    }

    private static string ErrorText(string call) => ErrorText(call, Marshal.GetLastPInvokeError());

    private static string ErrorText(string call, int errno) => $"{call}: {Marshal.GetPInvokeErrorMessage(errno)}";
}
