using System.Text.Json;
using RelTool.Core.Inspect;
using RelTool.Core.Inspect.Output;
using RelTool.Tests.Archive;
using RelTool.Tests.Golden;

namespace RelTool.Tests.Inspect;

/// <summary>The text (golden files, docs/inspect.md) and JSON forms of an inspection.</summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class InspectOutputTests : IDisposable
{
    private readonly TempDirectory temp = new();
    private string Root => temp.Combine("kv");

    public InspectOutputTests() => SampleRelease.Write(Root);

    public void Dispose() => temp.Dispose();

    /// <summary>The text with the temp folder replaced, so that it can be compared with a golden file.</summary>
    private string Text(string? version = null) => InspectText.Format(ReleaseInspection.Run(Root, version)).Replace(temp.Path, "<temp>");

    private JsonElement Json(string path) => JsonDocument.Parse(InspectJson.Format(ReleaseInspection.Run(path, null))).RootElement;

    [Fact]
    public void Text_of_an_upgraded_install()
    {
        SampleRelease.AddUpgrade(Root);
        GoldenFile.Verify(Text());
    }

    [Fact]
    public void Text_of_a_broken_release()
    {
        Directory.Delete(temp.Combine("kv", "lib", "KV.Core-1.2.0"), recursive: true);
        SampleRelease.Put(Root, "lib/Kv-0.1.0/Kv.app", "{application,'Kv',[{vsn,\"0.1.1\"},{modules,['Kv']}]}.\n");
        GoldenFile.Verify(Text());
    }

    [Fact]
    public void Json_of_a_sound_release_has_the_documented_fields_with_the_values_read()
    {
        SampleRelease.AddUpgrade(Root);

        var json = Json(Root);

        Assert.Equal(1, json.GetProperty("schema").GetInt32());
        Assert.Equal(Root, json.GetProperty("input").GetString());
        Assert.Equal("directory", json.GetProperty("kind").GetString());
        Assert.True(json.GetProperty("ok").GetBoolean());
        Assert.Equal(("kv", "0.2.0", "startErlData", "10.0.0"), (json.GetProperty("name").GetString(), json.GetProperty("version").GetString(),
            json.GetProperty("versionFrom").GetString(), json.GetProperty("runtimeVersion").GetString()));
        var runtime = json.GetProperty("runtime");
        Assert.True(runtime.GetProperty("bundled").GetBoolean());
        Assert.Equal("Microsoft.NETCore.App", runtime.GetProperty("frameworks")[0].GetProperty("name").GetString());
        Assert.Equal("10.0.0", runtime.GetProperty("frameworks")[0].GetProperty("versions")[0].GetString());
        Assert.Equal("10.0.0", runtime.GetProperty("hostfxr")[0].GetString());
        Assert.Equal("0.2.0", json.GetProperty("startErlData").GetProperty("releaseVersion").GetString());
        Assert.Equal(["0.2.0 permanent", "0.1.0 old"],
            json.GetProperty("releases").EnumerateArray().Select(r => $"{r.GetProperty("version").GetString()} {r.GetProperty("status").GetString()}"));
        Assert.Equal("releases/0.2.0/kv.rel", json.GetProperty("relFile").GetString());
        var kv = json.GetProperty("applications").EnumerateArray().Single(a => a.GetProperty("name").GetString() == "Kv");
        Assert.Equal("0.2.0", kv.GetProperty("version").GetString());
        Assert.Equal("lib/Kv-0.2.0", kv.GetProperty("libDir").GetString());
        Assert.True(kv.GetProperty("present").GetBoolean());
        Assert.Equal(5, kv.GetProperty("files").GetInt32());
        Assert.Equal(Directory.EnumerateFiles(temp.Combine("kv", "lib", "Kv-0.2.0"), "*", SearchOption.AllDirectories).Sum(f => new FileInfo(f).Length),
            kv.GetProperty("bytes").GetInt64());
        Assert.Equal(1, kv.GetProperty("modules").GetInt32());
        Assert.True(kv.GetProperty("appup").GetBoolean());
        Assert.Equal(["0.1.0"], json.GetProperty("relup").GetProperty("upFrom").EnumerateArray().Select(v => v.GetString()));
        Assert.Equal(["0.1.0"], json.GetProperty("relup").GetProperty("downTo").EnumerateArray().Select(v => v.GetString()));
        Assert.Equal(JsonValueKind.Null, json.GetProperty("tarball").ValueKind);
        Assert.Equal(0, json.GetProperty("problems").GetArrayLength());
    }

    [Fact]
    public void Json_lists_each_problem_with_its_file_and_a_damaged_tarball_with_the_reason()
    {
        Directory.Delete(temp.Combine("kv", "lib", "Kv-0.1.0"), recursive: true);
        var json = Json(Root);
        Assert.False(json.GetProperty("ok").GetBoolean());
        var problem = Assert.Single(json.GetProperty("problems").EnumerateArray());
        Assert.Equal("lib/Kv-0.1.0/", problem.GetProperty("file").GetString());
        Assert.Equal("missing; releases/0.1.0/kv.rel lists Kv 0.1.0", problem.GetProperty("message").GetString());
        var kv = json.GetProperty("applications").EnumerateArray().Single(a => a.GetProperty("name").GetString() == "Kv");
        Assert.False(kv.GetProperty("present").GetBoolean());
        Assert.Equal(JsonValueKind.Null, kv.GetProperty("modules").ValueKind);

        var damaged = temp.Combine("damaged.tar.gz");
        File.WriteAllBytes(damaged, [0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 3, 1, 2, 3]);
        var tarball = Json(damaged);
        Assert.False(tarball.GetProperty("ok").GetBoolean());
        Assert.Equal("tarball", tarball.GetProperty("kind").GetString());
        Assert.False(tarball.GetProperty("tarball").GetProperty("verified").GetBoolean());
        var reason = tarball.GetProperty("tarball").GetProperty("error").GetString();
        Assert.False(string.IsNullOrEmpty(reason));
        Assert.Equal(13, tarball.GetProperty("tarball").GetProperty("bytes").GetInt64());
        Assert.Equal(JsonValueKind.Null, tarball.GetProperty("version").ValueKind);
        var tarProblem = Assert.Single(tarball.GetProperty("problems").EnumerateArray());
        Assert.Equal((damaged, reason), (tarProblem.GetProperty("file").GetString(), tarProblem.GetProperty("message").GetString()));
    }
}
