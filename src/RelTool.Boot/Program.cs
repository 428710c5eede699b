// The launcher shipped in every release. Work in progress: replaced by the launcher work.
Console.Error.WriteLine("RelTool.Boot: not built yet");
return 2;
