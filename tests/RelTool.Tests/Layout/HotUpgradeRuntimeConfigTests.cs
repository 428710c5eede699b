using System.Text.Json;
using RelTool.Core.Layout;
using RelTool.Formats.Layout;

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
        var options = Options(HotUpgradeRuntimeConfig.Apply(Published, "app.runtimeconfig.json", entryOnRuntime: true));

        Assert.False(options.GetProperty("configProperties").GetProperty(HotUpgradeRuntimeConfig.QuickJitForLoops).GetBoolean());
        Assert.False(options.GetProperty("configProperties").GetProperty("System.Runtime.Serialization.EnableUnsafeBinaryFormatterSerialization").GetBoolean());
        Assert.Equal("10.0.0", options.GetProperty("framework").GetProperty("version").GetString());
    }

    [Fact]
    public void A_runtimeconfig_without_config_properties_gets_them()
    {
        const string bare = """{ "runtimeOptions": { "tfm": "net10.0", "framework": { "name": "Microsoft.NETCore.App", "version": "10.0.0" } } }""";

        var options = Options(HotUpgradeRuntimeConfig.Apply(bare, "app.runtimeconfig.json", entryOnRuntime: true));

        Assert.False(options.GetProperty("configProperties").GetProperty(HotUpgradeRuntimeConfig.QuickJitForLoops).GetBoolean());
    }

    [Fact]
    public void The_projects_own_choice_is_kept()
    {
        var chosen = Published.Replace("\"System.Runtime.Serialization", $"\"{HotUpgradeRuntimeConfig.QuickJitForLoops}\": true,\n      \"System.Runtime.Serialization");

        var options = Options(HotUpgradeRuntimeConfig.Apply(chosen, "app.runtimeconfig.json", entryOnRuntime: true));

        Assert.True(options.GetProperty("configProperties").GetProperty(HotUpgradeRuntimeConfig.QuickJitForLoops).GetBoolean());
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Whether_the_entry_is_written_against_RelTool_Runtime_is_recorded_for_the_launcher(bool entryOnRuntime)
    {
        var options = Options(HotUpgradeRuntimeConfig.Apply(Published, "app.runtimeconfig.json", entryOnRuntime));

        Assert.Equal(entryOnRuntime, options.GetProperty("configProperties").GetProperty(ReleaseLayout.EntryOnRuntimeProperty).GetBoolean());
    }

    [Fact]
    public void A_runtimeconfig_without_runtime_options_is_an_error_naming_the_file()
    {
        var error = Assert.Throws<FormatException>(() => HotUpgradeRuntimeConfig.Apply("{}", "/p/app.runtimeconfig.json", entryOnRuntime: true));
        Assert.Equal("/p/app.runtimeconfig.json: no runtimeOptions", error.Message);
    }
}
