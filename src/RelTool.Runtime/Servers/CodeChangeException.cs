namespace RelTool.Runtime;

/// <summary>A code change was refused or <c>CodeChange</c> failed; the server keeps its old code and state.</summary>
public sealed class CodeChangeException(string message, Exception? inner = null) : Exception(message, inner);
