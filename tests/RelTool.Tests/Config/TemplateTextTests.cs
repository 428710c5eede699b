using RelTool.Core.Config;

namespace RelTool.Tests.Config;

public class TemplateTextTests
{
    [Fact]
    public void Replaces_release_variables_and_rejects_unknown_ones()
    {
        var variables = TemplateText.ReleaseVariables("kv", "0.2.0", "10.0.12", "prod", "Release", "linux-x64", "0.1.0");
        Assert.Equal("kv 0.2.0 on 10.0.12", TemplateText.Render("{{rel_name}} {{ rel_vsn }} on {{runtime_vsn}}", variables, "t"));
        var e = Assert.Throws<ConfigException>(() => TemplateText.Render("{{nope}}", variables, "vm.args"));
        Assert.StartsWith("vm.args: unknown template variable {{nope}}; known: boot_vsn, configuration, env, erts_vsn, rel_name", e.Message);
    }
}
