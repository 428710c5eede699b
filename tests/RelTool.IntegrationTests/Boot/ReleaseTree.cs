namespace RelTool.IntegrationTests.Boot;

/// <summary>A release tree assembled by <see cref="ReleaseTreeBuilder"/>.</summary>
public sealed record ReleaseTree(string Root, string Name, string Version, string AppDir)
{
    public string Bin => Path.Combine(Root, "bin", Name);
    public string TmpDir => Path.Combine(Root, "tmp");
    public string LogFile => Path.Combine(Root, "log", Name + ".log");
    public string PidFile => Path.Combine(TmpDir, Name + ".pid");
    public string CookieFile => Path.Combine(Root, "releases", "COOKIE");
    public string HooksDir => Path.Combine(Root, "releases", Version, "hooks");
}
