namespace RelTool.Formats.Terms;

/// <summary>
/// OTP 25's string:length/1: the number of grapheme clusters as unicode_util:gc/1 splits them. A port
/// rather than .NET's StringInfo because the two differ: OTP 25 uses Unicode 14.0 (a newer .NET knows
/// more combining marks) and its own reading of the rules (after Extended_Pictographic ZWJ, only another
/// pictographic joins the cluster).
/// </summary>
internal static class OtpGraphemes
{
    private const int Cr = '\r';
    private const int Lf = '\n';

    public static int Length(ReadOnlySpan<int> cps)
    {
        var n = 0;
        for (var i = 0; i < cps.Length; n++)
            i = i + 1 < cps.Length && cps[i] < 256 && cps[i + 1] < 256 && cps[i] != Cr ? i + 1 : Gc(cps, i);
        return n;
    }

    /// <summary>unicode_util:gc/1 on the code points from <paramref name="i"/>: the index after the first cluster.</summary>
    private static int Gc(ReadOnlySpan<int> cps, int i)
    {
        if (i + 1 >= cps.Length) return cps.Length;
        if (cps[i] == Cr) return cps[i + 1] == Lf ? i + 2 : i + 1;
        if (cps[i] < 256 && cps[i + 1] < 256) return i + 1;
        return Gc1(cps, i);
    }

    private static int Gc1(ReadOnlySpan<int> cps, int i)
    {
        var cp = cps[i];
        if (cp == Cr) return i + 1 < cps.Length && cps[i + 1] == Lf ? i + 2 : i + 1;
        if (In(OtpGraphemeTables.Control, cp)) return i + 1;
        if (In(OtpGraphemeTables.ExtPict, cp)) return ExtPict(cps, i + 1);
        if (cp < 256) return i + 1 < cps.Length && cps[i + 1] < 256 ? i + 1 : Extend(cps, i + 1);
        if (In(OtpGraphemeTables.Prepend, cp)) return Prepend(cps, i + 1);
        if (In(OtpGraphemeTables.HangulL, cp)) return HangulL(cps, i + 1);
        if (In(OtpGraphemeTables.HangulV, cp) || In(OtpGraphemeTables.HangulLV, cp)) return HangulV(cps, i + 1);
        if (In(OtpGraphemeTables.HangulT, cp) || In(OtpGraphemeTables.HangulLVT, cp)) return HangulT(cps, i + 1);
        if (In(OtpGraphemeTables.Regional, cp))
            return i + 1 < cps.Length && In(OtpGraphemeTables.Regional, cps[i + 1]) ? Extend(cps, i + 2) : Extend(cps, i + 1);
        return Extend(cps, i + 1);
    }

    /// <summary>gc_prepend: joins the next cluster unless a control (CR and LF included) follows.</summary>
    private static int Prepend(ReadOnlySpan<int> cps, int i) =>
        i >= cps.Length || cps[i] is Cr or Lf || In(OtpGraphemeTables.Control, cps[i]) ? i : Gc1(cps, i);

    /// <summary>gc_extend and gc_extend2: any run of Extend (SpacingMark included) and ZWJ.</summary>
    private static int Extend(ReadOnlySpan<int> cps, int i)
    {
        while (i < cps.Length && IsExtend(cps[i])) i++;
        return i;
    }

    /// <summary>gc_ext_pict and gc_ext_pict_zwj.</summary>
    private static int ExtPict(ReadOnlySpan<int> cps, int i)
    {
        while (i < cps.Length)
        {
            if (In(OtpGraphemeTables.Zwj, cps[i]))
            {
                if (i + 1 < cps.Length && In(OtpGraphemeTables.ExtPict, cps[i + 1])) i += 2;
                else return i + 1;
            }
            else if (In(OtpGraphemeTables.Extend, cps[i])) i++;
            else return i;
        }
        return i;
    }

    private static int HangulL(ReadOnlySpan<int> cps, int i)
    {
        while (i < cps.Length && In(OtpGraphemeTables.HangulL, cps[i])) i++;
        if (i >= cps.Length) return i;
        if (In(OtpGraphemeTables.HangulV, cps[i]) || In(OtpGraphemeTables.HangulLV, cps[i])) return HangulV(cps, i + 1);
        if (In(OtpGraphemeTables.HangulLVT, cps[i])) return HangulT(cps, i + 1);
        return Extend(cps, i);
    }

    private static int HangulV(ReadOnlySpan<int> cps, int i)
    {
        while (i < cps.Length && In(OtpGraphemeTables.HangulV, cps[i])) i++;
        return i < cps.Length && In(OtpGraphemeTables.HangulT, cps[i]) ? HangulT(cps, i + 1) : Extend(cps, i);
    }

    private static int HangulT(ReadOnlySpan<int> cps, int i)
    {
        while (i < cps.Length && In(OtpGraphemeTables.HangulT, cps[i])) i++;
        return Extend(cps, i);
    }

    private static bool IsExtend(int cp) => In(OtpGraphemeTables.Extend, cp) || In(OtpGraphemeTables.Zwj, cp);

    /// <summary>Whether cp lies in one of the sorted inclusive [start, end] pairs.</summary>
    private static bool In(ReadOnlySpan<int> ranges, int cp)
    {
        int lo = 0, hi = ranges.Length / 2 - 1;
        while (lo <= hi)
        {
            var mid = (lo + hi) >>> 1;
            if (cp < ranges[2 * mid]) hi = mid - 1;
            else if (cp > ranges[2 * mid + 1]) lo = mid + 1;
            else return true;
        }
        return false;
    }
}
