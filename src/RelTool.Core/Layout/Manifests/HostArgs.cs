namespace RelTool.Core.Layout.Manifests;

/// <summary>releases/&lt;Vsn&gt;/host.args: how bin/&lt;name&gt; starts the launcher, one argument per line, paths relative to the root.</summary>
public static class HostArgs
{
    public const string FileName = "host.args";

    public static string Format(string releaseVersion, string bootLibDirectory) =>
        string.Join("\n",
            "exec",
            "--runtimeconfig", $"releases/{releaseVersion}/start.runtimeconfig.json",
            "--depsfile", $"{bootLibDirectory}/RelTool.Boot.deps.json",
            $"{bootLibDirectory}/RelTool.Boot.dll") + "\n";
}
