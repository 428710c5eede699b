using System.Text;

namespace RelTool.Tests.Archive;

/// <summary>A small release-shaped tree: an executable launcher, a runtime, lib dirs, a relative symlink, a path too
/// long for Ustar's name field, one too long for Ustar altogether, and an empty directory,
/// and a link whose target is too long for Ustar.</summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public static class ReleaseTree
{
    public static readonly string LongDirectory = string.Join('/', Enumerable.Range(0, 6).Select(i => $"deeply-nested-directory-{i:00}"));
    public static readonly string LongName = "lib/Kv-0.1.0/" + LongDirectory + "/resource-file-with-a-rather-long-name.txt";
    public static readonly string VeryLongName = "lib/Kv-0.1.0/" + string.Join('/', Enumerable.Range(0, 3).Select(i => new string((char)('a' + i), 90))) + "/x.txt";

    public static void Create(string root)
    {
        Write(root, "bin/kv", "#!/bin/sh\necho kv\n", 0b111_101_101);
        Write(root, "runtime/dotnet", Random(200_000, 1), 0b111_101_101);
        Write(root, "runtime/shared/Microsoft.NETCore.App/10.0.0/System.Private.CoreLib.dll", Random(1_500_000, 2), 0b110_100_100);
        Write(root, "runtime/shared/Microsoft.NETCore.App/10.0.0/System.Runtime.dll", Repetitive(300_000), 0b110_100_100);
        Write(root, "lib/Kv-0.1.0/Kv.dll", Random(1_100_000, 3), 0b110_100_100);
        Write(root, "lib/Kv-0.1.0/Kv.app", "{application,'Kv',[{vsn,\"0.1.0\"}]}.\n", 0b110_100_100);
        Write(root, "lib/Kv-0.1.0/readonly.txt", "read only\n", 0b100_100_100);
        Write(root, LongName, "long\n", 0b110_100_100);
        Write(root, VeryLongName, "very long\n", 0b110_100_100);
        Write(root, "lib/Other-2.0.0/Other.dll", Random(1_100_000, 4), 0b110_100_100);
        Write(root, "releases/0.1.0/kv.rel", "{release,{\"kv\",\"0.1.0\"},{erts,\"10.0.0\"},[]}.\n", 0b110_100_100);
        Write(root, "releases/start_erl.data", "10.0.0 0.1.0", 0b110_100_100);
        Directory.CreateDirectory(Path.Combine(root, "releases/0.1.0/hooks"));
        File.CreateSymbolicLink(Path.Combine(root, "lib/Kv-0.1.0/current.dll"), "Kv.dll");
        File.CreateSymbolicLink(Path.Combine(root, "releases/0.1.0/runtime"), "../../runtime");
        File.CreateSymbolicLink(Path.Combine(root, "lib/Kv-0.1.0/long-link"), LongName["lib/Kv-0.1.0/".Length..]);
    }

    public static void Write(string root, string relative, string text, int mode) => Write(root, relative, Encoding.UTF8.GetBytes(text), mode);

    public static void Write(string root, string relative, byte[] content, int mode)
    {
        var path = Path.Combine(root, relative);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllBytes(path, content);
        File.SetUnixFileMode(path, (UnixFileMode)mode);
    }

    public static byte[] Random(int length, int seed)
    {
        var bytes = new byte[length];
        new Random(seed).NextBytes(bytes);
        return bytes;
    }

    private static byte[] Repetitive(int length) =>
        Encoding.ASCII.GetBytes(string.Concat(Enumerable.Range(0, length / 10 + 1).Select(i => $"line {i % 97:00000}\n")))[..length];
}
