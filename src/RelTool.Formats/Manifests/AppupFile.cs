using System.Collections.Immutable;
using RelTool.Formats.Manifests.Instructions;
using RelTool.Formats.Terms;

namespace RelTool.Formats.Manifests;

/// <summary>One entry of an appup: the versions it applies to and its instructions.</summary>
public sealed record AppupEntry(AppupVersion Version, ValueList<Instruction> Instructions)
{
    public AppupEntry(AppupVersion version, params Instruction[] instructions) : this(version, ValueList.Of(instructions)) { }

    public Term ToTerm() => Erl.Tuple(Version.ToTerm(), Erl.List(Instructions.Select(i => i.ToTerm())));
}

/// <summary>
/// <c>App.appup</c>: <c>{Vsn, [{UpFromVsn, Instructions}], [{DownToVsn, Instructions}]}</c> (appup(4)).
/// Version keys are strings, or binaries holding regular expressions.
/// </summary>
public sealed record AppupFile(string Vsn, ValueList<AppupEntry> UpFrom, ValueList<AppupEntry> DownTo)
{
    /// <summary>The first up entry whose key matches <paramref name="fromVsn"/>, as systools searches.</summary>
    public AppupEntry? FindUpFrom(string fromVsn) => UpFrom.FirstOrDefault(e => e.Version.Matches(fromVsn));

    public AppupEntry? FindDownTo(string toVsn) => DownTo.FirstOrDefault(e => e.Version.Matches(toVsn));

    public Term ToTerm() => Erl.Tuple(
        Erl.Str(Vsn),
        Erl.List(UpFrom.Select(e => e.ToTerm())),
        Erl.List(DownTo.Select(e => e.ToTerm())));

    /// <summary>The file text: the term laid out as ~tp does, then a dot and a newline.</summary>
    public string Format() => ConsultFile.FormatTerms(ToTerm());

    public static AppupFile Read(string path) => Parse(TermReader.ReadFile(path), path);

    public static AppupFile Parse(ImmutableArray<Term> terms, string file)
    {
        if (terms.Length != 1)
            throw new ManifestException(file, $"an appup file holds exactly one term, found {terms.Length}");
        return Parse(terms[0], file);
    }

    /// <summary>Reads and validates every entry and instruction; errors name the file, the entry and the rule broken.</summary>
    public static AppupFile Parse(Term term, string file)
    {
        if (term is not ErlTuple { Arity: 3 } t)
            throw new ManifestException(file, "an appup is {Vsn, [{UpFromVsn, Instructions}], [{DownToVsn, Instructions}]}");
        var vsn = Erl.TextOf(t[0]) ?? throw new ManifestException(file, $"the version must be a string, not {t[0]}");
        return new AppupFile(vsn, Entries(t[1], file, "up"), Entries(t[2], file, "down"));
    }

    private static ValueList<AppupEntry> Entries(Term term, string file, string direction)
    {
        if (term is not ErlList { IsProper: true } list)
            throw new ManifestException(file, $"the {direction} part must be a list of {{Vsn, Instructions}}, not {term}");
        var entries = ImmutableArray.CreateBuilder<AppupEntry>(list.Count);
        for (var i = 0; i < list.Count; i++)
        {
            var where = $"{direction} entry {i + 1}";
            if (list[i] is not ErlTuple { Arity: 2 } e)
                throw new ManifestException(file, $"{where} must be {{Vsn, Instructions}}, not {list[i]}");
            var version = AppupVersion.FromTerm(e[0])
                ?? throw new ManifestException(file, $"{where}: the version must be a string or a binary regular expression, not {e[0]}");
            if (version is VersionPattern p && p.Problem() is { } problem)
                throw new ManifestException(file, $"{where}: {p} is not a valid regular expression: {problem}");
            try
            {
                entries.Add(new AppupEntry(version, ValueList.Of(InstructionReader.ReadScript(e[1]))));
            }
            catch (InstructionException x)
            {
                throw new ManifestException(file, $"{where} ({version}): {x.Message} [{x.ReasonName}]");
            }
        }
        return ValueList.Of(entries.ToImmutable());
    }
}
