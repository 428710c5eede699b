using RelTool.Formats.Terms;
using RelTool.Tests.Erlang;

namespace RelTool.Tests.Terms;

/// <summary>OtpGraphemes.Length against string:length of the installed erl.</summary>
public class OtpGraphemesTests
{
    /// <summary>Sequences around one code point C whose cluster counts tell its class apart (control, extend, prepend, pictographic, Hangul, regional).</summary>
    private static readonly (string Erl, Func<int, int[]> Ours)[] Probes =
    [
        ("[C, 16#301]", c => [c, 0x301]),
        ("[$a, C]", c => ['a', c]),
        ("[C, $a]", c => [c, 'a']),
        ("[16#1F600, 16#200D, C]", c => [0x1F600, 0x200D, c]),
        ("[C, 16#1161, 16#11A8]", c => [c, 0x1161, 0x11A8]),
        ("[C, 16#11A8]", c => [c, 0x11A8]),
        ("[16#1100, C]", c => [0x1100, c]),
        ("[16#1F1E6, C]", c => [0x1F1E6, c]),
    ];

    /// <summary>Planes 0 to 2 and 14 (tags, variation selectors): where Unicode 14 has code points of any class but Other.</summary>
    private static IEnumerable<int> CodePoints() =>
        Enumerable.Range(0, 0xD800).Concat(Enumerable.Range(0xE000, 0x30000 - 0xE000)).Concat(Enumerable.Range(0xE0000, 0x1000));

    [Fact]
    public void Every_code_point_is_classed_as_string_length_does()
    {
        var probes = string.Join(", ", Probes.Select(p => $"($0 + string:length({p.Erl}))"));
        var expected = ErlRunner.Eval(
            "Cs = lists:seq(0, 16#D7FF) ++ lists:seq(16#E000, 16#2FFFF) ++ lists:seq(16#E0000, 16#E0FFF), " +
            $"io:put_chars(<< <<{probes}>> || C <- Cs >>)");
        var codePoints = CodePoints().ToList();
        Assert.Equal(codePoints.Count * Probes.Length, expected.Length);
        var failures = new List<string>();
        for (var i = 0; i < codePoints.Count; i++)
            for (var p = 0; p < Probes.Length; p++)
            {
                var ours = OtpGraphemes.Length(Probes[p].Ours(codePoints[i]));
                var erl = expected[i * Probes.Length + p] - '0';
                if (ours != erl) failures.Add($"C = 16#{codePoints[i]:X}: string:length({Probes[p].Erl}) is {erl}, ours {ours}");
            }
        Assert.True(failures.Count == 0, $"{failures.Count} differences:\n" + string.Join("\n", failures.Take(20)));
    }

    [Theory]
    [InlineData(new[] { 0x2EAE, 0x897, 0xA6 }, 3)] // U+0897 is unassigned in Unicode 14, a combining mark from 16.0
    [InlineData(new[] { 0x65, 0x301, 0x301 }, 1)]
    [InlineData(new[] { 0x0D, 0x0A, 0x61 }, 2)]
    [InlineData(new[] { 0x1F469, 0x200D, 0x1F4BB }, 1)]
    [InlineData(new[] { 0x1F469, 0x200D, 0x301 }, 2)] // OTP ends the cluster after ZWJ unless a pictographic follows
    [InlineData(new[] { 0x1F1E6, 0x1F1E8, 0x1F1E6 }, 2)]
    [InlineData(new[] { 0x1100, 0x1161, 0x11A8, 0x1100 }, 2)]
    [InlineData(new[] { 0x600, 0x661 }, 1)]
    public void KnownLengths(int[] codePoints, int length) => Assert.Equal(length, OtpGraphemes.Length(codePoints));
}
