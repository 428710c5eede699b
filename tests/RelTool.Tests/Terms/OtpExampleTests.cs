using System.Runtime.CompilerServices;
using RelTool.Formats.Terms;
using RelTool.Tests.Golden;

namespace RelTool.Tests.Terms;

/// <summary>Files written by OTP 25.2.3 itself (kept as test data beside this file): read and re-printed byte for byte.</summary>
public class OtpExampleTests
{
    private static string ExampleDir([CallerFilePath] string source = "") => Path.Combine(Path.GetDirectoryName(source)!, "OtpExamples");

    public static TheoryData<string> Files() => new(Directory.GetFiles(ExampleDir()).Select(Path.GetFileName).Order()!);

    [Theory]
    [MemberData(nameof(Files))]
    public void Otp_file_is_reproduced_byte_for_byte(string file)
    {
        var original = File.ReadAllText(Path.Combine(ExampleDir(), file));
        var terms = TermReader.Parse(original, file);
        Assert.Single(terms);
        var printed = ConsultFile.FormatOtp(terms[0]);
        Assert.True(original == printed, TextDiff.Describe(original, printed));
    }

    [Fact]
    public void There_are_examples_of_both_kinds()
    {
        var files = Directory.GetFiles(ExampleDir()).Select(Path.GetFileName).ToList();
        Assert.Contains(files, f => f!.StartsWith("RELEASES.", StringComparison.Ordinal));
        Assert.Contains(files, f => f!.EndsWith(".relup", StringComparison.Ordinal));
    }
}
