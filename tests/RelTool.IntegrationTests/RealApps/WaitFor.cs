namespace RelTool.IntegrationTests.RealApps;

public static class WaitFor
{
    /// <summary>Polls <paramref name="condition"/> every 100 ms; false when it still does not hold after <paramref name="seconds"/>.</summary>
    public static bool Condition(Func<bool> condition, int seconds = 60)
    {
        var deadline = DateTime.UtcNow.AddSeconds(seconds);
        while (!condition())
        {
            if (DateTime.UtcNow > deadline) return false;
            Thread.Sleep(100);
        }
        return true;
    }
}
