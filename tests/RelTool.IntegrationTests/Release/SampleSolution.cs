namespace RelTool.IntegrationTests.Release;

/// <summary>
/// A console app (Kv, Version 0.1.0) referencing a class library (KV.Core, Version 1.2.0) that uses Newtonsoft.Json
/// 13.0.3, written into a fresh temp folder. Kv publishes an appsettings.json and a German satellite assembly.
/// </summary>
public sealed class SampleSolution : IDisposable
{
    public string Root { get; } = Directory.CreateTempSubdirectory("reltool-sample-").FullName;
    public string AppDirectory => Path.Combine(Root, "Kv");

    public SampleSolution()
    {
        Write("KV.Core/KV.Core.csproj", """
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup><TargetFramework>net10.0</TargetFramework><Version>1.2.0</Version><Nullable>enable</Nullable></PropertyGroup>
              <ItemGroup><PackageReference Include="Newtonsoft.Json" Version="13.0.3" /></ItemGroup>
            </Project>
            """);
        Write("KV.Core/Greeter.cs", """
            namespace KV.Core;
            public static class Greeter { public static string Greet(string name) => Newtonsoft.Json.JsonConvert.SerializeObject(new { hello = name }); }
            """);
        Write("Kv/Kv.csproj", """
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup><OutputType>Exe</OutputType><TargetFramework>net10.0</TargetFramework><Version>0.1.0</Version></PropertyGroup>
              <ItemGroup><ProjectReference Include="../KV.Core/KV.Core.csproj" /></ItemGroup>
              <ItemGroup><None Include="appsettings.json" CopyToOutputDirectory="PreserveNewest" CopyToPublishDirectory="PreserveNewest" /></ItemGroup>
            </Project>
            """);
        Write("Kv/Program.cs", "System.Console.WriteLine(KV.Core.Greeter.Greet(\"kv\") + \" \" + Kv.Strings.Hello);\n");
        Write("Kv/Strings.resx", Resx("hello"));
        Write("Kv/Strings.de.resx", Resx("hallo"));
        Write("Kv/Strings.cs", """
            namespace Kv;
            static class Strings { public static string Hello => new System.Resources.ResourceManager("Kv.Strings", typeof(Strings).Assembly).GetString("Hello")!; }
            """);
        Write("Kv/appsettings.json", "{\"Port\":4040}\n");
    }

    public void Write(string relative, string text)
    {
        var path = Path.Combine(Root, relative);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, text);
    }

    /// <summary>Removes bin/ and obj/ so that the next build compiles everything again.</summary>
    public void Clean()
    {
        foreach (var project in new[] { "Kv", "KV.Core" })
            foreach (var dir in new[] { "bin", "obj" })
            {
                var path = Path.Combine(Root, project, dir);
                if (Directory.Exists(path)) Directory.Delete(path, true);
            }
    }

    private static string Resx(string hello) => $"""
        <?xml version="1.0" encoding="utf-8"?>
        <root>
          <resheader name="resmimetype"><value>text/microsoft-resx</value></resheader>
          <resheader name="version"><value>2.0</value></resheader>
          <resheader name="reader"><value>System.Resources.ResXResourceReader, System.Windows.Forms, Version=4.0.0.0, Culture=neutral, PublicKeyToken=b77a5c561934e089</value></resheader>
          <resheader name="writer"><value>System.Resources.ResXResourceWriter, System.Windows.Forms, Version=4.0.0.0, Culture=neutral, PublicKeyToken=b77a5c561934e089</value></resheader>
          <data name="Hello" xml:space="preserve"><value>{hello}</value></data>
        </root>
        """;

    public void Dispose()
    {
        try { Directory.Delete(Root, true); } catch (IOException) { }
    }
}
