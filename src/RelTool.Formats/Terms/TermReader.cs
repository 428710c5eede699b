using System.Collections.Immutable;

namespace RelTool.Formats.Terms;

/// <summary>Reads file:consult files. Owned by the terms work: replace the placeholder bodies.</summary>
public static class TermReader
{
    /// <summary>All terms of a file:consult text; each term ends with a dot.</summary>
    public static ImmutableArray<Term> Parse(string text, string fileName) => throw new NotImplementedException("TermReader.Parse");

    public static ImmutableArray<Term> ReadFile(string path) => Parse(File.ReadAllText(path), path);
}
