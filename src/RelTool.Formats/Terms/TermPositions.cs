using System.Runtime.CompilerServices;

namespace RelTool.Formats.Terms;

/// <summary>
/// Where each term read from a file starts, by term instance (reference identity). Not a Dictionary&lt;Term,
/// TermPosition&gt;: that instantiation over a struct of ours has no precompiled code, so every command reading a
/// manifest JIT-compiled it; a dictionary of positions as objects (or of the tokens holding them) kept one more small
/// object per term alive and cost the relup bench's read time. Open addressing with linear probing; only added to.
/// </summary>
internal sealed class TermPositions
{
    private Term?[] keys = new Term?[64];
    private TermPosition[] values = new TermPosition[64];
    private int count;

    public void Set(Term term, TermPosition position)
    {
        if (2 * (count + 1) > keys.Length) Grow();
        var slot = SlotOf(keys, term);
        if (keys[slot] is null)
        {
            keys[slot] = term;
            count++;
        }
        values[slot] = position;
    }

    public bool TryGet(Term term, out TermPosition position)
    {
        var slot = SlotOf(keys, term);
        position = keys[slot] is null ? default : values[slot];
        return keys[slot] is not null;
    }

    // The term's slot, or the empty one where it would go (the table is never more than half full).
    private static int SlotOf(Term?[] keys, Term term)
    {
        var mask = keys.Length - 1;
        var slot = RuntimeHelpers.GetHashCode(term) & mask;
        while (keys[slot] is { } key && !ReferenceEquals(key, term)) slot = (slot + 1) & mask;
        return slot;
    }

    private void Grow()
    {
        var oldKeys = keys;
        var oldValues = values;
        keys = new Term?[oldKeys.Length * 2];
        values = new TermPosition[keys.Length];
        for (var i = 0; i < oldKeys.Length; i++)
        {
            if (oldKeys[i] is not { } key) continue;
            var slot = SlotOf(keys, key);
            keys[slot] = key;
            values[slot] = oldValues[i];
        }
    }
}
