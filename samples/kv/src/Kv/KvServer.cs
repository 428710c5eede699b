using System.Threading.Channels;

namespace Kv;

/// <summary>
/// The key-value state and the protocol's handling, in one place. Requests go through a mailbox and are handled
/// one at a time by a single loop, so the dictionary needs no lock (this class is what a hot upgrade will migrate).
/// </summary>
public sealed class KvServer
{
    private readonly Dictionary<string, string> store = new(StringComparer.Ordinal);
    private readonly Channel<(string Line, TaskCompletionSource<string> Reply)> mailbox =
        Channel.CreateUnbounded<(string, TaskCompletionSource<string>)>(new UnboundedChannelOptions { SingleReader = true });

    /// <summary>Handles requests until <paramref name="stop"/> is cancelled.</summary>
    public async Task RunAsync(CancellationToken stop)
    {
        try
        {
            await foreach (var (line, reply) in mailbox.Reader.ReadAllAsync(stop))
                reply.TrySetResult(Handle(line));
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
        }
        mailbox.Writer.TryComplete();
        while (mailbox.Reader.TryRead(out var pending)) pending.Reply.TrySetCanceled();
    }

    /// <summary>Queues one protocol line; completes with the response line.</summary>
    public Task<string> CallAsync(string line)
    {
        var reply = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        if (!mailbox.Writer.TryWrite((line, reply))) reply.TrySetCanceled();
        return reply.Task;
    }

    private string Handle(string line)
    {
        var parts = line.Split(' ', 3, StringSplitOptions.RemoveEmptyEntries);
        switch (parts)
        {
            case ["PUT", var key, var value]:
                store[key] = value;
                return "OK";
            case ["GET", var key]:
                return store.TryGetValue(key, out var found) ? found : "NIL";
            default:
                return "ERROR expected PUT key value | GET key";
        }
    }
}
