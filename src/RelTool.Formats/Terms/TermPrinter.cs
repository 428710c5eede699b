namespace RelTool.Formats.Terms;

/// <summary>Prints terms as OTP does. Owned by the terms work: replace the placeholder bodies.</summary>
public static class TermPrinter
{
    /// <summary>One line, as io_lib:format("~tw") would print it.</summary>
    public static string Flat(Term term) => throw new NotImplementedException("TermPrinter.Flat");

    /// <summary>io_lib_pretty layout, as io_lib:format("~tp") prints it starting at column 1 with line length 80.</summary>
    public static string Pretty(Term term, int lineLength = 80, int startColumn = 1) => throw new NotImplementedException("TermPrinter.Pretty");
}
