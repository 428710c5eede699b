namespace RelTool.Formats.Terms;

/// <summary>Whole-file text framing for term files.</summary>
public static class ConsultFile
{
    /// <summary>"%% coding: utf-8\n" + ~tp layout + ".\n": how OTP writes relup and RELEASES.</summary>
    public static string FormatOtp(Term term) => "%% coding: utf-8\n" + TermPrinter.Pretty(term) + ".\n";

    /// <summary>Terms laid out by ~tp, each followed by ".\n": how reltool writes .app, .rel, .appup and start.boot.</summary>
    public static string FormatTerms(params Term[] terms) => string.Concat(terms.Select(t => TermPrinter.Pretty(t) + ".\n"));
}
