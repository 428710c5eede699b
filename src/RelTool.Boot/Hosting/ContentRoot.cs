namespace RelTool.Boot.Hosting;

/// <summary>
/// Points the app's Generic Host and WebApplication at its lib dir through the content-root variables, which they read
/// before falling back to the current directory. Both are set, or neither: WebApplication.CreateBuilder prefers
/// DOTNET_CONTENTROOT over ASPNETCORE_CONTENTROOT, so setting only the missing one would override the user's choice.
/// </summary>
public static class ContentRoot
{
    public static readonly IReadOnlyList<string> Variables = ["DOTNET_CONTENTROOT", "ASPNETCORE_CONTENTROOT"];

    /// <summary>
    /// The value a launcher gave the variables. A node started from inside a node (a restart into the permanent
    /// release, an upgrade the app runs) inherits them, and must point them at its own lib dir rather than keep them.
    /// </summary>
    public const string MarkerVariable = "RELTOOL_CONTENTROOT";

    /// <summary>The variables to set (a null value removes one) for an app in <paramref name="appDir"/>.</summary>
    public static IReadOnlyDictionary<string, string?> For(string appDir, Func<string, string?> environment)
    {
        var inherited = environment(MarkerVariable);
        var userSet = Variables.Any(v => environment(v) is { Length: > 0 } value && value != inherited);
        var changes = new Dictionary<string, string?>();
        if (userSet)
        {
            foreach (var v in Variables.Where(v => inherited is { Length: > 0 } && environment(v) == inherited)) changes[v] = null;
            changes[MarkerVariable] = null;
            return changes;
        }
        var dir = Path.TrimEndingDirectorySeparator(appDir);
        foreach (var v in Variables) changes[v] = dir;
        changes[MarkerVariable] = dir;
        return changes;
    }

    public static void Apply(string appDir)
    {
        foreach (var (key, value) in For(appDir, Environment.GetEnvironmentVariable)) Environment.SetEnvironmentVariable(key, value);
    }
}
