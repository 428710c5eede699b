// GET /version answers the release's version text, /healthz "ok", /args the app's arguments, /slow?ms=N the same after N ms, /where the current
// directory and the content root.
var port = Environment.GetEnvironmentVariable("PORT") ?? throw new InvalidOperationException("set PORT to the port to listen on");
// A release that moved to another address (RESTART_WEB_FAILURE=elsewhere): it cannot take over the old one's sockets.
if (Failure.Mode == "elsewhere") port = Environment.GetEnvironmentVariable("RESTART_WEB_ELSEWHERE_PORT") ?? throw new InvalidOperationException("set RESTART_WEB_ELSEWHERE_PORT");
if (Failure.Mode == "crash") throw new InvalidOperationException($"RestartWeb {VersionText.Value} refuses to start (RESTART_WEB_FAILURE=crash)");
if (Failure.Mode == "hang") Thread.Sleep(Timeout.Infinite);

var builder = WebApplication.CreateBuilder(args);
builder.WebHost.UseUrls($"http://127.0.0.1:{port}");
builder.Logging.SetMinimumLevel(LogLevel.Warning);
var app = builder.Build();
// A listener the app opens itself, not through Kestrel: the node cannot hand it over (RESTART_WEB_OWN_LISTENER=1).
var ownListener = Environment.GetEnvironmentVariable("RESTART_WEB_OWN_LISTENER") == "1" ? new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0) : null;
ownListener?.Start();
app.Lifetime.ApplicationStopped.Register(() => ownListener?.Stop());
app.MapGet("/version", () => VersionText.Value);
// unhealthy-public: healthy on the private listener a new node is checked on before it takes over, 503 on the port.
app.MapGet("/healthz", (HttpContext context) => Failure.Mode == "unhealthy" || (Failure.Mode == "unhealthy-public" && context.Connection.LocalPort == int.Parse(port))
    ? Results.StatusCode(503)
    : Results.Text("ok"));
app.MapGet("/args", () => string.Join(' ', args));
app.MapGet("/where", () => $"{Directory.GetCurrentDirectory()} {app.Environment.ContentRootPath}");
app.MapGet("/slow", async (int ms) =>
{
    await Task.Delay(ms);
    return VersionText.Value;
});
app.Lifetime.ApplicationStopping.Register(() => Console.WriteLine($"RestartWeb {VersionText.Value} stopping"));
app.Lifetime.ApplicationStopped.Register(() => Console.WriteLine($"RestartWeb {VersionText.Value} stopped"));
app.Run();
