using RelTool.IntegrationTests.Boot;
using RelTool.IntegrationTests.RealApps;

namespace RelTool.IntegrationTests.Production;

/// <summary>`start`'s log rotates by size (log_max_bytes, log_files) without losing or splitting a line.</summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
[Collection(ProductionWebApi.Collection)]
public sealed class LogRotationTests(ProductionWebApi webApi)
{
    [Fact]
    public void A_chatty_app_s_log_rotates_keeps_at_most_log_files_files_and_loses_no_line_between_them()
    {
        var tree = webApi.InstallFresh("chatty");
        Assert.Equal($"{ProductionWebApi.LogMaxBytes} {ProductionWebApi.LogFiles}\n", File.ReadAllText(Path.Combine(tree.Root, "releases", "1.0.0", "log_rotation")));
        // ~80 bytes a line: about 9 files' worth, so the oldest are dropped.
        const int lines = 1800;
        var env = new Dictionary<string, string>
        {
            ["ASPNETCORE_URLS"] = $"http://127.0.0.1:{Posix.FreeLoopbackPort()}",
            ["CHATTY_LINES"] = lines.ToString(System.Globalization.CultureInfo.InvariantCulture),
        };
        var start = LauncherRun.Run(tree, ["start"], env);
        Assert.True(start.ExitCode == 0, start.ToString());
        try
        {
            Assert.True(WaitFor.Condition(() => File.Exists(tree.LogFile) && File.ReadAllText(tree.LogFile).Contains("chatty done"), 60),
                "the app's last line never reached the log");
        }
        finally
        {
            var stop = LauncherRun.Run(tree, ["stop"]);
            Assert.True(stop.ExitCode == 0, stop.ToString());
        }

        var logDir = Path.GetDirectoryName(tree.LogFile)!;
        var files = Directory.GetFiles(logDir).Order(StringComparer.Ordinal).ToList();
        Assert.True(files.Count == ProductionWebApi.LogFiles, $"expected {ProductionWebApi.LogFiles} files, got: {string.Join(", ", files)}");
        // Oldest first: shop.log.4 ... shop.log.1, shop.log.
        var ordered = Enumerable.Range(1, ProductionWebApi.LogFiles - 1).Reverse().Select(i => $"{tree.LogFile}.{i}").Append(tree.LogFile).ToList();
        Assert.Equal(ordered.Order(StringComparer.Ordinal), files);
        foreach (var file in ordered.SkipLast(1))
            Assert.InRange(new FileInfo(file).Length, 1, ProductionWebApi.LogMaxBytes);

        var chatty = ordered.SelectMany(File.ReadLines).Where(l => l.StartsWith("chatty ", StringComparison.Ordinal)).ToList();
        Assert.Equal("chatty done", chatty[^1]);
        var numbers = chatty.SkipLast(1).Select(l => int.Parse(l.Split(' ')[1], System.Globalization.CultureInfo.InvariantCulture)).ToList();
        // The kept lines are whole and consecutive up to the last one: nothing lost at any rotation.
        Assert.Equal(lines, numbers[^1]);
        Assert.Equal(Enumerable.Range(numbers[0], numbers.Count), numbers);
        Assert.True(numbers[0] > 1, "the oldest lines should have been rotated out");
        Assert.All(chatty.SkipLast(1), l => Assert.Matches("^chatty \\d{6} x{60}$", l));
    }
}
