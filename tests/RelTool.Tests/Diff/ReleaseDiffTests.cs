using System.Formats.Tar;
using System.IO.Compression;
using RelTool.Core.Diff;
using RelTool.Core.Releases;

namespace RelTool.Tests.Diff;

public class ReleaseDiffTests
{
    private const string Store = "namespace Kv; public class Store { public int Get() => 1; }";
    private static readonly byte[] Native = [0x7f, (byte)'E', (byte)'L', (byte)'F', 1, 2, 3];

    private static ReleaseDiff Diff(TestRelease old, TestRelease @new)
    {
        using var o = OpenedRelease.Open(old.Root);
        using var n = OpenedRelease.Open(@new.Root);
        return ReleaseDiffer.Compare(o.Snapshot, n.Snapshot);
    }

    [Fact]
    public void A_version_bump_alone_is_not_a_code_change()
    {
        using var old = new TestRelease();
        using var @new = new TestRelease();
        old.Write("0.1.0", TestRelease.MakeApp("Kv", "0.1.0", ("Kv.dll", TestCompiler.Compile("Kv", Store, "0.1.0", "aaa")), ("libkv.so", Native)));
        @new.Write("0.2.0", TestRelease.MakeApp("Kv", "0.2.0", ("Kv.dll", TestCompiler.Compile("Kv", Store, "0.2.0", "bbb", folder: "/elsewhere")), ("libkv.so", Native)));
        var app = Assert.Single(Diff(old, @new).Applications);
        Assert.Equal((AppStatus.VersionOnly, "0.1.0", "0.2.0"), (app.Status, app.OldVersion, app.NewVersion));
        Assert.Empty(app.Files);
    }

    [Fact]
    public void Names_changed_files_modules_types_and_methods()
    {
        using var old = new TestRelease();
        using var @new = new TestRelease();
        old.Write("0.1.0",
            TestRelease.MakeApp("Kv", "0.1.0", ("Kv.dll", TestCompiler.Compile("Kv", Store)), ("Gone.dll", TestCompiler.Compile("Gone", "public class G {}")), ("libkv.so", Native)),
            TestRelease.MakeApp("Old.App", "1.0.0", ("Old.App.dll", TestCompiler.Compile("Old.App", "public class O {}"))),
            TestRelease.MakeApp("Same", "1.0.0", ("Same.dll", TestCompiler.Compile("Same", "public class S {}"))));
        @new.Write("0.2.0",
            TestRelease.MakeApp("Kv", "0.2.0", ("Kv.dll", TestCompiler.Compile("Kv", Store.Replace("=> 1", "=> 2"))), ("New.dll", TestCompiler.Compile("New", "public class N {}")), ("libkv.so", [.. Native, 4])),
            TestRelease.MakeApp("New.App", "1.0.0", ("New.App.dll", TestCompiler.Compile("New.App", "public class A {}"))),
            TestRelease.MakeApp("Same", "1.0.0", ("Same.dll", TestCompiler.Compile("Same", "public class S {}", version: "1.0.0", commit: "other"))));
        var diff = Diff(old, @new);

        Assert.Equal(1, diff.UnchangedApplications);
        Assert.Equal(["Kv:Changed", "New.App:Added", "Old.App:Removed"], diff.Applications.Select(a => $"{a.Name}:{a.Status}").ToArray());
        var kv = diff.Applications[0];
        Assert.Equal(["Gone.dll:Removed", "Kv.dll:Changed", "New.dll:Added", "libkv.so:Changed"], kv.Files.Select(f => $"{f.Path}:{f.Kind}").ToArray());
        Assert.Equal(["Gone:Removed", "Kv:Changed", "New:Added"], kv.Modules.Select(m => $"{m.Name}:{m.Kind}").ToArray());
        var method = Assert.Single(kv.Modules[1].Details!.Methods);
        Assert.Equal(("Kv.Store", "Get()", true), (method.Type, method.Method, method.BodyChanged));

        var text = RelTool.Core.Diff.Output.DiffText.Format(diff);
        Assert.Contains("~ Kv 0.1.0 -> 0.2.0\n    - Gone.dll (module Gone)\n    ~ Kv.dll (module Kv)\n        ~ type Kv.Store\n            ~ Get() [body]\n", text);
        var json = System.Text.Json.JsonDocument.Parse(RelTool.Core.Diff.Output.DiffJson.Format(diff)).RootElement;
        Assert.Equal("Get()", json.GetProperty("applications")[0].GetProperty("modules")[1].GetProperty("methods")[0].GetProperty("method").GetString());
    }

    [Fact]
    public void Code_changed_without_a_version_bump_is_flagged()
    {
        using var old = new TestRelease();
        using var @new = new TestRelease();
        old.Write("0.1.0", TestRelease.MakeApp("Kv", "0.1.0", ("Kv.dll", TestCompiler.Compile("Kv", Store))));
        @new.Write("0.2.0", TestRelease.MakeApp("Kv", "0.1.0", ("Kv.dll", TestCompiler.Compile("Kv", Store.Replace("=> 1", "=> 3")))));
        var app = Assert.Single(Diff(old, @new).Applications);
        Assert.True(app.CodeChangedWithoutVersionBump);
    }

    private const string ServerV1 = """
        namespace Kv;
        public sealed class Entry { public string Key = ""; public int Value; }
        public sealed class State { public Entry Last = new(); public int Count; }
        public sealed class KvServer : RelTool.Runtime.Servers.Server<State>
        {
            public object CodeChange(object old, string fromVsn, object extra) => old;
        }
        """;

    [Theory]
    [InlineData("public int Value;", "public long Value;", "public object CodeChange(object old, string fromVsn, object extra) => old;", true, "Last.Value : int64")]
    [InlineData("public int Count;", "public int Count; public int Size;", "public object CodeChange(object old, string fromVsn, object extra) => old;", true, "Size : int32")]
    [InlineData("public int Count;", "public int Count; public int Size;", "public object CodeChange(object old, string fromVsn, object extra) => new State();", false, "")]
    [InlineData("public int Count;", "public int Count; public int Size;", "", true, "Size : int32")]
    [InlineData("public int Count;", "public int Count;", "public object CodeChange(object old, string fromVsn, object extra) => old; public int Other() => 1;", false, "")]
    public void Warns_when_the_state_changed_shape_but_CodeChange_did_not(string stateBefore, string stateAfter, string codeChangeAfter, bool warns, string added)
    {
        var v2 = ServerV1.Replace(stateBefore, stateAfter).Replace("public object CodeChange(object old, string fromVsn, object extra) => old;", codeChangeAfter);
        using var old = new TestRelease();
        using var @new = new TestRelease();
        old.Write("0.1.0", TestRelease.MakeApp("Kv", "0.1.0", ("Kv.dll", TestCompiler.Compile("Kv", ServerV1, references: [TestCompiler.FakeRuntime]))));
        @new.Write("0.2.0", TestRelease.MakeApp("Kv", "0.2.0", ("Kv.dll", TestCompiler.Compile("Kv", v2, references: [TestCompiler.FakeRuntime]))));
        var diff = Diff(old, @new);
        Assert.True(Assert.Single(diff.Applications).Modules.Single().New!.HasServer);
        if (!warns) { Assert.Empty(diff.Warnings); return; }
        var warning = Assert.Single(diff.Warnings);
        Assert.Equal(("Kv.KvServer", "Kv.State", codeChangeAfter.Length == 0), (warning.ServerType, warning.NewStateType, warning.CodeChangeMissing));
        Assert.Contains(added, warning.FieldsAdded);
    }

    [Fact]
    public void Reads_two_versions_of_one_install_and_tarballs()
    {
        using var install = new TestRelease();
        install.Write("0.1.0", TestRelease.MakeApp("Kv", "0.1.0", ("Kv.dll", TestCompiler.Compile("Kv", Store))));
        install.Write("0.2.0", TestRelease.MakeApp("Kv", "0.2.0", ("Kv.dll", TestCompiler.Compile("Kv", Store.Replace("=> 1", "=> 2")))));
        using var packDir = new TestRelease();
        var tarball = Path.Combine(packDir.Root, "kv.tar.gz");
        using (var file = File.Create(tarball))
        using (var gzip = new GZipStream(file, CompressionLevel.Fastest))
            TarFile.CreateFromDirectory(install.Root, gzip, includeBaseDirectory: false);

        using var old = OpenedRelease.Open(install.Root, "0.1.0");
        using var packed = OpenedRelease.Open(tarball);
        Assert.Equal("0.2.0", packed.Snapshot.Version);
        var diff = ReleaseDiffer.Compare(old.Snapshot, packed.Snapshot);
        Assert.Equal(AppStatus.Changed, Assert.Single(diff.Applications).Status);
        Assert.Equal(["0.1.0", "0.2.0"], ReleaseReader.Versions(install.Root).ToArray());
    }

    [Fact]
    public void Errors_name_what_is_wrong()
    {
        using var release = new TestRelease();
        Assert.Contains("not a release directory", Assert.Throws<ReleaseReadException>(() => OpenedRelease.Open(release.Root)).Message);
        Assert.Contains("no such directory", Assert.Throws<ReleaseReadException>(() => OpenedRelease.Open(Path.Combine(release.Root, "missing"))).Message);
        release.Write("0.1.0", TestRelease.MakeApp("Kv", "0.1.0", ("Kv.dll", TestCompiler.Compile("Kv", Store))));
        Assert.Contains("no release 0.3.0 (found: 0.1.0)", Assert.Throws<ReleaseReadException>(() => OpenedRelease.Open(release.Root, "0.3.0")).Message);
        var corrupt = Path.Combine(release.Root, "bad.tar.gz");
        File.WriteAllBytes(corrupt, [0x1f, 0x8b, 8, 0, 1, 2, 3]);
        Assert.Contains("not a readable release tarball", Assert.Throws<ReleaseReadException>(() => OpenedRelease.Open(corrupt)).Message);
    }
}
