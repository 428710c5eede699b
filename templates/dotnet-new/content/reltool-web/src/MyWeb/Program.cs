using System.Reflection;

var builder = WebApplication.CreateBuilder(args);
// One port from the environment, the one rel/config.yaml's health_url names; ASPNETCORE_URLS still wins when set.
if (string.IsNullOrEmpty(builder.Configuration["urls"]))
    builder.WebHost.UseUrls($"http://127.0.0.1:{Environment.GetEnvironmentVariable("PORT") ?? "8080"}");

var app = builder.Build();
var version = typeof(Program).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0] ?? "0.0.0";

app.MapGet("/", () => $"MyWeb {version}");
app.MapGet("/version", () => version);
// What `bin/myweb upgrade` waits for before it calls a restart into a new release good (health_url in rel/config.yaml).
app.MapGet("/healthz", () => Results.Ok("ok"));

app.Run();
