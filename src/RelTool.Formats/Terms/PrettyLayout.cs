using System.Collections.Immutable;
using System.Text;

namespace RelTool.Formats.Terms;

/// <summary>
/// A port of OTP 25's io_lib_pretty (print/pp/cind) for terms without maps or records, no depth and no
/// chars limit, which is what io_lib:format("~tp") uses. Names and parameters follow the Erlang source:
/// col = current column, ll = line length, m = the most characters a line may take (the one-line length
/// of the whole term), tind = indentation for tagged tuples, ind = indentation in spaces,
/// ld = characters that must follow on the last line ("last depth"), w = characters written on this line.
/// </summary>
internal sealed class PrettyLayout
{
    private readonly StringBuilder sb = new();
    private readonly int ll;
    private readonly int m;

    private PrettyLayout(int lineLength, int maxChars)
    {
        ll = lineLength;
        m = maxChars;
    }

    public static string Print(Term term, int lineLength, int startColumn)
    {
        var col = Math.Max(startColumn, 1);
        var node = LayoutNode.Of(term);
        var flat = new StringBuilder();
        if (term is not (ErlTuple or ErlList or ErlBinary) || lineLength == 0 || node.Length < lineLength - col)
        {
            node.WriteFlat(flat);
            return flat.ToString();
        }
        var layout = new PrettyLayout(lineLength, node.Length);
        var tind = layout.ChooseTagIndent(node, col);
        layout.Pp(node, col, tind, col - 1, 0, 0);
        return layout.sb.ToString();
    }

    private sealed class NoGood : Exception;

    /// <summary>while_fail([-1, 4], cind, 1).</summary>
    private int ChooseTagIndent(LayoutNode node, int col)
    {
        foreach (var candidate in new[] { -1, 4 })
        {
            try
            {
                Cind(node, col, candidate, 0, 0);
                return candidate;
            }
            catch (NoGood) { }
        }
        return 1;
    }

    private bool Fits(LayoutNode e, int col, int ld, int w) => e.Length < ll - col - ld && e.Length + w + ld <= m;

    private bool FitsAfterComma(LayoutNode e, int col, int ld1, int w)
    {
        var elen = 1 + e.Length;
        return e.IsText && (ld1 == 0
            ? elen + 1 < ll - col && w + elen + 1 <= m
            : elen < ll - col - ld1 && w + elen + ld1 <= m);
    }

    private bool TailFits(LayoutNode tail, int col, int ld, int w) =>
        tail.IsText && tail.Length + 1 < ll - col - (ld + 1) && tail.Length + 1 + w + (ld + 1) <= m;

    private static int LastDepth(ImmutableArray<LayoutNode> elements, int next, int ld) => next < elements.Length ? 0 : ld + 1;

    private void Indent(int ind) => sb.Append('\n').Append(' ', ind);

    private void Pp(LayoutNode n, int col, int tind, int ind, int ld, int w)
    {
        if (Fits(n, col, ld, w)) { n.WriteFlat(sb); return; }
        switch (n.Kind)
        {
            case LayoutKind.List:
                sb.Append('[');
                PpList(n.Elements, 0, n.Tail, col + 1, tind, ind + 1, ld, '|', w + 1);
                sb.Append(']');
                break;
            case LayoutKind.Tuple when n.IsTagged:
                sb.Append('{');
                PpTagTuple(n.Elements, col, tind, ind, ld, w + 1);
                sb.Append('}');
                break;
            case LayoutKind.Tuple:
                sb.Append('{');
                PpList(n.Elements, 0, null, col + 1, tind, ind + 1, ld, ',', w + 1);
                sb.Append('}');
                break;
            case LayoutKind.Binary:
                PpBinary(n, col + 2, ind + 2, ld, w);
                break;
            default:
                n.WriteFlat(sb);
                break;
        }
    }

    private void PpTagTuple(ImmutableArray<LayoutNode> l, int col, int tind, int ind, int ld, int w)
    {
        var tag = l[0];
        var tagInd = tag.Length + 2;
        var tcol = col + tagInd;
        tag.WriteFlat(sb);
        if (tind > 0 && tagInd > tind)
            PpTail(l, 1, null, col + tind, tcol, tind, ind + tind, ld, ',', w + tag.Length);
        else
        {
            sb.Append(',');
            PpList(l, 1, null, tcol, tind, ind + tagInd, ld, ',', w + tag.Length + 1);
        }
    }

    private void PpList(ImmutableArray<LayoutNode> l, int start, LayoutNode? tail, int col0, int tind, int ind, int ld, char s, int w)
    {
        var we = PpElement(l[start], col0, tind, ind, LastDepth(l, start + 1, ld), w);
        PpTail(l, start + 1, tail, col0, col0 + we, tind, ind, ld, s, w + we);
    }

    private void PpTail(ImmutableArray<LayoutNode> l, int next, LayoutNode? tail, int col0, int col, int tind, int ind, int ld, char s, int w)
    {
        for (var i = next; i < l.Length; i++)
        {
            var e = l[i];
            var ld1 = LastDepth(l, i + 1, ld);
            sb.Append(',');
            if (FitsAfterComma(e, col, ld1, w))
            {
                e.WriteFlat(sb);
                col += 1 + e.Length;
                w += 1 + e.Length;
            }
            else
            {
                Indent(ind);
                var we = PpElement(e, col0, tind, ind, ld1, 0);
                col = col0 + we;
                w = we;
            }
        }
        if (tail is null) return;
        sb.Append(s);
        if (TailFits(tail, col, ld, w)) tail.WriteFlat(sb);
        else
        {
            Indent(ind);
            Pp(tail, col0, tind, ind, ld + 1, 0);
        }
    }

    private int PpElement(LayoutNode e, int col, int tind, int ind, int ld, int w)
    {
        if (e.IsText && Fits(e, col, ld, w))
        {
            e.WriteFlat(sb);
            return e.Length;
        }
        Pp(e, col, tind, ind, ld, w);
        return ll; // forces a new line for what follows
    }

    private void PpBinary(LayoutNode n, int col, int ind, int ld, int w)
    {
        var n0 = Math.Max(8, Math.Min(ll - col, m - 4 - w) - ld);
        var left = n0;
        var bytes = n.BinaryBytes;
        sb.Append("<<");
        for (var i = 0; i < bytes.Length - 1; i++)
        {
            var len = bytes[i].Length + 1;
            if (left - len < 0)
            {
                Indent(ind);
                left = n0 - len;
            }
            else left -= len;
            sb.Append(bytes[i]).Append(',');
        }
        var last = bytes[^1];
        if (last.Length > left) Indent(ind);
        sb.Append(last).Append(">>");
    }

    private void Cind(LayoutNode n, int col, int ind, int ld, int w)
    {
        if (Fits(n, col, ld, w)) return;
        switch (n.Kind)
        {
            case LayoutKind.List: CindList(n.Elements, 0, n.Tail, col + 1, ind, ld, w + 1); break;
            case LayoutKind.Tuple when n.IsTagged: CindTagTuple(n.Elements, col, ind, ld, w + 1); break;
            case LayoutKind.Tuple: CindList(n.Elements, 0, null, col + 1, ind, ld, w + 1); break;
        }
    }

    private void CindTagTuple(ImmutableArray<LayoutNode> l, int col, int ind, int ld, int w)
    {
        var tlen = l[0].Length;
        var tagInd = tlen + 2;
        var tcol = col + tagInd;
        if (ind > 0 && tagInd > ind)
        {
            var col1 = col + ind;
            if (m + col1 <= ll || col1 <= ll / 2) CindTail(l, 1, null, col1, tcol, ind, ld, w + tlen);
            else throw new NoGood();
        }
        else if (m + tcol < ll || tcol < ll / 2) CindList(l, 1, null, tcol, ind, ld, w + tlen + 1);
        else throw new NoGood();
    }

    private void CindList(ImmutableArray<LayoutNode> l, int start, LayoutNode? tail, int col0, int ind, int ld, int w)
    {
        var we = CindElement(l[start], col0, ind, LastDepth(l, start + 1, ld), w);
        CindTail(l, start + 1, tail, col0, col0 + we, ind, ld, w + we);
    }

    private void CindTail(ImmutableArray<LayoutNode> l, int next, LayoutNode? tail, int col0, int col, int ind, int ld, int w)
    {
        for (var i = next; i < l.Length; i++)
        {
            var e = l[i];
            var ld1 = LastDepth(l, i + 1, ld);
            if (FitsAfterComma(e, col, ld1, w))
            {
                col += 1 + e.Length;
                w += 1 + e.Length;
            }
            else
            {
                var we = CindElement(e, col0, ind, ld1, 0);
                col = col0 + we;
                w = we;
            }
        }
        if (tail is null || TailFits(tail, col, ld, w)) return;
        Cind(tail, col, ind, ld + 1, 0);
    }

    private int CindElement(LayoutNode e, int col, int ind, int ld, int w)
    {
        if (e.IsText && Fits(e, col, ld, w)) return e.Length;
        Cind(e, col, ind, ld, w);
        return ll;
    }
}
