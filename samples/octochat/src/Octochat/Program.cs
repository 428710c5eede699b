using Octochat;
using RelTool.Runtime;

// `dotnet run`: runs the application until SIGTERM or Ctrl-C. In a release the launcher starts OctochatApplication on its own node
// and Main is not called.
return await Node.RunAsync(new OctochatApplication(), "octochat", args);
