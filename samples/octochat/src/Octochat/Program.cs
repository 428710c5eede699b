using System.Reflection;
using System.Runtime.InteropServices;
using Octochat;
using RelTool.Runtime;

// In a release the launcher starts OctochatApplication on its own node (Main is not called); `dotnet run` starts it here.
var version = typeof(EchoHandler).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0] ?? "0.0.0";
var node = new Node("octochat", version);
using var stop = new ManualResetEventSlim();
void OnSignal(PosixSignalContext context)
{
    context.Cancel = true;
    stop.Set();
}
using var term = PosixSignalRegistration.Create(PosixSignal.SIGTERM, OnSignal);
using var interrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, OnSignal);
node.StartApplication("Octochat", new OctochatApplication(), args);
stop.Wait();
await node.StopAsync(TimeSpan.FromSeconds(5));
return 0;
