using RelTool.IntegrationTests.Boot;
using RelTool.IntegrationTests.Release;

namespace RelTool.IntegrationTests.RestartUpgrade;

/// <summary>
/// Apps/RestartWeb (a plain ASP.NET Core app) released with the real `reltool release` into one output, from a temp copy:
/// 1.0.0, then 1.1.0 with `--upgrade` (Version bumped, /version answers 1.1.0), then 1.2.0 with `--upgrade`, which fails
/// to start when RESTART_WEB_FAILURE says so (crash: throws in Main; hang: never binds its port; unhealthy: /healthz answers 503;
/// unhealthy-public: /healthz answers 503 on the port only, not on a new node's private listener; elsewhere: listens on RESTART_WEB_ELSEWHERE_PORT).
/// </summary>
public sealed class RestartWebReleases : IDisposable
{
    public const string Name = "restartweb";
    public const string FailureVariable = "RESTART_WEB_FAILURE";

    private const string FailingStart = """
        /// <summary>How this build fails on purpose: as RESTART_WEB_FAILURE says (crash, hang, unhealthy, unhealthy-public, elsewhere), else not.</summary>
        static class Failure
        {
            public static string? Mode => Environment.GetEnvironmentVariable("RESTART_WEB_FAILURE");
        }
        """;

    public RestartWebReleases()
    {
        FileTree.Copy(Path.Combine(RepoPaths.Root, "tests", "RelTool.IntegrationTests", "RestartUpgrade", "Apps"), Sources);
        Release("1.0.0");
        Release("1.1.0", "--upgrade");
        File.WriteAllText(Path.Combine(AppDir, "Failure.cs"), FailingStart);
        Release("1.2.0", "--upgrade");
    }

    public string WorkDir { get; } = Directory.CreateTempSubdirectory("reltool-restartweb-").FullName;
    private string Sources => Path.Combine(WorkDir, "src");
    private string AppDir => Path.Combine(Sources, "RestartWeb");
    public string Output => Path.Combine(WorkDir, "out");

    public string FullTarball(string version) => Path.Combine(Output, "releases", version, $"{Name}.tar.gz");

    public string UpgradeTarball(string version, string from) => Path.Combine(Output, "releases", version, $"{Name}-from-{from}.tar.gz");

    private void Release(string version, params string[] options)
    {
        SetVersion(version);
        var outcome = ReltoolProcess.Run(AppDir, ["release", "--output", Output, .. options]);
        Assert.True(outcome.ExitCode == 0, $"release {version}: {outcome}");
    }

    private void SetVersion(string version)
    {
        var project = Path.Combine(AppDir, "RestartWeb.csproj");
        File.WriteAllText(project, System.Text.RegularExpressions.Regex.Replace(File.ReadAllText(project), "<Version>[^<]*</Version>", $"<Version>{version}</Version>"));
        var text = Path.Combine(AppDir, "VersionText.cs");
        File.WriteAllText(text, System.Text.RegularExpressions.Regex.Replace(File.ReadAllText(text), "Value = \"[^\"]*\"", $"Value = \"{version}\""));
    }

    public void Dispose()
    {
        try { Directory.Delete(WorkDir, true); } catch (IOException) { }
    }
}
