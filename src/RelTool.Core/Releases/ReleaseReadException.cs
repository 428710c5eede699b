namespace RelTool.Core.Releases;

/// <summary>A release that cannot be read: missing, not a release directory, a corrupt tarball or manifest.</summary>
public sealed class ReleaseReadException(string message, Exception? inner = null) : Exception(message, inner);
