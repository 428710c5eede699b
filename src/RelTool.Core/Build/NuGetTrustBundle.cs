namespace RelTool.Core.Build;

/// <summary>
/// The .NET SDK's bundle of roots NuGet trusts for package signatures (<c>trustedroots/codesignctl.pem</c> and
/// <c>timestampctl.pem</c> in the SDK folder). NuGet, when it verifies a package it downloads (on Linux the dotnet CLI
/// turns that on for every restore), looks for the bundle beside the process's application: the SDK folder for
/// <c>dotnet restore</c>, but reltool's own folder for the restore reltool runs in its process, where there was none —
/// so every new package failed verification there (NU3042 "no certificate bundle was found", then NU3018 and NU3037).
/// reltool places a copy of the registered SDK's bundle beside itself, and on Linux verifies as the dotnet CLI does.
/// </summary>
public static class NuGetTrustBundle
{
    public const string FolderName = "trustedroots";

    /// <summary>The dotnet CLI's switch for NuGet's signature verification (it sets True on Linux unless set).</summary>
    public const string VerificationVariable = "DOTNET_NUGET_SIGNATURE_VERIFICATION";

    /// <summary>Why the bundle could not be placed in this process (null when it was, or when there is none to place).</summary>
    public static string? Problem { get; private set; }

    /// <summary>
    /// Copies <paramref name="sdkDir"/>/trustedroots/*.pem to <paramref name="appDir"/>/trustedroots/ where missing or
    /// different (each through a temp file and a rename, so a concurrent run never reads half a file). Returns why not,
    /// or null. Windows verifies against the system's store: nothing to do there.
    /// </summary>
    public static string? Place(string sdkDir, string appDir)
    {
        var source = Path.Combine(sdkDir, FolderName);
        if (OperatingSystem.IsWindows() || !Directory.Exists(source)) return null;
        var target = Path.Combine(appDir, FolderName);
        try
        {
            Directory.CreateDirectory(target);
            foreach (var file in Directory.EnumerateFiles(source, "*.pem"))
            {
                var bytes = File.ReadAllBytes(file);
                var copy = Path.Combine(target, Path.GetFileName(file));
                if (File.Exists(copy) && File.ReadAllBytes(copy).AsSpan().SequenceEqual(bytes)) continue;
                var temp = $"{copy}.{Environment.ProcessId}.tmp";
                File.WriteAllBytes(temp, bytes);
                File.Move(temp, copy, overwrite: true);
            }
            return null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return $"{target}: the .NET SDK's NuGet trust bundle ({source}) could not be copied there ({e.Message})";
        }
    }

    /// <summary>
    /// Once per process, after the SDK is registered: places the bundle beside this process's application and, on
    /// Linux, turns NuGet's signature verification on unless the environment says otherwise (as the dotnet CLI does).
    /// </summary>
    internal static void Prepare(string sdkDir)
    {
        Problem = Place(sdkDir, AppContext.BaseDirectory);
        if (Problem is null && OperatingSystem.IsLinux() && string.IsNullOrEmpty(Environment.GetEnvironmentVariable(VerificationVariable)))
            Environment.SetEnvironmentVariable(VerificationVariable, bool.TrueString);
    }

    /// <summary>What to tell a user whose restore failed on an untrusted signature because the bundle is not in place.</summary>
    public static BuildDiagnostic? HintFor(string? problem, IEnumerable<BuildDiagnostic> diagnostics) =>
        problem is not null && diagnostics.Any(d => d.Code is "NU3042" or "NU3018" or "NU3037")
            ? new BuildDiagnostic(DiagnosticSeverity.Error, null, 0, 0, null,
                $"{problem}; NuGet cannot verify new packages without it: make that folder writable, or set {VerificationVariable}=false to restore without verifying signatures", null)
            : null;
}
