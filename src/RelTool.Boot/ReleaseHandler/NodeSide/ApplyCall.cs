using System.Reflection;
using RelTool.Formats.Manifests.Instructions;
using RelTool.Formats.Terms;
using RelTool.Runtime;

namespace RelTool.Boot.ReleaseHandler.NodeSide;

/// <summary>
/// Relup <c>{apply, {M, F, A}}</c>. <c>application:start/stop/load/unload</c> (from add_application and
/// remove_application) start or stop an application on the node; any other M is a type's full name in the new or
/// current code and F one of its public static methods, called with A as strings.
/// </summary>
public static class ApplyCall
{
    public static void Run(Node node, IReadOnlyDictionary<string, Assembly> newCode, Apply apply)
    {
        var args = apply.Args.Elements.Select(a => a is ErlAtom atom ? atom.Name : Erl.TextOf(a) ?? TermPrinter.Flat(a)).ToArray();
        if (apply.Module == "application")
        {
            RunApplicationCall(node, newCode, apply.Function, args);
            return;
        }
        var type = newCode.Values.Concat(node.Code.Loaded.Select(node.Code.Current).OfType<Assembly>())
            .Select(a => a.GetType(apply.Module)).FirstOrDefault(t => t is not null)
            ?? throw new InvalidOperationException($"apply: no type {apply.Module} in the new or current code");
        var method = type.GetMethods(BindingFlags.Public | BindingFlags.Static)
            .FirstOrDefault(m => m.Name == apply.Function && m.GetParameters().Length == args.Length && m.GetParameters().All(p => p.ParameterType == typeof(string)))
            ?? throw new InvalidOperationException($"apply: {apply.Module} has no public static {apply.Function} taking {args.Length} strings");
        method.Invoke(null, BindingFlags.DoNotWrapExceptions, null, args.Cast<object?>().ToArray(), null);
    }

    private static void RunApplicationCall(Node node, IReadOnlyDictionary<string, Assembly> newCode, string function, string[] args)
    {
        var name = args.FirstOrDefault() ?? throw new InvalidOperationException($"apply: application:{function} needs an application");
        switch (function)
        {
            case "start" when node.Applications.All(a => a.Name != name):
                var assembly = (newCode.TryGetValue(name, out var loaded) ? loaded : node.Code.Current(name))
                    ?? throw new InvalidOperationException($"apply: application:start: no code is loaded for {name}");
                // A library application (no IApplication) is only loaded, as OTP starts an app without a mod.
                if (assembly.GetExportedTypes().Any(t => typeof(RelTool.Runtime.Applications.IApplication).IsAssignableFrom(t) && !t.IsAbstract))
                    node.StartApplication(name, Node.CreateApplication(assembly));
                break;
            case "stop" when node.Applications.Any(a => a.Name == name):
                node.StopApplicationAsync(name, TimeSpan.FromSeconds(10)).GetAwaiter().GetResult();
                break;
            case "start" or "stop" or "load" or "unload":
                break;
            default:
                throw new InvalidOperationException($"apply: application:{function} is not supported");
        }
    }
}
