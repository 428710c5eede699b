using System.Text.Json;
using RelTool.Core.Build;
using RelTool.IntegrationTests.StockApps;

namespace RelTool.IntegrationTests.Release;

/// <summary>
/// A release whose restore downloads packages verifies their signatures against the .NET SDK's trusted roots, as
/// `dotnet restore` does. The restore runs inside reltool's process, where NuGet looked for the SDK's trust bundle
/// beside reltool and found none: with verification on (the dotnet CLI turns it on for the processes it starts, so
/// `reltool` run from `dotnet test` had it) every newly downloaded package was untrusted (NU3042, NU3018, NU3037).
/// </summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class PackageSignatureTests
{
    [Fact]
    public void Packages_a_release_downloads_are_verified_against_the_sdks_trusted_roots()
    {
        using var web = new StockWebApi("Signed");
        // An empty package folder: every package the release needs is downloaded, so every one is verified.
        var packages = Directory.CreateTempSubdirectory("reltool-packages-").FullName;
        try
        {
            var output = Path.Combine(web.WorkDir, "rel");
            var outcome = ReltoolProcess.Run(web.ProjectDir, new Dictionary<string, string>
            {
                ["NUGET_PACKAGES"] = packages,
                [NuGetTrustBundle.VerificationVariable] = bool.TrueString,
            }, "release", "--json", "--no-tar", "--output", output);

            Assert.True(outcome.ExitCode == 0, outcome.ToString());
            var diagnostics = JsonDocument.Parse(outcome.Stdout).RootElement.GetProperty("diagnostics").EnumerateArray()
                .Select(d => d.GetProperty("code").GetString() + " " + d.GetProperty("message").GetString()).ToList();
            Assert.DoesNotContain(diagnostics, d => d.StartsWith("NU30", StringComparison.Ordinal));
            // Downloaded indeed (the web SDK's OpenAPI package at least), so the check above saw verifications.
            Assert.NotEmpty(Directory.GetDirectories(packages));
        }
        finally
        {
            Directory.Delete(packages, recursive: true);
        }
    }
}
