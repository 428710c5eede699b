using System.Collections.Immutable;

namespace RelTool.Core.Inspect;

/// <summary>What `reltool inspect` found in a release directory or tarball, and what is wrong with it.</summary>
/// <param name="Input">The path as the user gave it.</param>
/// <param name="Tarball">Facts about the tarball; null for a directory.</param>
/// <param name="StartErl">releases/start_erl.data when it could be read.</param>
/// <param name="Installed">releases/RELEASES, newest first; null when there is none or it cannot be read.</param>
/// <param name="Release">The selected release; null only when a damaged tarball stopped before one could be found.</param>
public sealed record Inspection(
    string Input,
    InputKind Kind,
    TarballFacts? Tarball,
    RuntimeFacts Runtime,
    StartErlFacts? StartErl,
    ImmutableArray<InstalledRelease>? Installed,
    InspectedRelease? Release,
    ImmutableArray<InspectProblem> Problems)
{
    public bool Ok => Problems.IsEmpty;

    /// <summary>The SBOM, SHA256SUMS and signature of the release; null when no release was read.</summary>
    public TrustFacts? Trust { get; init; }
}

public enum InputKind
{
    Directory,
    Tarball,

    /// <summary>A tarball without releases/start_erl.data and releases/RELEASES, as `reltool release --upgrade` writes
    /// &lt;name&gt;-from-&lt;old&gt;.tar.gz: it holds only what a host with the old release lacks.</summary>
    UpgradeTarball,
}

/// <summary>One line of a problem: the file (relative to the release root, or the tarball as given) and what is wrong.</summary>
public sealed record InspectProblem(string File, string Message)
{
    public override string ToString() => $"{File}: {Message}";
}

public sealed record StartErlFacts(string RuntimeVersion, string ReleaseVersion);

/// <summary>One release of releases/RELEASES.</summary>
public sealed record InstalledRelease(string Name, string Version, string RuntimeVersion, string Status);
