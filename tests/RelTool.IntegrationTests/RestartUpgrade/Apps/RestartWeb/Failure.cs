/// <summary>How this build fails on purpose: never. The tests' 1.2.0 reads RESTART_WEB_FAILURE (crash, hang, unhealthy) instead.</summary>
static class Failure
{
    public static string? Mode => null;
}
