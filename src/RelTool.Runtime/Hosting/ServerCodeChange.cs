namespace RelTool.Runtime.Hosting;

/// <summary>How one server fared in a code change: null <see cref="Error"/> means it runs the new code.</summary>
public sealed record ServerCodeChange(ServerRef Server, string OldType, string? NewType, Exception? Error)
{
    public bool Succeeded => Error is null;
}
