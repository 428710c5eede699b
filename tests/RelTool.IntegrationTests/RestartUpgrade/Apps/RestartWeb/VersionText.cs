/// <summary>What GET /version answers; the tests rewrite it with the Version of each release they build.</summary>
static class VersionText
{
    public const string Value = "1.0.0";
}
