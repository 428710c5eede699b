using System.Text;
using System.Text.RegularExpressions;

namespace RelTool.Formats.Archive;

/// <summary>Matches `/`-separated relative paths against globs: `*` and `?` within one name, `**` across names.
/// A pattern without `/` matches a name at any depth (like .gitignore); a leading `/` anchors it at the root.</summary>
public sealed class ExcludeGlob
{
    private readonly Regex[] patterns;

    public ExcludeGlob(IEnumerable<string> globs) => patterns = globs.Select(ToRegex).ToArray();

    public bool IsEmpty => patterns.Length == 0;

    public bool Matches(string relativePath) => patterns.Any(p => p.IsMatch(relativePath));

    private static Regex ToRegex(string glob)
    {
        var pattern = glob.Replace('\\', '/').TrimEnd('/');
        var anchored = pattern.StartsWith('/') || pattern.Contains('/');
        pattern = pattern.TrimStart('/');
        var regex = new StringBuilder(anchored ? "^" : "^(?:.*/)?");
        for (var i = 0; i < pattern.Length; i++)
        {
            var c = pattern[i];
            if (c == '*' && i + 1 < pattern.Length && pattern[i + 1] == '*')
            {
                var followedBySlash = i + 2 < pattern.Length && pattern[i + 2] == '/';
                regex.Append(followedBySlash ? "(?:.*/)?" : ".*");
                i += followedBySlash ? 2 : 1;
            }
            else if (c == '*') regex.Append("[^/]*");
            else if (c == '?') regex.Append("[^/]");
            else regex.Append(Regex.Escape(c.ToString()));
        }
        regex.Append('$');
        return new Regex(regex.ToString(), RegexOptions.CultureInvariant);
    }
}
