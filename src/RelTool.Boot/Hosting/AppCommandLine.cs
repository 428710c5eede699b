using System.Reflection;

namespace RelTool.Boot.Hosting;

/// <summary>
/// Makes <see cref="Environment.GetCommandLineArgs"/> what `dotnet &lt;entry&gt;.dll ARGS` gives: the entry assembly's
/// path, then the app's arguments — not the launcher's. Apps name themselves from element 0 (System.CommandLine's
/// usage line and RootCommand name do). The runtime keeps the array in a private static field that it reads before
/// asking the host; when a runtime no longer has it, the launcher's command line stays.
/// </summary>
public static class AppCommandLine
{
    private static readonly FieldInfo? Field =
        typeof(Environment).GetField("s_commandLineArgs", BindingFlags.NonPublic | BindingFlags.Static);

    /// <summary>False when the runtime offers no way to set it.</summary>
    public static bool Set(string entryAssemblyPath, IReadOnlyList<string> appArgs)
    {
        if (Field is null || Field.FieldType != typeof(string[]) || Field.IsInitOnly) return false;
        Field.SetValue(null, new[] { entryAssemblyPath }.Concat(appArgs).ToArray());
        return true;
    }
}
