namespace RelTool.Boot.Layout;

/// <summary>releases/start_erl.data: "&lt;runtime vsn&gt; &lt;release vsn&gt;", the release bin/&lt;name&gt; boots.</summary>
public sealed record StartErlData(string RuntimeVersion, string ReleaseVersion)
{
    public static StartErlData Read(string path)
    {
        if (!File.Exists(path)) throw new LauncherException(ExitCodes.Failure, $"{path}: missing; is this a release root?");
        var parts = File.ReadAllText(path).Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
        if (parts.Length != 2) throw new LauncherException(ExitCodes.Failure, $"{path}: expected \"<runtime vsn> <release vsn>\"");
        return new StartErlData(parts[0], parts[1]);
    }
}
