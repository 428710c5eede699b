/// <summary>
/// The runtime's name for a startup hook (a class StartupHook outside any namespace with a static Initialize): called
/// before the app's Main when DOTNET_STARTUP_HOOKS names this assembly (<see cref="RelTool.Boot.Hosting.NodeEntry"/>).
/// </summary>
internal static class StartupHook
{
    public static void Initialize() => RelTool.Boot.Hosting.NodeEntry.Initialize();
}
