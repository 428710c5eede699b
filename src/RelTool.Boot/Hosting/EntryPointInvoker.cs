using System.Reflection;

namespace RelTool.Boot.Hosting;

/// <summary>Calls an assembly's entry point as the runtime would: Main() or Main(string[]), void/int/Task/Task&lt;int&gt;.</summary>
public static class EntryPointInvoker
{
    /// <summary>The exit code; exceptions from Main propagate unwrapped.</summary>
    public static int Invoke(Assembly assembly, string[] args)
    {
        var main = assembly.EntryPoint ?? throw new LauncherException(ExitCodes.Failure, $"{assembly.GetName().Name} has no entry point");
        object?[]? parameters = main.GetParameters().Length switch
        {
            0 => null,
            1 => [args],
            _ => throw new LauncherException(ExitCodes.Failure, $"unsupported entry point signature: {main}"),
        };
        var result = main.Invoke(null, BindingFlags.DoNotWrapExceptions, binder: null, parameters, culture: null);
        switch (result)
        {
            case int code:
                return code;
            case Task<int> task:
                return task.GetAwaiter().GetResult();
            case Task task:
                task.GetAwaiter().GetResult();
                return Environment.ExitCode;
            default:
                return Environment.ExitCode;
        }
    }
}
