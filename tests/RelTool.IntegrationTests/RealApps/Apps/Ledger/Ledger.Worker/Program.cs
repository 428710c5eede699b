using Ledger.Worker;

var builder = Host.CreateApplicationBuilder(args);
builder.Services.Configure<LedgerOptions>(builder.Configuration.GetSection("Ledger"));
builder.Services.AddHostedService<Worker>();

var host = builder.Build();
host.Run();
