using System.Reflection;
using System.Runtime.InteropServices;
using MyService;
using RelTool.Runtime;

// In a release the launcher starts MyServiceApplication on its own node and Main is not called; `dotnet run` gets here.
var version = typeof(Counter).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0] ?? "0.0.0";
var node = new Node("myservice", version);
using var stop = new ManualResetEventSlim();
void OnSignal(PosixSignalContext context)
{
    context.Cancel = true;
    stop.Set();
}
using var term = PosixSignalRegistration.Create(PosixSignal.SIGTERM, OnSignal);
using var interrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, OnSignal);
node.StartApplication("MyService", new MyServiceApplication(), args);
stop.Wait();
await node.StopAsync(TimeSpan.FromSeconds(5));
return 0;
