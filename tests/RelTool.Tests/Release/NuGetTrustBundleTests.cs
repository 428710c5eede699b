using RelTool.Core.Build;

namespace RelTool.Tests.Release;

public sealed class NuGetTrustBundleTests : IDisposable
{
    private readonly string root = Directory.CreateTempSubdirectory("reltool-trust-").FullName;

    private string Sdk => Path.Combine(root, "sdk");

    private string App => Path.Combine(root, "app");

    public NuGetTrustBundleTests()
    {
        Directory.CreateDirectory(Path.Combine(Sdk, NuGetTrustBundle.FolderName));
        File.WriteAllText(Path.Combine(Sdk, NuGetTrustBundle.FolderName, "codesignctl.pem"), "code signing roots\n");
        File.WriteAllText(Path.Combine(Sdk, NuGetTrustBundle.FolderName, "timestampctl.pem"), "timestamping roots\n");
        Directory.CreateDirectory(App);
    }

    public void Dispose() => Directory.Delete(root, recursive: true);

    [Fact]
    public void The_sdks_bundle_is_copied_beside_the_application_and_kept_in_step_with_it()
    {
        Assert.Null(NuGetTrustBundle.Place(Sdk, App));
        var copy = Path.Combine(App, NuGetTrustBundle.FolderName, "codesignctl.pem");
        Assert.Equal("code signing roots\n", File.ReadAllText(copy));
        Assert.Equal("timestamping roots\n", File.ReadAllText(Path.Combine(App, NuGetTrustBundle.FolderName, "timestampctl.pem")));

        // An SDK update brings new roots: the copy follows; no temp file is left behind.
        File.WriteAllText(Path.Combine(Sdk, NuGetTrustBundle.FolderName, "codesignctl.pem"), "new roots\n");
        Assert.Null(NuGetTrustBundle.Place(Sdk, App));
        Assert.Equal("new roots\n", File.ReadAllText(copy));
        Assert.Equal(2, Directory.GetFiles(Path.Combine(App, NuGetTrustBundle.FolderName)).Length);
    }

    [Fact]
    public void A_folder_that_cannot_hold_the_bundle_is_named_and_a_failed_signature_check_then_says_what_to_do()
    {
        File.WriteAllText(Path.Combine(App, NuGetTrustBundle.FolderName), "a file where the folder should be\n");

        var problem = NuGetTrustBundle.Place(Sdk, App);

        Assert.NotNull(problem);
        Assert.StartsWith(Path.Combine(App, NuGetTrustBundle.FolderName) + ":", problem);
        var untrusted = new BuildDiagnostic(DiagnosticSeverity.Error, "a.csproj", 0, 0, "NU3042", "root certificate is untrusted", null);
        var hint = NuGetTrustBundle.HintFor(problem, [untrusted]);
        Assert.NotNull(hint);
        Assert.Contains(problem!, hint!.Message);
        Assert.Contains($"{NuGetTrustBundle.VerificationVariable}=false", hint.Message);
        // No hint for other failures, nor when the bundle is in place.
        Assert.Null(NuGetTrustBundle.HintFor(problem, [untrusted with { Code = "CS1002" }]));
        Assert.Null(NuGetTrustBundle.HintFor(null, [untrusted]));
    }

    [Fact]
    public void An_sdk_without_a_bundle_leaves_nothing_to_do()
    {
        Directory.Delete(Path.Combine(Sdk, NuGetTrustBundle.FolderName), recursive: true);
        Assert.Null(NuGetTrustBundle.Place(Sdk, App));
        Assert.False(Directory.Exists(Path.Combine(App, NuGetTrustBundle.FolderName)));
    }
}
