using System.Text.Json;
using RelTool.Formats.Manifests;
using RelTool.Formats.Manifests.Instructions;

namespace RelTool.Tests.Upgrade;

/// <summary>Every case of Cases/ (spec examples and our own, all produced by OTP 25.2.3 systools) through the real CLI.</summary>
public sealed class RelupCaseTests : IDisposable
{
    private readonly string outDir = Directory.CreateTempSubdirectory("relup-case-").FullName;

    public void Dispose() => Directory.Delete(outDir, recursive: true);

    [Theory]
    [MemberData(nameof(RelupCase.All), MemberType = typeof(RelupCase))]
    public void Gives_what_systools_gives(string name)
    {
        var c = RelupCase.Named(name);
        var (rc, stdout, stderr) = c.Run(outDir, "--json");
        Assert.True(c.ExpectedRc == rc, $"exit code {rc}, systools {c.ExpectedRc}; stderr: {stderr}");
        var written = Path.Combine(outDir, "relup");
        if (c.Expected("expected.relup") is { } expected)
        {
            var actual = File.ReadAllText(written);
            if (c.Unordered) AssertSameUpToUnrelatedOrder(expected, actual);
            else Assert.Equal(expected, actual);
        }
        else
        {
            Assert.False(File.Exists(written), "nothing is written on error");
        }
        if (c.Expected("expected.error") is { } reason)
            Assert.Contains($"[{reason.Trim()}, from systools_", stderr);
        if (c.Expected("expected.warnings") is { } warnings)
        {
            using var json = JsonDocument.Parse(stdout);
            var ours = json.RootElement.GetProperty("warnings").EnumerateArray().Select(w => w.GetProperty("reason").GetString()).ToArray();
            Assert.Equal(warnings.Split('\n', StringSplitOptions.RemoveEmptyEntries), ours);
        }
    }

    /// <summary>
    /// OTP orders unrelated branches of one dependency component by ETS hash order (relup-rules.md rule 5):
    /// the same instructions must appear, and each load must respect the dependency edges of the case.
    /// </summary>
    internal static void AssertSameUpToUnrelatedOrder(string expectedText, string actualText)
    {
        var expected = RelupFile.Parse(Formats.Terms.TermReader.Parse(expectedText, "expected.relup"), "expected.relup");
        var actual = RelupFile.Parse(Formats.Terms.TermReader.Parse(actualText, "relup"), "relup");
        Assert.Equal(expected.Vsn, actual.Vsn);
        foreach (var (e, a) in expected.Up.Concat(expected.Down).Zip(actual.Up.Concat(actual.Down)))
        {
            Assert.Equal(e.Vsn, a.Vsn);
            Assert.Equal(Sorted(e.Instructions), Sorted(a.Instructions));
            var expectedLoads = e.Instructions.OfType<Load>().Select(l => l.Module).ToList();
            var actualLoads = a.Instructions.OfType<Load>().Select(l => l.Module).ToList();
            Assert.Equal(expectedLoads.First(), actualLoads.First());
            Assert.Equal(expectedLoads.Last(), actualLoads.Last());
        }

        static List<string> Sorted(IEnumerable<Instruction> instructions) =>
            instructions.Select(i => i is LoadObjectCode l ? $"loc {l.Application} {string.Join(",", l.Modules.Order())}" : i.ToString()).Order().ToList();
    }
}
