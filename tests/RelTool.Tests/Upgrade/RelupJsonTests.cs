using System.Text.Json;

namespace RelTool.Tests.Upgrade;

/// <summary>The --json shape (docs/relup-json.md) that CI tools read.</summary>
public sealed class RelupJsonTests : IDisposable
{
    private readonly string outDir = Directory.CreateTempSubdirectory("relup-json-").FullName;

    public void Dispose() => Directory.Delete(outDir, recursive: true);

    [Fact]
    public void Shape_of_a_relup_with_updates_and_dependencies()
    {
        var (rc, stdout, _) = RelupCase.Named("e_dependencies").Run(outDir, "--json");
        Assert.Equal(0, rc);
        var root = JsonDocument.Parse(stdout).RootElement;
        Assert.Equal(1, root.GetProperty("schema").GetInt32());
        Assert.Equal("2", root.GetProperty("version").GetString());
        Assert.Equal(Path.Combine(outDir, "relup"), root.GetProperty("file").GetString());
        var up = root.GetProperty("up")[0];
        Assert.Equal("1", up.GetProperty("from").GetString());
        Assert.Equal("[]", up.GetProperty("description").GetString());
        var instructions = up.GetProperty("instructions").EnumerateArray().ToList();
        Assert.Equal("load_object_code", instructions[0].GetProperty("op").GetString());
        Assert.Equal("myapp", instructions[0].GetProperty("application").GetString());
        Assert.Equal("1.0.1", instructions[0].GetProperty("vsn").GetString());
        Assert.Equal(["s1", "a", "b", "c", "x", "s2", "d"], instructions[0].GetProperty("modules").EnumerateArray().Select(m => m.GetString()));
        Assert.Equal("point_of_no_return", instructions[2].GetProperty("op").GetString());
        var suspend = instructions[3];
        Assert.Equal("suspend", suspend.GetProperty("op").GetString());
        Assert.Equal("{suspend,[s1]}", suspend.GetProperty("term").GetString());
        var codeChange = instructions.Single(i => i.GetProperty("op").GetString() == "code_change" && i.GetProperty("modules")[0].GetProperty("module").GetString() == "s1");
        Assert.Equal("up", codeChange.GetProperty("mode").GetString());
        Assert.Equal("up_extra", codeChange.GetProperty("modules")[0].GetProperty("extra").GetString());
        var load = instructions[4];
        Assert.Equal(["op", "module", "prePurge", "postPurge", "term"], load.EnumerateObject().Select(p => p.Name));
        Assert.Equal("c", load.GetProperty("module").GetString());
        Assert.Equal("1", root.GetProperty("down")[0].GetProperty("to").GetString());
        Assert.Empty(root.GetProperty("warnings").EnumerateArray());
    }

    [Fact]
    public void Warnings_carry_reason_term_and_words()
    {
        var (rc, stdout, stderr) = RelupCase.Named("erts_change").Run(outDir, "--json");
        Assert.Equal(0, rc);
        var warnings = JsonDocument.Parse(stdout).RootElement.GetProperty("warnings").EnumerateArray().ToList();
        Assert.Equal(2, warnings.Count);
        Assert.Equal("erts_vsn_changed", warnings[0].GetProperty("reason").GetString());
        Assert.Equal("{erts_vsn_changed,{{\"r\",\"13.1.5\"},{\"r\",\"13.1.4\"}}}", warnings[0].GetProperty("term").GetString());
        Assert.Contains("warning (erts_vsn_changed)", stderr);
    }
}
