using System.Collections.Immutable;

namespace RelTool.Core.Inspect;

/// <summary>The release selected for inspection: releases/&lt;Version&gt;/ and the applications of its .rel.</summary>
/// <param name="Name">From the .rel; null when it cannot be read.</param>
/// <param name="RelFile">releases/&lt;V&gt;/&lt;name&gt;.rel; null when there is not exactly one.</param>
/// <param name="Relup">releases/&lt;V&gt;/relup; null when there is none.</param>
public sealed record InspectedRelease(
    string? Name,
    string Version,
    VersionSource ChosenBy,
    string? RuntimeVersion,
    string? RelFile,
    ImmutableArray<InspectedApplication> Applications,
    RelupFacts? Relup)
{
    /// <summary>The runtime identifier start.boot records; null for releases made before reltool recorded it.</summary>
    public string? RuntimeIdentifier { get; init; }

    /// <summary>How many binaries under runtime/ and lib/ were checked against <see cref="RuntimeIdentifier"/>; null when not checked.</summary>
    public int? BinariesChecked { get; init; }
}

/// <summary>Why this version was inspected.</summary>
public enum VersionSource
{
    /// <summary>--version</summary>
    Option,

    /// <summary>releases/start_erl.data, what bin/&lt;name&gt; boots</summary>
    StartErlData,

    /// <summary>the permanent release of releases/RELEASES (start_erl.data missing or naming no release)</summary>
    Permanent,

    /// <summary>the newest releases/&lt;V&gt;/ holding a .rel (neither of the above)</summary>
    Newest,
}

/// <summary>One application of the .rel and its lib/&lt;Name&gt;-&lt;Version&gt;/.</summary>
/// <param name="Present">lib/&lt;Name&gt;-&lt;Version&gt;/ exists.</param>
/// <param name="Modules">The number of modules its .app lists; null when the .app is missing or unreadable.</param>
/// <param name="HasAppup">lib/&lt;Name&gt;-&lt;Version&gt;/&lt;Name&gt;.appup exists.</param>
public sealed record InspectedApplication(string Name, string Version, string LibDir, bool Present, int Files, long Bytes, int? Modules, bool HasAppup);

/// <summary>releases/&lt;V&gt;/relup: the versions its up scripts come from and its down scripts go to (empty when unreadable).</summary>
public sealed record RelupFacts(string File, bool Readable, ImmutableArray<string> UpFrom, ImmutableArray<string> DownTo);
