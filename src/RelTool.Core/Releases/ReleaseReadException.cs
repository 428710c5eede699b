using RelTool.Formats;

namespace RelTool.Core.Releases;

/// <summary>A release that cannot be read: missing, not a release directory, a corrupt tarball or manifest.</summary>
public sealed class ReleaseReadException(string problem, Exception? inner = null, string? file = null, string? fix = null)
    : RelToolException(problem, file, fix: fix, inner: inner);
