using System.Collections.Immutable;
using RelTool.Formats.Terms;

namespace RelTool.Formats.Manifests;

/// <summary>
/// Checks the shape of parsed manifest terms and reports a broken rule as a <see cref="ManifestException"/>
/// that names the file and the position of the offending element (when the term was read from text).
/// </summary>
public sealed class TermShape(string file, ParsedTerms? parsed = null)
{
    public string File { get; } = file;

    public ManifestException Error(Term? at, string problem)
    {
        var position = at is null ? null : parsed?.PositionOf(at);
        return new ManifestException(File, problem, position?.Line, position?.Column);
    }

    public string Text(Term term, string what) =>
        Erl.TextOf(term) ?? throw Error(term, $"{what} must be a string, found {Describe(term)}");

    public string AtomName(Term term, string what) =>
        term is ErlAtom a ? a.Name : throw Error(term, $"{what} must be an atom, found {Describe(term)}");

    public ErlTuple Tuple(Term term, int arity, string what) =>
        term is ErlTuple t && t.Arity == arity ? t : throw Error(term, $"{what} must be a {arity}-tuple, found {Describe(term)}");

    public ImmutableArray<Term> List(Term term, string what) =>
        term is ErlList { IsProper: true } l ? l.Elements : throw Error(term, $"{what} must be a list, found {Describe(term)}");

    public ImmutableArray<string> AtomList(Term term, string what) =>
        List(term, what).Select(e => AtomName(e, $"each element of {what}")).ToImmutableArray();

    public ImmutableArray<string> TextList(Term term, string what) =>
        List(term, what).Select(e => Text(e, $"each element of {what}")).ToImmutableArray();

    /// <summary>A short rendering of a term for messages: its one-line form, cut at 60 characters.</summary>
    public static string Describe(Term term)
    {
        var flat = TermPrinter.Flat(term);
        return flat.Length <= 60 ? flat : flat[..57] + "...";
    }

    /// <summary>The single term of a manifest file read with positions.</summary>
    public static (Term Term, TermShape Shape) ReadSingle(string path, string expectedForm)
    {
        var parsed = TermReader.ReadFileWithPositions(path);
        var shape = new TermShape(path, parsed);
        if (parsed.Terms.Length != 1)
            throw new ManifestException(path, $"expected exactly one term {expectedForm}, found {parsed.Terms.Length}");
        return (parsed.Terms[0], shape);
    }

    public static (Term Term, TermShape Shape) ParseSingle(string text, string fileName, string expectedForm)
    {
        var parsed = TermReader.ParseWithPositions(text, fileName);
        var shape = new TermShape(fileName, parsed);
        if (parsed.Terms.Length != 1)
            throw new ManifestException(fileName, $"expected exactly one term {expectedForm}, found {parsed.Terms.Length}");
        return (parsed.Terms[0], shape);
    }
}
