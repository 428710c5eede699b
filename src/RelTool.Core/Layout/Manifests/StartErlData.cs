namespace RelTool.Core.Layout.Manifests;

/// <summary>releases/start_erl.data: "&lt;runtime vsn&gt; &lt;release vsn&gt;" without a trailing newline.</summary>
public static class StartErlData
{
    public const string FileName = "start_erl.data";

    public static string Format(string runtimeVersion, string releaseVersion) => $"{runtimeVersion} {releaseVersion}";
}
