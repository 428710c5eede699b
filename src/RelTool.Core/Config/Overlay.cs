namespace RelTool.Core.Config;

/// <summary>What an overlay does to the release tree; destinations are relative to the release root and may use template variables.</summary>
public enum OverlayKind
{
    /// <summary>Copy a file or a folder from the project into the release.</summary>
    Copy,
    /// <summary>Create an empty folder in the release.</summary>
    Mkdir,
    /// <summary>Copy a text file into the release with {{variables}} replaced.</summary>
    Template,
}

/// <summary>One entry of a release's `overlays`. <see cref="Source"/> is null for mkdir. Line/Column locate it in the config for messages.</summary>
public sealed record Overlay(OverlayKind Kind, string? Source, string Destination, int Line = 0, int Column = 0);
