using System.Collections.Immutable;

namespace RelTool.Formats.Terms;

/// <summary>Reads file:consult files: every term ends with a '.' followed by whitespace, a comment or the end.</summary>
public static class TermReader
{
    /// <summary>All terms of a file:consult text. Throws <see cref="TermSyntaxException"/> with the position of the first error.</summary>
    public static ImmutableArray<Term> Parse(string text, string fileName) => new TermParser(text, fileName, withPositions: false).ParseAll().Terms;

    /// <summary>All terms plus the start position of each term and subterm, for errors that point at an element.</summary>
    public static ParsedTerms ParseWithPositions(string text, string fileName) => new TermParser(text, fileName).ParseAll();

    public static ImmutableArray<Term> ReadFile(string path) => Parse(File.ReadAllText(path), path);

    public static ParsedTerms ReadFileWithPositions(string path) => ParseWithPositions(File.ReadAllText(path), path);
}
