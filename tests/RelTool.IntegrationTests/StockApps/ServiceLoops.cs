using System.Diagnostics;
using System.Net.Sockets;

namespace RelTool.IntegrationTests.StockApps;

/// <summary>
/// GET /version (or another path) on 127.0.0.1:port over and over on a background thread, as a strict client: nothing is retried by the
/// loop, so a refused connection, a reset, a timeout (10 s, the bound of each request) or a non-2xx answer is a failed
/// request. <see cref="NewConnectionEach"/> opens a connection per request (`Connection: close`); otherwise one
/// keep-alive connection is reused (HttpClient re-sends a request only when a reused connection was closed before it
/// got any answer, as every HTTP/1.1 client may).
/// </summary>
public sealed class RequestLoop : IDisposable
{
    private readonly HttpClient client;
    private readonly Thread thread;
    private readonly bool newConnectionEach;
    private readonly string path;
    private readonly CancellationTokenSource stop = new();
    private readonly AnswerLog log = new();
    private readonly TimeSpan pause;

    /// <param name="pause">Between an answer and the next request: a paced client leaves the machine headroom, so that
    /// its gaps show the install rather than a saturated scheduler (the default, none, sends back to back).</param>
    public RequestLoop(int port, bool newConnectionEach, string path = "/version", TimeSpan pause = default)
    {
        this.newConnectionEach = newConnectionEach;
        this.path = path;
        this.pause = pause;
        client = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = 1, ConnectTimeout = TimeSpan.FromSeconds(5) })
        {
            BaseAddress = new Uri($"http://127.0.0.1:{port}"),
            Timeout = TimeSpan.FromSeconds(10),
        };
        thread = new Thread(Loop) { IsBackground = true, Name = newConnectionEach ? "new-connection loop" : "keep-alive loop" };
        thread.Start();
    }

    public static RequestLoop NewConnectionEach(int port, string path = "/version", TimeSpan pause = default) => new(port, newConnectionEach: true, path, pause);

    public static RequestLoop KeepAlive(int port, string path = "/version", TimeSpan pause = default) => new(port, newConnectionEach: false, path, pause);

    public string Kind => newConnectionEach ? "new connection per request" : "keep-alive";

    public long Answered => log.Answered;

    public IReadOnlyList<string> Failures => log.Failures;

    /// <inheritdoc cref="AnswerLog.AnswerSequence"/>
    public IReadOnlyList<string> AnswerSequence => log.AnswerSequence;

    /// <inheritdoc cref="AnswerLog.LongestGap"/>
    public TimeSpan LongestGap => log.LongestGap;

    /// <inheritdoc cref="AnswerLog.LongestGapEnded"/>
    public DateTime LongestGapEnded => log.LongestGapEnded;

    public void ResetLongestGap() => log.ResetLongestGap();

    /// <summary>Waits until <paramref name="count"/> more requests were answered; false (and why, in <see cref="ToString"/>) after <paramref name="timeout"/>.</summary>
    public bool WaitForMore(long count, TimeSpan timeout)
    {
        var target = Answered + count;
        var deadline = DateTime.UtcNow + timeout;
        while (Answered < target && DateTime.UtcNow < deadline && thread.IsAlive) Thread.Sleep(20);
        return Answered >= target;
    }

    private void Loop()
    {
        while (!stop.IsCancellationRequested)
        {
            try
            {
                using var request = new HttpRequestMessage(HttpMethod.Get, path);
                if (newConnectionEach) request.Headers.ConnectionClose = true;
                using var response = client.Send(request, stop.Token);
                var body = response.Content.ReadAsStringAsync(stop.Token).GetAwaiter().GetResult();
                if (!response.IsSuccessStatusCode) log.Fail($"HTTP {(int)response.StatusCode}: {body}");
                else log.Record(body);
                if (pause > TimeSpan.Zero) stop.Token.WaitHandle.WaitOne(pause);
            }
            catch (Exception e) when (e is OperationCanceledException or ObjectDisposedException && stop.IsCancellationRequested)
            {
                // Stopping: a request cut short by the cancellation ends with either.
                return;
            }
            // SocketException: HttpClient lets ENOTCONN escape unwrapped when a connection is reset right after its
            // connect (it asks the socket for its remote end first); it is a failed request like the others.
            catch (Exception e) when (e is HttpRequestException or IOException or TaskCanceledException or System.Net.Sockets.SocketException)
            {
                log.Fail(AnswerLog.Describe(e));
                stop.Token.WaitHandle.WaitOne(TimeSpan.FromMilliseconds(5));
            }
        }
    }

    public override string ToString() =>
        $"{Kind}: {Answered} answered, {Failures.Count} failed, answers {string.Join(" → ", AnswerSequence)}"
        + string.Concat(Failures.Take(10).Select(f => "\n  " + f));

    public void Dispose()
    {
        stop.Cancel();
        thread.Join(TimeSpan.FromSeconds(15));
        client.Dispose();
    }
}

/// <summary>Opens (and closes) a TCP connection to 127.0.0.1:port every millisecond; counts the refused ones.</summary>
public sealed class ConnectLoop : IDisposable
{
    private readonly int port;
    private readonly Thread thread;
    private readonly CancellationTokenSource stop = new();
    private readonly List<string> refusals = [];
    private long connected;

    public ConnectLoop(int port)
    {
        this.port = port;
        thread = new Thread(Loop) { IsBackground = true, Name = "connect loop" };
        thread.Start();
    }

    public long Connected => Interlocked.Read(ref connected);

    public IReadOnlyList<string> Refusals { get { lock (refusals) return [.. refusals]; } }

    private void Loop()
    {
        while (!stop.IsCancellationRequested)
        {
            try
            {
                using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
                socket.Connect("127.0.0.1", port);
                Interlocked.Increment(ref connected);
            }
            catch (SocketException e)
            {
                lock (refusals) refusals.Add($"{DateTime.UtcNow:HH:mm:ss.fff} {e.SocketErrorCode}");
            }
            stop.Token.WaitHandle.WaitOne(TimeSpan.FromMilliseconds(1));
        }
    }

    public override string ToString() => $"connect loop: {Connected} connected, {Refusals.Count} refused";

    public void Dispose()
    {
        stop.Cancel();
        thread.Join(TimeSpan.FromSeconds(15));
    }
}
