using System.Diagnostics;
using System.Net.Sockets;

using RelTool.IntegrationTests.StockApps;

namespace RelTool.IntegrationTests.RestartUpgrade;

/// <summary>
/// GET /version on 127.0.0.1:port over and over on a background thread, as a client of a service that restarts: a
/// request whose connection is refused (nobody listens) is retried after a short back-off until it is answered.
/// Everything else counts as failed: a non-2xx answer, a connection broken after it was made, a timeout. Records the
/// windows during which connections were refused (first refusal → next answer) and every answer in order.
/// </summary>
public sealed class HttpClientLoop : IDisposable
{
    private static readonly TimeSpan BackOff = TimeSpan.FromMilliseconds(10);

    private readonly HttpClient client;
    private readonly Thread thread;
    private readonly CancellationTokenSource stop = new();
    private readonly AnswerLog log = new();
    private readonly List<TimeSpan> refusedWindows = [];
    private long refusals;

    public HttpClientLoop(int port)
    {
        client = new HttpClient(new SocketsHttpHandler { ConnectTimeout = TimeSpan.FromSeconds(2) })
        {
            BaseAddress = new Uri($"http://127.0.0.1:{port}"),
            Timeout = TimeSpan.FromSeconds(10),
        };
        thread = new Thread(Loop) { IsBackground = true, Name = "http client loop" };
        thread.Start();
    }

    public long Answered => log.Answered;
    public long Refusals => Interlocked.Read(ref refusals);
    public IReadOnlyList<string> Failures => log.Failures;
    public IReadOnlyList<TimeSpan> RefusedWindows { get { lock (refusedWindows) return [.. refusedWindows]; } }

    /// <summary>The longest time between two answers so far (refused or not): how long the service looked down to this client.</summary>
    public TimeSpan LongestGap => log.LongestGap;

    public void ResetLongestGap() => log.ResetLongestGap();

    /// <inheritdoc cref="AnswerLog.AnswerSequence"/>
    public IReadOnlyList<string> AnswerSequence => log.AnswerSequence;

    public void WaitForMore(long count, TimeSpan timeout)
    {
        var target = Answered + count;
        var deadline = DateTime.UtcNow + timeout;
        while (Answered < target && DateTime.UtcNow < deadline && thread.IsAlive) Thread.Sleep(20);
        Assert.True(Answered >= target, $"the client loop answered {Answered} of {target}; failures: {string.Join("; ", Failures)}");
    }

    private void Loop()
    {
        Stopwatch? refusedSince = null;
        while (!stop.IsCancellationRequested)
        {
            try
            {
                using var response = client.Send(new HttpRequestMessage(HttpMethod.Get, "/version"), stop.Token);
                var body = response.Content.ReadAsStringAsync(stop.Token).GetAwaiter().GetResult();
                if (refusedSince is not null) lock (refusedWindows) refusedWindows.Add(refusedSince.Elapsed);
                refusedSince = null;
                if (!response.IsSuccessStatusCode) log.Fail($"HTTP {(int)response.StatusCode}: {body}");
                else log.Record(body);
            }
            catch (Exception e) when (IsRefused(e))
            {
                refusedSince ??= Stopwatch.StartNew();
                Interlocked.Increment(ref refusals);
                stop.Token.WaitHandle.WaitOne(BackOff);
            }
            catch (OperationCanceledException) when (stop.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e) when (e is HttpRequestException or IOException or TaskCanceledException)
            {
                log.Fail(AnswerLog.Describe(e));
            }
        }
    }

    /// <summary>The connection could not be made because nobody listens (or the listener went away while connecting).</summary>
    private static bool IsRefused(Exception e) =>
        e is HttpRequestException { HttpRequestError: HttpRequestError.ConnectionError } http
        && Chain(http).OfType<SocketException>().Any(s => s.SocketErrorCode is SocketError.ConnectionRefused or SocketError.ConnectionReset);

    private static IEnumerable<Exception> Chain(Exception e)
    {
        for (Exception? x = e; x is not null; x = x.InnerException) yield return x;
    }

    public void Dispose()
    {
        stop.Cancel();
        thread.Join(TimeSpan.FromSeconds(15));
        client.Dispose();
    }
}
