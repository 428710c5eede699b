using System.Text.RegularExpressions;

namespace RelTool.Core.Release;

/// <summary>What a release version may be: it names releases/&lt;Vsn&gt;/ and goes into start_erl.data after a space.</summary>
public static partial class ReleaseVersions
{
    public const string Rule = "must start with a letter or digit and hold only letters, digits, '.', '_', '+' and '-'";

    public static bool IsValid(string version) => Pattern().IsMatch(version);

    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9._+-]*$")]
    private static partial Regex Pattern();
}
