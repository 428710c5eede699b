using System.Collections.Immutable;
using RelTool.Formats.Manifests.Instructions;
using RelTool.Formats.Terms;

namespace RelTool.Formats.Manifests;

/// <summary>One script of a relup: the release version moved from (up) or to (down), a description and the low-level instructions.</summary>
public sealed record RelupEntry(string Vsn, Term Description, ValueList<Instruction> Instructions)
{
    public Term ToTerm() => Erl.Tuple(Erl.Str(Vsn), Description, Erl.List(Instructions.Select(i => i.ToTerm())));
}

/// <summary><c>releases/Vsn/relup</c>: <c>{Vsn, [{UpFromVsn, Descr, Instructions}], [{DownToVsn, Descr, Instructions}]}</c>.</summary>
public sealed record RelupFile(string Vsn, ValueList<RelupEntry> Up, ValueList<RelupEntry> Down)
{
    public Term ToTerm() => Erl.Tuple(
        Erl.Str(Vsn),
        Erl.List(Up.Select(e => e.ToTerm())),
        Erl.List(Down.Select(e => e.ToTerm())));

    /// <summary>Exactly as systools writes it: "%% coding: utf-8", the term as ~tp lays it out, ".\n".</summary>
    public string Format() => ConsultFile.FormatOtp(ToTerm());

    public static RelupFile Read(string path) => Parse(TermReader.ReadFile(path), path);

    public static RelupFile Parse(ImmutableArray<Term> terms, string file)
    {
        if (terms.Length != 1)
            throw new ManifestException(file, $"a relup file holds exactly one term, found {terms.Length}");
        return Parse(terms[0], file);
    }

    public static RelupFile Parse(Term term, string file)
    {
        if (term is not ErlTuple { Arity: 3 } t)
            throw new ManifestException(file, "a relup is {Vsn, [{UpFromVsn, Descr, Instructions}], [{DownToVsn, Descr, Instructions}]}");
        var vsn = Erl.TextOf(t[0]) ?? throw new ManifestException(file, $"the release version must be a string, not {t[0]}");
        return new RelupFile(vsn, Entries(t[1], file, "up"), Entries(t[2], file, "down"));
    }

    private static ValueList<RelupEntry> Entries(Term term, string file, string direction)
    {
        if (term is not ErlList { IsProper: true } list)
            throw new ManifestException(file, $"the {direction} part must be a list, not {term}");
        var entries = ImmutableArray.CreateBuilder<RelupEntry>(list.Count);
        for (var i = 0; i < list.Count; i++)
        {
            var where = $"{direction} entry {i + 1}";
            if (list[i] is not ErlTuple { Arity: 3 } e || Erl.TextOf(e[0]) is not { } vsn || e[2] is not ErlList { IsProper: true } script)
                throw new ManifestException(file, $"{where} must be {{Vsn, Descr, [Instruction]}}, not {list[i]}");
            try
            {
                entries.Add(new RelupEntry(vsn, e[1], ValueList.From(script.Elements.Select(InstructionReader.ReadExpanded))));
            }
            catch (InstructionException x)
            {
                throw new ManifestException(file, $"{where} ({vsn}): {x.Message} [{x.ReasonName}]");
            }
        }
        return ValueList.Of(entries.ToImmutable());
    }
}
