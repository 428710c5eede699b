namespace RelTool.Boot.Layout;

/// <summary>
/// log/&lt;name&gt;.log, which the node's stdout and stderr are appended to: apps log data into it, so the folder is
/// 0750 and the file 0640 (the shell that appends to it would create it with the umask's 0644).
/// </summary>
public static class NodeLog
{
    public const UnixFileMode DirMode = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute
        | UnixFileMode.GroupRead | UnixFileMode.GroupExecute;
    public const UnixFileMode FileMode = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead;

    private const UnixFileMode OtherBits = UnixFileMode.OtherRead | UnixFileMode.OtherWrite | UnixFileMode.OtherExecute;

    /// <summary>Makes the folder and the file with those modes; existing ones lose their permissions for others.</summary>
    public static string Prepare(ReleaseRoot root, string name)
    {
        var log = root.LogFile(name);
        try
        {
            if (!Directory.Exists(root.LogDir)) Directory.CreateDirectory(root.LogDir, DirMode);
            if ((File.GetUnixFileMode(root.LogDir) & OtherBits) != 0) File.SetUnixFileMode(root.LogDir, DirMode);
            if (!File.Exists(log))
            {
                using var created = new FileStream(log, new FileStreamOptions { Mode = System.IO.FileMode.OpenOrCreate, Access = FileAccess.Write, UnixCreateMode = FileMode });
            }
            else if ((File.GetUnixFileMode(log) & OtherBits) != 0) File.SetUnixFileMode(log, File.GetUnixFileMode(log) & ~OtherBits);
        }
        catch (UnauthorizedAccessException)
        {
            throw new LauncherException(ExitCodes.Failure, $"{root.LogDir}: cannot write the log {log} (permission denied); run this as the user that runs the release");
        }
        return log;
    }
}
