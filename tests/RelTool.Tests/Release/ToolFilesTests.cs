using RelTool.Core.Release;

namespace RelTool.Tests.Release;

/// <summary>Which launcher build a release gets: the precompiled one for its target when the tool has it, else the IL one.</summary>
public sealed class ToolFilesTests : IDisposable
{
    private readonly string tool = Directory.CreateTempSubdirectory("reltool-toolfiles-").FullName;

    public void Dispose() => Directory.Delete(tool, recursive: true);

    private void Put(string relative)
    {
        var path = Path.Combine(tool, relative);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, "");
    }

    [Fact]
    public void A_target_with_a_precompiled_launcher_gets_it_and_every_other_target_gets_the_portable_build()
    {
        Put("boot/RelTool.Boot.dll");
        Put("boot-r2r/linux-x64/RelTool.Boot.dll");
        Directory.CreateDirectory(Path.Combine(tool, "boot-r2r", "linux-arm64")); // a folder without the launcher is no build
        var files = ToolFiles.FromToolDirectory(tool, "1.0.0");

        Assert.Equal(Path.Combine(tool, "boot-r2r", "linux-x64"), files.BootDirectoryFor("linux-x64"));
        Assert.Equal(Path.Combine(tool, "boot"), files.BootDirectoryFor("linux-arm64"));
        Assert.Equal(Path.Combine(tool, "boot"), files.BootDirectoryFor("win-x64"));
        Assert.Equal(Path.Combine(tool, "boot"), (files with { ReadyToRunBootDirectory = null }).BootDirectoryFor("linux-x64"));
    }
}
