using System.Text.Json;
using RelTool.Core.Layout;

namespace RelTool.Tests.Layout;

public sealed class HotUpgradeRuntimeConfigTests
{
    private const string Published = """
        {
          "runtimeOptions": {
            "tfm": "net10.0",
            "framework": { "name": "Microsoft.NETCore.App", "version": "10.0.0" },
            "configProperties": {
              "System.Runtime.Serialization.EnableUnsafeBinaryFormatterSerialization": false
            }
          }
        }
        """;

    private static JsonElement Options(string json) => JsonDocument.Parse(json).RootElement.GetProperty("runtimeOptions");

    [Fact]
    public void Loops_are_compiled_optimised_at_once_when_the_project_did_not_choose()
    {
        var options = Options(HotUpgradeRuntimeConfig.Apply(Published, "app.runtimeconfig.json"));

        Assert.False(options.GetProperty("configProperties").GetProperty(HotUpgradeRuntimeConfig.QuickJitForLoops).GetBoolean());
        Assert.False(options.GetProperty("configProperties").GetProperty("System.Runtime.Serialization.EnableUnsafeBinaryFormatterSerialization").GetBoolean());
        Assert.Equal("10.0.0", options.GetProperty("framework").GetProperty("version").GetString());
    }

    [Fact]
    public void A_runtimeconfig_without_config_properties_gets_them()
    {
        const string bare = """{ "runtimeOptions": { "tfm": "net10.0", "framework": { "name": "Microsoft.NETCore.App", "version": "10.0.0" } } }""";

        var options = Options(HotUpgradeRuntimeConfig.Apply(bare, "app.runtimeconfig.json"));

        Assert.False(options.GetProperty("configProperties").GetProperty(HotUpgradeRuntimeConfig.QuickJitForLoops).GetBoolean());
    }

    [Fact]
    public void The_projects_own_choice_is_kept_as_written()
    {
        var chosen = Published.Replace("\"System.Runtime.Serialization", $"\"{HotUpgradeRuntimeConfig.QuickJitForLoops}\": true,\n      \"System.Runtime.Serialization");

        Assert.Equal(chosen, HotUpgradeRuntimeConfig.Apply(chosen, "app.runtimeconfig.json"));
    }

    [Fact]
    public void A_runtimeconfig_without_runtime_options_is_an_error_naming_the_file()
    {
        var error = Assert.Throws<FormatException>(() => HotUpgradeRuntimeConfig.Apply("{}", "/p/app.runtimeconfig.json"));
        Assert.Equal("/p/app.runtimeconfig.json: no runtimeOptions", error.Message);
    }
}
