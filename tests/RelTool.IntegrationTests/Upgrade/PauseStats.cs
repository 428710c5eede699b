using System.Globalization;

namespace RelTool.IntegrationTests.Upgrade;

/// <summary>Pauses in milliseconds summed up for the test output: median, min, max and every value.</summary>
public static class PauseStats
{
    public static double Median(IReadOnlyList<double> values)
    {
        var sorted = values.Order().ToArray();
        return sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[sorted.Length / 2 - 1] + sorted[sorted.Length / 2]) / 2;
    }

    public static string Describe(IReadOnlyList<double> values) => string.Create(CultureInfo.InvariantCulture,
        $"median {Median(values):0.000} ms, min {values.Min():0.000}, max {values.Max():0.000} ({string.Join(", ", values.Select(v => v.ToString("0.000", CultureInfo.InvariantCulture)))})");
}
