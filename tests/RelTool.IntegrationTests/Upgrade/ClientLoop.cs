using System.Net.Sockets;

namespace RelTool.IntegrationTests.Upgrade;

/// <summary>
/// Issues requests continuously on a background thread and records every wrong or missing answer. With
/// <c>reconnect</c>, a refused or broken connection is retried (same request) until it is answered, as a client of a
/// service that restarts would do.
/// </summary>
public sealed class ClientLoop : IDisposable
{
    private readonly int port;
    private readonly bool reconnect;
    private readonly Func<long, (string Request, Func<string, bool> Expected)> next;
    private readonly CancellationTokenSource stop = new();
    private readonly Thread thread;
    private readonly List<string> failures = [];
    private long answered;

    public ClientLoop(int port, bool reconnect, Func<long, (string Request, Func<string, bool> Expected)> next)
    {
        this.port = port;
        this.reconnect = reconnect;
        this.next = next;
        thread = new Thread(Loop) { IsBackground = true, Name = "client loop" };
        thread.Start();
    }

    public long Answered => Interlocked.Read(ref answered);
    public int Reconnects { get; private set; }
    public IReadOnlyList<string> Failures { get { lock (failures) return failures.ToList(); } }
    public HashSet<string> Replies { get; } = [];

    public void WaitForMore(long count, TimeSpan timeout)
    {
        var target = Answered + count;
        var deadline = DateTime.UtcNow + timeout;
        while (Answered < target && DateTime.UtcNow < deadline && thread.IsAlive) Thread.Sleep(20);
        Assert.True(Answered >= target, $"the client loop answered {Answered} of {target}; failures: {string.Join("; ", Failures)}");
    }

    private void Loop()
    {
        LineClient? client = null;
        try
        {
            for (long i = 0; !stop.IsCancellationRequested; i++)
            {
                var (request, expected) = next(i);
                while (true)
                {
                    try
                    {
                        client ??= new LineClient(port);
                        var reply = client.Call(request);
                        if (!expected(reply)) lock (failures) failures.Add($"{request} → {reply}");
                        lock (Replies) Replies.Add(reply.Split(' ')[0]);
                        Interlocked.Increment(ref answered);
                        break;
                    }
                    catch (Exception e) when (e is IOException or SocketException)
                    {
                        client?.Dispose();
                        client = null;
                        if (!reconnect)
                        {
                            lock (failures) failures.Add($"{request} → {e.Message}");
                            return;
                        }
                        Reconnects++;
                        if (stop.IsCancellationRequested) return;
                        Thread.Sleep(20);
                    }
                }
            }
        }
        finally
        {
            client?.Dispose();
        }
    }

    public void Dispose()
    {
        stop.Cancel();
        thread.Join(TimeSpan.FromSeconds(10));
    }
}
