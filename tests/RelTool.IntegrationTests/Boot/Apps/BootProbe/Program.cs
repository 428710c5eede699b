using System.Reflection;
using System.Runtime.InteropServices;
using System.Runtime.Loader;

// Reports what the launcher set up, so the Boot tests can check it from outside the process.
internal static partial class Program
{
    [LibraryImport("probe")]
    private static partial int probe_add(int a, int b);

    private static async Task<int> Main(string[] args)
    {
        switch (args.FirstOrDefault())
        {
            case "info":
                Console.WriteLine($"base={AppContext.BaseDirectory}");
                Console.WriteLine($"entry={Assembly.GetEntryAssembly()?.GetName().Name}");
                Console.WriteLine($"entry_location={Assembly.GetEntryAssembly()?.Location}");
                Console.WriteLine($"context={AssemblyLoadContext.GetLoadContext(typeof(Program).Assembly)?.Name}");
                Console.WriteLine($"cwd={Directory.GetCurrentDirectory()}");
                Console.WriteLine($"args={string.Join('|', args.Skip(1))}");
                Console.WriteLine($"rel={Environment.GetEnvironmentVariable("REL_NAME")} {Environment.GetEnvironmentVariable("REL_VSN")} {Environment.GetEnvironmentVariable("RELEASE_ROOT_DIR")}");
                Console.WriteLine($"appsettings={File.Exists(Path.Combine(AppContext.BaseDirectory, "appsettings.json"))}");
                Console.WriteLine($"contentroot={Environment.GetEnvironmentVariable("DOTNET_CONTENTROOT")}|{Environment.GetEnvironmentVariable("ASPNETCORE_CONTENTROOT")}");
                return 0;
            case "write":
                File.WriteAllText(args[1], "written by the probe\n");
                return 0;
            case "native":
                Console.WriteLine($"native={probe_add(2, 3)}");
                return 0;
            case "exit":
                await Task.Yield();
                return int.Parse(args[1]);
            case "wait":
                if (args.Length > 1) File.WriteAllText(args[1], "written by the probe\n");
                // A plain app without signal handlers: the launcher must still run its ProcessExit handlers.
                AppDomain.CurrentDomain.ProcessExit += (_, _) => Console.WriteLine("process-exit handler ran");
                Console.WriteLine("waiting");
                Thread.Sleep(Timeout.Infinite);
                return 0;
            default:
                Console.Error.WriteLine("usage: BootProbe info|native|exit N|write FILE|wait [FILE]");
                return 2;
        }
    }
}
