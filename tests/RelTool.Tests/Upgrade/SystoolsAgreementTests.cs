using System.Diagnostics;

namespace RelTool.Tests.Upgrade;

/// <summary>
/// The committed expected.relup files are what the real systools:make_relup writes today (needs `erl`;
/// fails when it is missing: CI installs erlang-base).
/// </summary>
public sealed class SystoolsAgreementTests : IDisposable
{
    private readonly string outDir = Directory.CreateTempSubdirectory("relup-systools-").FullName;

    public void Dispose() => Directory.Delete(outDir, recursive: true);

    [Theory]
    [MemberData(nameof(RelupCase.All), MemberType = typeof(RelupCase))]
    public void Committed_expectation_is_systools_output(string name)
    {
        var c = RelupCase.Named(name);
        var strip = (string rel) => rel[..^".rel".Length];
        var olds = string.Join(",", c.OldRels.Select(o => $"\"{strip(o)}\""));
        var opts = string.Concat(c.Options.Select(o => ", " + o));
        var eval = $"R = systools:make_relup(\"{strip(c.NewRel)}\", [{olds}], [{olds}], [{{path, [\"{c.Dir}/lib/*/ebin\"]}}, {{outdir, \"{outDir}\"}}, silent{opts}]), " +
                   "io:format(\"~w~n\", [element(1, R)]), halt().";
        var start = new ProcessStartInfo("erl", ["-noshell", "-noinput", "-eval", eval]) { RedirectStandardOutput = true, RedirectStandardError = true };
        using var erl = Process.Start(start) ?? throw new InvalidOperationException("could not start erl");
        var stdout = erl.StandardOutput.ReadToEnd();
        erl.WaitForExit();
        Assert.Equal(c.ExpectedRc == 0 ? "ok" : "error", stdout.Trim());
        var written = Path.Combine(outDir, "relup");
        var expected = c.Expected("expected.relup");
        if (expected is null) Assert.False(File.Exists(written));
        // systools itself orders unrelated branches differently from run to run here (ETS hash order, rule 5).
        else if (c.Unordered) RelupCaseTests.AssertSameUpToUnrelatedOrder(expected, File.ReadAllText(written));
        else Assert.Equal(expected, File.ReadAllText(written));
    }
}
