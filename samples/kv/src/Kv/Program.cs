using System.Net;
using System.Reflection;
using System.Runtime.InteropServices;
using Kv;

var port = int.TryParse(Environment.GetEnvironmentVariable("KV_PORT"), out var p) ? p : 4040;
var version = typeof(KvServer).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0];

using var stop = new CancellationTokenSource();
void OnSignal(PosixSignalContext context)
{
    context.Cancel = true;
    Console.WriteLine($"kv received {context.Signal}, shutting down");
    stop.Cancel();
}
using var term = PosixSignalRegistration.Create(PosixSignal.SIGTERM, OnSignal);
using var interrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, OnSignal);

Console.WriteLine($"kv {version} starting (pid {Environment.ProcessId})");
var server = new KvServer();
var serving = server.RunAsync(stop.Token);
await new TcpFrontend(server, new IPEndPoint(IPAddress.Loopback, port)).RunAsync(stop.Token);
await serving;
Console.WriteLine("kv stopped");
return 0;
