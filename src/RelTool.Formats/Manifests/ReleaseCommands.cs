using System.Text;
using System.Text.RegularExpressions;
using RelTool.Formats.Layout;

namespace RelTool.Formats.Manifests;

public enum ReleaseCommandKind { Eval, Script }

/// <summary>One command a release adds to its launcher: `bin/&lt;name&gt; NAME [ARGS...]`.</summary>
/// <param name="Target">TYPE.METHOD for eval; for a script its file under releases/&lt;vsn&gt;/ (commands/NAME.sh).</param>
public sealed record ReleaseCommand(string Name, ReleaseCommandKind Kind, string Target);

/// <summary>
/// releases/&lt;vsn&gt;/commands.txt, written by `reltool release` from rel/config.yaml's `commands:` and read by the
/// launcher: one `NAME eval TYPE.METHOD` or `NAME script commands/NAME.sh` per line. It travels with its release, so an
/// upgrade brings the new release's commands.
/// </summary>
public static partial class ReleaseCommands
{
    /// <summary>Scripts are copied to releases/&lt;vsn&gt;/commands/&lt;name&gt;.sh.</summary>
    public static string ScriptPath(string name) => $"{ReleaseLayout.CommandScriptsDir}/{name}.sh";

    public const string NameRule = "must be lowercase letters, digits, '-' and '_', starting with a letter";

    public static bool IsValidName(string name) => NamePattern().IsMatch(name);

    public static string Format(IEnumerable<ReleaseCommand> commands)
    {
        var text = new StringBuilder();
        foreach (var c in commands) text.Append($"{c.Name} {(c.Kind == ReleaseCommandKind.Eval ? "eval" : "script")} {c.Target}\n");
        return text.ToString();
    }

    /// <summary>The commands of a release; empty when it has none.</summary>
    public static IReadOnlyList<ReleaseCommand> Read(string path)
    {
        if (!File.Exists(path)) return [];
        var commands = new List<ReleaseCommand>();
        var number = 0;
        foreach (var line in File.ReadAllLines(path))
        {
            number++;
            if (line.Length == 0) continue;
            var parts = line.Split(' ', 3);
            if (parts.Length != 3 || !IsValidName(parts[0]) || parts[1] is not ("eval" or "script") || parts[2].Length == 0)
                throw new ManifestException(path, $"line {number}: expected NAME eval TYPE.METHOD or NAME script PATH, got '{line}'");
            commands.Add(new(parts[0], parts[1] == "eval" ? ReleaseCommandKind.Eval : ReleaseCommandKind.Script, parts[2]));
        }
        return commands;
    }

    [GeneratedRegex("^[a-z][a-z0-9_-]*$")]
    private static partial Regex NamePattern();
}
