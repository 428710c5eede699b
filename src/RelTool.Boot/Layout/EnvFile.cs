using System.Text.RegularExpressions;

namespace RelTool.Boot.Layout;

/// <summary>
/// etc/&lt;name&gt;.env: one `NAME=VALUE` per line; blank lines and lines starting with '#' are skipped; an optional
/// `export ` prefix and one pair of quotes around the whole value are dropped (so a file systemd's EnvironmentFile= or
/// a shell reads means the same here). Nothing is evaluated: `$HOME` stays `$HOME`.
/// </summary>
public static partial class EnvFile
{
    /// <summary>The variables of <paramref name="path"/> in file order (a later line wins); empty when there is no file.</summary>
    public static IReadOnlyList<KeyValuePair<string, string>> Read(string path)
    {
        if (!File.Exists(path)) return [];
        var variables = new List<KeyValuePair<string, string>>();
        var number = 0;
        foreach (var raw in File.ReadAllLines(path))
        {
            number++;
            var line = raw.Trim();
            if (line.Length == 0 || line.StartsWith('#')) continue;
            if (line.StartsWith("export ", StringComparison.Ordinal)) line = line["export ".Length..].TrimStart();
            var equals = line.IndexOf('=');
            var name = equals > 0 ? line[..equals].TrimEnd() : "";
            if (!Name().IsMatch(name))
                throw new LauncherException(ExitCodes.Failure, $"{path}:{number}: expected NAME=VALUE (NAME of letters, digits and '_'), got '{raw}'");
            variables.Add(new(name, Unquote(line[(equals + 1)..].TrimStart())));
        }
        return variables;
    }

    private static string Unquote(string value) =>
        value.Length >= 2 && (value[0] is '"' or '\'') && value[^1] == value[0] ? value[1..^1] : value;

    [GeneratedRegex("^[A-Za-z_][A-Za-z0-9_]*$")]
    private static partial Regex Name();
}
