// The launcher's native client: the same entry as the launcher DLL, compiled ahead of time. bin/<name> runs it for the
// commands that run no app code (releases/<vsn>/client.args), so they start no runtime.
using System.Runtime.Versioning;

// As the launcher: POSIX hosts only.
[assembly: UnsupportedOSPlatform("windows")]

return RelTool.Boot.LauncherMain.Run(args);
