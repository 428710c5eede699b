using System.Globalization;
using System.Reflection;
using System.Runtime.Loader;
using RelTool.Formats.Manifests;

namespace RelTool.Boot.Hosting;

/// <summary>
/// `TYPE.METHOD [ARGS...]` of eval and rpc: a public static method of the release's own assemblies, found by the type's
/// full name and the number of arguments, its string arguments converted to the parameters' types (string, string[]
/// for all of them, numbers, bool, enums: invariant culture). void, int, Task and Task&lt;int&gt; give an exit code;
/// any other result is printed.
/// </summary>
public sealed class StaticMethodCall
{
    private readonly MethodInfo method;
    private readonly object?[] arguments;

    private StaticMethodCall(MethodInfo method, object?[] arguments)
    {
        this.method = method;
        this.arguments = arguments;
    }

    public string Target => $"{method.DeclaringType!.FullName}.{method.Name}";

    /// <summary>The outcome: an exit code and, for other return types, the text of the result.</summary>
    public sealed record Outcome(int ExitCode, string? Output);

    /// <summary>Finds the method in the release's assemblies (loaded through <paramref name="context"/>); a bad request throws a usage error.</summary>
    public static StaticMethodCall Resolve(string command, AssemblyLoadContext context, BootFile boot, Assembly entry, IReadOnlyList<string> request)
    {
        if (request.Count == 0 || request[0].LastIndexOf('.') <= 0 || request[0].EndsWith('.'))
            throw new LauncherException(ExitCodes.Usage, $"{command}: expected TYPE.METHOD [ARGS...], e.g. {command} MyApp.Migrations.Run");
        var target = request[0];
        var dot = target.LastIndexOf('.');
        var (typeName, methodName) = (target[..dot], target[(dot + 1)..]);
        var args = request.Skip(1).ToList();

        var type = FindType(context, boot, entry, typeName)
            ?? throw new LauncherException(ExitCodes.Usage, $"{command}: no public type {typeName} in the release's assemblies ({string.Join(", ", AppAssemblyNames(boot))})");
        var candidates = type.GetMethods(BindingFlags.Public | BindingFlags.Static).Where(m => m.Name == methodName && !m.IsGenericMethodDefinition).ToList();
        if (candidates.Count == 0)
        {
            var names = type.GetMethods(BindingFlags.Public | BindingFlags.Static).Where(m => !m.IsSpecialName).Select(m => m.Name).Distinct().Order(StringComparer.Ordinal).ToList();
            throw new LauncherException(ExitCodes.Usage, $"{command}: {typeName} has no public static method {methodName}"
                + (names.Count == 0 ? "" : $"; its public static methods: {string.Join(", ", names)}"));
        }
        var method = candidates.FirstOrDefault(m => Accepts(m, args.Count))
            ?? throw new LauncherException(ExitCodes.Usage, $"{command}: {target} takes {string.Join(" or ", candidates.Select(Signature))}, got {args.Count} argument{(args.Count == 1 ? "" : "s")}");
        return new StaticMethodCall(method, Convert(command, target, method, args));
    }

    /// <summary>Calls the method; an exception it throws becomes a failure with its message (no stack trace).</summary>
    public Outcome Invoke(string command)
    {
        object? result;
        try
        {
            result = method.Invoke(null, arguments);
            if (result is Task task)
            {
                task.GetAwaiter().GetResult();
                var resultProperty = task.GetType().GetProperty("Result");
                result = method.ReturnType.IsGenericType ? resultProperty?.GetValue(task) : null;
            }
        }
        catch (Exception e)
        {
            var inner = e is TargetInvocationException { InnerException: { } thrown } ? thrown : e;
            throw new LauncherException(ExitCodes.Failure, $"{command} {Target} failed: {inner.GetType().Name}: {inner.Message}");
        }
        return result switch
        {
            null => new(ExitCodes.Ok, null),
            int code => new(code, null),
            _ => new(ExitCodes.Ok, System.Convert.ToString(result, CultureInfo.InvariantCulture)),
        };
    }

    private static bool Accepts(MethodInfo method, int count) => method.GetParameters() switch
    {
        [{ ParameterType: var t }] when t == typeof(string[]) => true,
        var ps => ps.Length == count,
    };

    private static string Signature(MethodInfo method)
    {
        var ps = method.GetParameters();
        return ps.Length == 0 ? "no arguments" : $"({string.Join(", ", ps.Select(p => $"{p.ParameterType.Name} {p.Name}"))})";
    }

    private static object?[] Convert(string command, string target, MethodInfo method, IReadOnlyList<string> args)
    {
        var parameters = method.GetParameters();
        if (parameters is [{ ParameterType: var t }] && t == typeof(string[])) return [args.ToArray()];
        var values = new object?[parameters.Length];
        for (var i = 0; i < parameters.Length; i++)
        {
            var type = Nullable.GetUnderlyingType(parameters[i].ParameterType) ?? parameters[i].ParameterType;
            try
            {
                values[i] = type == typeof(string) ? args[i]
                    : type.IsEnum ? Enum.Parse(type, args[i], ignoreCase: true)
                    : System.Convert.ChangeType(args[i], type, CultureInfo.InvariantCulture);
            }
            catch (Exception e) when (e is FormatException or InvalidCastException or OverflowException or ArgumentException)
            {
                throw new LauncherException(ExitCodes.Usage, $"{command}: {target}: argument {i + 1} ({parameters[i].Name}) must be a {type.Name}, got '{args[i]}'");
            }
        }
        return values;
    }

    /// <summary>The entry assembly first, then the assemblies whose name starts the type's namespace, then the others.</summary>
    private static Type? FindType(AssemblyLoadContext context, BootFile boot, Assembly entry, string typeName)
    {
        if (entry.GetType(typeName) is { IsPublic: true } found) return found;
        var byLikelihood = AppAssemblyNames(boot)
            .OrderByDescending(n => typeName.StartsWith(n + ".", StringComparison.Ordinal) ? n.Length : -1);
        foreach (var name in byLikelihood)
        {
            Assembly assembly;
            try { assembly = context.LoadFromAssemblyName(new AssemblyName(name)); }
            catch (Exception e) when (e is FileNotFoundException or FileLoadException or BadImageFormatException) { continue; }
            if (assembly.GetType(typeName) is { IsPublic: true } type) return type;
        }
        return null;
    }

    /// <summary>The release's own assemblies (no satellites, not the launcher's).</summary>
    private static IEnumerable<string> AppAssemblyNames(BootFile boot) =>
        boot.Assemblies.Where(a => a.Culture.Length == 0 && !a.Name.StartsWith("RelTool.", StringComparison.Ordinal))
            .Select(a => a.Name).Distinct(StringComparer.OrdinalIgnoreCase).Order(StringComparer.Ordinal);
}
