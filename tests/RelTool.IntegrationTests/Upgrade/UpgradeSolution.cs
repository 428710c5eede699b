namespace RelTool.IntegrationTests.Upgrade;

/// <summary>
/// A console app Kv → KV.Server (a RelTool.Runtime server, the repository's src/RelTool.Runtime) → KV.Core (uses
/// Newtonsoft.Json), written into a fresh temp folder. <see cref="Set"/> rewrites versions and the one method the
/// tests change (KV.Core's Greeter.Greet), so each test states the source it builds.
/// </summary>
public sealed class UpgradeSolution : IDisposable
{
    public string Root { get; } = Directory.CreateTempSubdirectory("reltool-upgrade-").FullName;
    public string AppDirectory => Path.Combine(Root, "Kv");

    public UpgradeSolution()
    {
        var runtime = Path.Combine(Boot.RepoPaths.Root, "src", "RelTool.Runtime", "RelTool.Runtime.csproj");
        Write("KV.Server/CounterServer.cs", """
            namespace KV.Server;
            public sealed class CounterServer : RelTool.Runtime.Server<int>
            {
                public override int Init(object? args) => 0;
                public static string Describe(int count) => KV.Core.Greeter.Greet("count " + count);
            }
            """);
        Write("Kv/Program.cs", "System.Console.WriteLine(KV.Server.CounterServer.Describe(1));\n");
        Set(app: "0.1.0", core: "1.2.0", server: "1.0.0", greeting: "!", serverStart: 0, runtimeProject: runtime);
    }

    private string runtimeProject = "";

    /// <param name="greeting">What Greeter.Greet appends to the name: changing it changes that one method body of KV.Core.</param>
    /// <param name="serverStart">What CounterServer.Init returns: changing it changes one method body of KV.Server.</param>
    public void Set(string app, string core, string server, string greeting, int serverStart, string? runtimeProject = null)
    {
        if (runtimeProject is not null) this.runtimeProject = runtimeProject;
        Write("KV.Core/KV.Core.csproj", $"""
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup><TargetFramework>net10.0</TargetFramework><Version>{core}</Version><Nullable>enable</Nullable></PropertyGroup>
              <ItemGroup><PackageReference Include="Newtonsoft.Json" Version="13.0.3" /></ItemGroup>
            </Project>
            """);
        Write("KV.Core/Greeter.cs", $$"""
            namespace KV.Core;
            public static class Greeter { public static string Greet(string name) => Newtonsoft.Json.JsonConvert.SerializeObject(new { hello = name + "{{greeting}}" }); }
            """);
        Write("KV.Server/KV.Server.csproj", $"""
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup><TargetFramework>net10.0</TargetFramework><Version>{server}</Version><Nullable>enable</Nullable></PropertyGroup>
              <ItemGroup>
                <ProjectReference Include="../KV.Core/KV.Core.csproj" />
                <ProjectReference Include="{this.runtimeProject}" />
              </ItemGroup>
            </Project>
            """);
        var counter = File.ReadAllText(Path.Combine(Root, "KV.Server/CounterServer.cs"));
        Write("KV.Server/CounterServer.cs", System.Text.RegularExpressions.Regex.Replace(counter, @"Init\(object\? args\) => \d+;", $"Init(object? args) => {serverStart};"));
        Write("Kv/Kv.csproj", $"""
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup><OutputType>Exe</OutputType><TargetFramework>net10.0</TargetFramework><Version>{app}</Version></PropertyGroup>
              <ItemGroup><ProjectReference Include="../KV.Server/KV.Server.csproj" /></ItemGroup>
            </Project>
            """);
    }

    public void Write(string relative, string text)
    {
        var path = Path.Combine(Root, relative);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        if (File.Exists(path) && File.ReadAllText(path) == text) return;
        File.WriteAllText(path, text);
    }

    public void Delete(string relative)
    {
        var path = Path.Combine(Root, relative);
        if (Directory.Exists(path)) Directory.Delete(path, recursive: true);
        else if (File.Exists(path)) File.Delete(path);
    }

    public void Dispose()
    {
        try { Directory.Delete(Root, true); } catch (IOException) { }
    }
}
