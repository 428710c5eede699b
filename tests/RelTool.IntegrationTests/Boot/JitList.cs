namespace RelTool.IntegrationTests.Boot;

/// <summary>
/// The runtime's own list of the methods it compiles, one "JIT compiled ..." line each, written to a file (release builds
/// of the runtime write it): both variables are needed — DOTNET_JitStdOutFile alone writes no list, so a check of it
/// could not fail.
/// </summary>
public static class JitList
{
    /// <summary>The environment that writes the list to <paramref name="file"/>, with <paramref name="more"/> variables.</summary>
    public static Dictionary<string, string> Environment(string file, params (string Name, string Value)[] more)
    {
        var env = new Dictionary<string, string> { ["DOTNET_JitStdOutFile"] = file, ["DOTNET_JitDisasmSummary"] = "1" };
        foreach (var (name, value) in more) env[name] = value;
        return env;
    }
}
