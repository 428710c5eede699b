namespace RelTool.Formats.Trust;

/// <summary>A key, signature or checksum file that cannot be used; the message names the file and what to do.</summary>
public sealed class TrustException(string message) : RelToolException(message);
