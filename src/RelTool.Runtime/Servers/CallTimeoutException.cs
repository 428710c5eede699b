namespace RelTool.Runtime;

/// <summary>A call got no reply in time (OTP's <c>{timeout, {gen_server, call, ...}}</c>).</summary>
public sealed class CallTimeoutException(string server, TimeSpan timeout)
    : TimeoutException($"call to {server} got no reply within {timeout.TotalMilliseconds:0} ms")
{
    public string Server { get; } = server;
}
