namespace RelTool.Runtime.Hosting;

/// <summary>A started application: its callback (replaced when its assembly's code changes) and top process.</summary>
public sealed class RunningApplication(string name, IApplication callback, IChildProcess top)
{
    public string Name { get; } = name;

    public IApplication Callback { get; internal set; } = callback;

    public IChildProcess Top { get; } = top;
}
