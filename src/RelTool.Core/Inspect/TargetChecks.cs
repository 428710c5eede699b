using RelTool.Core.Targets;

namespace RelTool.Core.Inspect;

/// <summary>
/// Every binary under runtime/ and lib/ runs on the release's target: ELF machine, interpreter and C library, Mach-O
/// CPU type, PE machine (managed assemblies: IL-only, or ReadyToRun code for the target's OS and machine). Read from
/// the headers (<see cref="NativeBinary"/>); a mismatch is a problem naming the file.
/// </summary>
internal static class TargetChecks
{
    /// <returns>How many binaries were checked; null when the release names no runtime identifier reltool knows.</returns>
    public static int? Check(InspectContext context, string? runtimeIdentifier)
    {
        if (runtimeIdentifier is null || TargetPlatform.TryParse(runtimeIdentifier) is not { } target) return null;
        foreach (var (path, binary) in context.Files.Binaries)
            if (binary.MismatchFor(target) is { } mismatch)
                context.Problem(path, $"{mismatch}; the release is for {runtimeIdentifier} ({target.Describe()})");
        return context.Files.Binaries.Count;
    }
}
