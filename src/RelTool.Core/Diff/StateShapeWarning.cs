using System.Collections.Immutable;

namespace RelTool.Core.Diff;

/// <summary>
/// A hot-swappable server whose state changed shape while its CodeChange did not change (or is missing):
/// a hot upgrade would hand the new code state laid out for the old.
/// </summary>
/// <param name="FieldsAdded">"path : type" entries of the new shape that the old one lacks.</param>
public sealed record StateShapeWarning(
    string Application,
    string Module,
    string ServerType,
    string OldStateType,
    string NewStateType,
    ImmutableArray<string> FieldsAdded,
    ImmutableArray<string> FieldsRemoved,
    bool CodeChangeMissing)
{
    public string Message =>
        $"{Application}/{Module}: server {ServerType}: state {NewStateType} changed shape" +
        (OldStateType != NewStateType ? $" (was {OldStateType})" : "") +
        (FieldsAdded.IsEmpty ? "" : "; added " + string.Join(", ", FieldsAdded)) +
        (FieldsRemoved.IsEmpty ? "" : "; removed " + string.Join(", ", FieldsRemoved)) +
        (CodeChangeMissing ? "; it has no CodeChange method" : "; its CodeChange did not change");
}
