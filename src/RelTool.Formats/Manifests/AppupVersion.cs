using System.Text;
using System.Text.RegularExpressions;
using RelTool.Formats.Terms;

namespace RelTool.Formats.Manifests;

/// <summary>
/// The version key of an appup entry: a string matched exactly, or a binary holding a regular
/// expression that must match the whole version (systools: the first match equals the version).
/// </summary>
public abstract record AppupVersion
{
    public static AppupVersion Exact(string vsn) => new ExactVersion(vsn);
    public static AppupVersion Pattern(string regex) => new VersionPattern(regex);

    public abstract bool Matches(string vsn);
    public abstract Term ToTerm();

    /// <summary>The key of an appup entry; null when the term is neither a string nor a binary (systools skips such entries).</summary>
    public static AppupVersion? FromTerm(Term term) => term switch
    {
        ErlBinary b => new VersionPattern(Encoding.UTF8.GetString(b.Bytes.AsSpan())),
        _ when Erl.TextOf(term) is { } text => new ExactVersion(text),
        _ => null,
    };
}

public sealed record ExactVersion(string Vsn) : AppupVersion
{
    public override bool Matches(string vsn) => vsn == Vsn;
    public override Term ToTerm() => Erl.Str(Vsn);
    public override string ToString() => Vsn;
}

public sealed record VersionPattern(string Regex) : AppupVersion
{
    private Regex? compiled;

    /// <summary>As re:run(Vsn, Regex, [unicode, {capture, first, list}]) =:= {match, [Vsn]}.</summary>
    public override bool Matches(string vsn)
    {
        compiled ??= new Regex(Regex, RegexOptions.CultureInvariant);
        var match = compiled.Match(vsn);
        return match.Success && match.Value == vsn;
    }

    /// <summary>Null when the expression compiles, otherwise why not.</summary>
    public string? Problem()
    {
        try
        {
            _ = new Regex(Regex, RegexOptions.CultureInvariant);
            return null;
        }
        catch (ArgumentException e)
        {
            return e.Message;
        }
    }

    public override Term ToTerm() => Erl.Bin(Regex);
    public override string ToString() => $"<<\"{Regex}\">>";
    public bool Equals(VersionPattern? other) => other is not null && other.Regex == Regex;
    public override int GetHashCode() => Regex.GetHashCode();
}
