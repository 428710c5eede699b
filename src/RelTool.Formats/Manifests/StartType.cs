namespace RelTool.Formats.Manifests;

/// <summary>
/// How application:start treats an application: the Type of a .rel entry, and the type an add_application instruction
/// starts it with (permanent, transient, temporary, load or none).
/// </summary>
public enum StartType { Permanent, Transient, Temporary, Load, None }
