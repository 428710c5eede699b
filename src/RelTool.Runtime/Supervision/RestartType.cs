namespace RelTool.Runtime;

public enum RestartType
{
    /// <summary>Always restarted.</summary>
    Permanent,

    /// <summary>Restarted only when it exits abnormally (not normal or shutdown).</summary>
    Transient,

    /// <summary>Never restarted.</summary>
    Temporary,
}
