using System.Reflection.Metadata;
using System.Reflection.Metadata.Ecma335;

namespace RelTool.Core.Diff.Digest;

/// <summary>Where one type's digest input lies in the walk's writer; <see cref="Methods"/> sorted by key.</summary>
internal sealed record TypeSegments(string Name, Segment Head, MethodSegments[] Methods, Segment Tail);

/// <param name="Key">Name`arity(params) as in <see cref="MetadataNames.MethodKey"/>.</param>
/// <param name="Handle">Only orders methods whose keys are equal (possible in IL), so that the order is stable.</param>
internal readonly record struct MethodSegments(string Key, Segment Signature, Segment Body, MethodDefinitionHandle Handle)
{
    public static readonly Comparison<MethodSegments> ByKey = (a, b) =>
        string.CompareOrdinal(a.Key, b.Key) is var c && c != 0 ? c : MetadataTokens.GetRowNumber(a.Handle).CompareTo(MetadataTokens.GetRowNumber(b.Handle));
}
