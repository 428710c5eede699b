using System.Globalization;
using System.Reflection;
using System.Runtime.Loader;
using RelTool.Boot.Control;
using RelTool.Boot.Hosting;
using RelTool.Boot.Layout;

namespace RelTool.Boot.Commands;

/// <summary>
/// rpc TYPE.METHOD [ARGS...]: runs a public static method inside the running node (its loaded code, its statics) over
/// the cookie-authenticated control socket, and prints what it returns. The node answers `exit N` and the result's lines.
/// </summary>
public static class RpcCommand
{
    public const string ControlCommand = "rpc";

    /// <summary>A migration may take a while; the control socket's reply waits this long.</summary>
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(10);

    private const string UsageKind = "usage";

    public static int Run(ReleaseContext release, IReadOnlyList<string> request)
    {
        if (request.Count == 0) throw new LauncherException(ExitCodes.Usage, "rpc: expected TYPE.METHOD [ARGS...], e.g. rpc MyApp.Stats.Report");
        var root = release.Root;
        var socketPath = ControlEndpoint.Locate(root);
        var cookie = Cookie.TryRead(root);
        var reply = (socketPath is null || cookie is null ? null : ControlClient.TrySend(socketPath, cookie, ControlCommand, request, Timeout))
            ?? throw new LauncherException(ExitCodes.NotRunning, $"rpc: {release.Name} is not running; eval runs a method without the node");
        if (!reply.Ok)
            throw new LauncherException(reply.ErrorKind == UsageKind ? ExitCodes.Usage : ExitCodes.Failure,
                reply.ErrorKind is UsageKind or "failed" ? reply.Message : $"rpc: the node refused: {reply.ErrorKind} {reply.Message}");
        var code = reply.Lines.FirstOrDefault() is { } first && first.StartsWith("exit ", StringComparison.Ordinal)
            && int.TryParse(first["exit ".Length..], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var n) ? n : ExitCodes.Ok;
        foreach (var line in reply.Lines.Skip(1)) Console.WriteLine(line);
        return code;
    }

    /// <summary>The node's side: the method runs on the control connection's thread, in the app's load context.</summary>
    public static ControlOutcome Handle(ReleaseContext release, IReadOnlyList<string> request)
    {
        try
        {
            var entry = Assembly.GetEntryAssembly() ?? throw new LauncherException(ExitCodes.Failure, "rpc: the node has no entry assembly yet");
            var context = AssemblyLoadContext.GetLoadContext(entry) ?? AssemblyLoadContext.Default;
            var outcome = StaticMethodCall.Resolve(ControlCommand, context, release.Boot, entry, request).Invoke(ControlCommand);
            return new(ControlReply.Success([$"exit {outcome.ExitCode.ToString(CultureInfo.InvariantCulture)}", .. (outcome.Output ?? "").Split('\n').Where(l => l.Length > 0)]));
        }
        catch (LauncherException e)
        {
            return new(ControlReply.Error(e.ExitCode == ExitCodes.Usage ? UsageKind : "failed", e.Message.ReplaceLineEndings(" ")));
        }
    }
}
