namespace RelTool.Runtime;

/// <summary>
/// An application callback module (OTP's <c>application</c> behaviour). The launcher finds the one public
/// implementation in the entry assembly and calls it; it needs a parameterless constructor.
/// </summary>
public interface IApplication
{
    /// <summary>Starts the application's top process, usually a <see cref="Supervisor"/> (<c>Module:start/2</c>).</summary>
    IChildProcess Start(Node node, IReadOnlyList<string> args);

    /// <summary>Called after the top process has stopped (<c>Module:stop/1</c>).</summary>
    void Stop(Node node);
}
