// bin/<name> runs: dotnet <host.args...> --root ROOT COMMAND [ARGS] (RelTool.Boot.LauncherMain).
return RelTool.Boot.LauncherMain.Run(args);
