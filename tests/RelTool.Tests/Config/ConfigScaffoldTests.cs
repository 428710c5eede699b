using RelTool.Core.Config;

namespace RelTool.Tests.Config;

public sealed class ConfigScaffoldTests : IDisposable
{
    private readonly string dir = Directory.CreateTempSubdirectory("reltool-init-").FullName;

    private static string Template([System.Runtime.CompilerServices.CallerFilePath] string source = "") =>
        Path.GetFullPath(Path.Combine(Path.GetDirectoryName(source)!, "..", "..", "..", "templates", "rel", "config.yaml"));

    public void Dispose() => Directory.Delete(dir, true);

    [Fact]
    public void Writes_a_config_that_reads_back_with_the_project_and_every_option_listed()
    {
        var project = Path.Combine(dir, "My.Service.csproj");
        File.WriteAllText(project, "<Project />");
        var written = ConfigScaffold.Write(project, Template(), force: false);
        Assert.Equal(Path.Combine(dir, "rel", "config.yaml"), written);

        var config = ReleaseConfigReader.ReadFile(written);
        Assert.Equal(dir, config.BaseDirectory);
        var release = Assert.Single(config.Releases);
        Assert.Equal(("my.service", "My.Service.csproj"), (release.Name, release.Project));
        Assert.Equal(("Debug", false), (config.Environments["dev"].Configuration, config.Environments["dev"].IncludeRuntime));
        var text = File.ReadAllText(written);
        foreach (var option in new[] { "version:", "output:", "copy:", "mkdir:", "template:", "pre_start:", "post_start:", "pre_stop:", "post_stop:", "pre_upgrade:", "post_upgrade:", "health_url:", "commands:", "eval:", "script:", "log_max_bytes:", "log_files:", "trusted_keys:", "properties:", "configuration:", "include_runtime:", "runtime_identifier:", "runtime_version:", "default_environment:", "default_release:" })
            Assert.Contains(option, text);
        Assert.Contains("{{rel_vsn}}", text);
    }

    [Fact]
    public void Refuses_to_replace_an_existing_config_unless_forced()
    {
        var project = Path.Combine(dir, "Kv.csproj");
        File.WriteAllText(project, "<Project />");
        var path = Path.Combine(dir, "rel", "config.yaml");
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, "# mine\n");
        Assert.Throws<ConfigException>(() => ConfigScaffold.Write(project, Template(), force: false));
        Assert.Equal("# mine\n", File.ReadAllText(path));
        ConfigScaffold.Write(project, Template(), force: true);
        Assert.Contains("project: Kv.csproj", File.ReadAllText(path));
    }

    [Fact]
    public void Project_locator_lists_the_candidates_when_there_are_several()
    {
        File.WriteAllText(Path.Combine(dir, "A.csproj"), "");
        File.WriteAllText(Path.Combine(dir, "B.fsproj"), "");
        var e = Assert.Throws<ProjectNotFoundException>(() => ProjectLocator.Locate(dir));
        Assert.Contains("A.csproj", e.Message);
        Assert.Contains("B.fsproj", e.Message);
        Assert.Throws<ProjectNotFoundException>(() => ProjectLocator.Locate(Path.Combine(dir, "none")));
    }
}
