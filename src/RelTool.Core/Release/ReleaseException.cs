using RelTool.Formats;

namespace RelTool.Core.Release;

/// <summary>A release cannot be built or written, for a reason the user can act on; the message says which and what to do.</summary>
public sealed class ReleaseException(string message, Exception? inner = null) : RelToolException(message, inner: inner);
