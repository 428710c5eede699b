using RelTool.Core.Diff;
using RelTool.Core.Diff.Digest;

namespace RelTool.Tests.Diff;

public class AssemblyDigestTests
{
    private const string Source = """
        using System;
        namespace Kv;
        [Serializable]
        public sealed class Store
        {
            public const int Limit = 100;
            private readonly System.Collections.Generic.Dictionary<string, int> _items = new();
            public void Put(string key, int value) { if (_items.Count < Limit) _items[key] = value; }
            public int Get(string key) => _items.TryGetValue(key, out var v) ? v : Helper.Missing();
            public static ReadOnlySpan<byte> Magic => new byte[] { 1, 2, 3, 4, 5, 6, 7, 8, 9 };
            public string Where([System.Runtime.CompilerServices.CallerMemberName] string member = "") => member;
        }
        internal static class Helper
        {
            public static int Missing() => -1;
            public static int Other() => -2;
        }
        """;

    private static AssemblyDigest Digest(byte[] image) => AssemblyDigester.TryDigest(image) ?? throw new InvalidOperationException("not an assembly");

    private static AssemblyDigest Build(string source = Source, string version = "1.0.0", string commit = "abc123", string folder = "/src/build",
        bool deterministic = true, IEnumerable<(string, byte[])>? resources = null) =>
        Digest(TestCompiler.Compile("Kv", source, version, commit, folder, deterministic, resources: resources));

    [Fact]
    public void Version_attributes_and_commit_suffix_do_not_count()
    {
        var a = TestCompiler.Compile("Kv", Source, version: "1.0.0", commit: "abc123");
        var b = TestCompiler.Compile("Kv", Source, version: "2.3.4", commit: "def456");
        Assert.NotEqual(a, b);
        Assert.Equal(Digest(a).Digest, Digest(b).Digest);
    }

    [Fact]
    public void Another_build_folder_and_another_mvid_do_not_count()
    {
        var a = TestCompiler.Compile("Kv", Source, folder: "/home/alice/kv");
        var b = TestCompiler.Compile("Kv", Source, folder: "/ci/work/42/kv", deterministic: false);
        Assert.NotEqual(a, b);
        Assert.Equal(Digest(a).Digest, Digest(b).Digest);
    }

    [Fact]
    public void Reordering_methods_renumbers_tokens_but_changes_no_method()
    {
        var reordered = Source.Replace(
            "public static int Missing() => -1;\n    public static int Other() => -2;",
            "public static int Other() => -2;\n    public static int Missing() => -1;");
        Assert.NotEqual(Source, reordered);
        var changes = AssemblyDiffer.Compare(Build(), Build(reordered));
        Assert.Empty(changes.Methods);
        Assert.Equal(Build().Digest, Build(reordered).Digest);
    }

    [Theory]
    [InlineData("_items[key] = value;", "_items[key] = value + 1;", "Kv.Store", "Put(string,int32)")]
    [InlineData("Helper.Missing()", "Helper.Other()", "Kv.Store", "Get(string)")]
    [InlineData("new byte[] { 1, 2, 3, 4, 5, 6, 7, 8, 9 }", "new byte[] { 1, 2, 3, 4, 5, 6, 7, 8, 0 }", "Kv.Store", "get_Magic()")]
    public void A_changed_body_changes_the_digest_and_names_the_method(string before, string after, string type, string method)
    {
        var changed = Source.Replace(before, after);
        Assert.NotEqual(Source, changed);
        var old = Build();
        var @new = Build(changed);
        Assert.NotEqual(old.Digest, @new.Digest);
        var changes = AssemblyDiffer.Compare(old, @new);
        var m = Assert.Single(changes.Methods);
        Assert.Equal((type, method, ChangeKind.Changed, false, true), (m.Type, m.Method, m.Kind, m.SignatureChanged, m.BodyChanged));
        Assert.Contains(changes.Types, t => t.Type == type && t.Kind == ChangeKind.Changed);
    }

    [Fact]
    public void A_changed_constant_counts()
    {
        var old = Build();
        var @new = Build(Source.Replace("public const int Limit = 100;", "public const int Limit = 200;"));
        Assert.NotEqual(old.Digest, @new.Digest);
        Assert.Equal(new TypeChange("Kv.Store", ChangeKind.Changed), Assert.Single(AssemblyDiffer.Compare(old, @new).Types));
    }

    [Fact]
    public void A_changed_attribute_counts()
    {
        var old = Build();
        var @new = Build(Source.Replace("[Serializable]", "[Obsolete(\"use Store2\")]"));
        Assert.NotEqual(old.Digest, @new.Digest);
        Assert.Equal(new TypeChange("Kv.Store", ChangeKind.Changed), Assert.Single(AssemblyDiffer.Compare(old, @new).Types));
    }

    [Fact]
    public void A_changed_signature_is_a_method_removed_and_one_added()
    {
        var changes = AssemblyDiffer.Compare(Build(), Build(Source.Replace("public int Get(string key)", "public int Get(string key, int fallback = 0)")));
        Assert.Equal(
            new[] { new MethodChange("Kv.Store", "Get(string,int32)", ChangeKind.Added, false, false), new MethodChange("Kv.Store", "Get(string)", ChangeKind.Removed, false, false) }
            .Select(m => m.ToString()),
            changes.Methods.OrderBy(m => m.Kind).ToArray().Select(m => m.ToString()));
    }

    [Fact]
    public void A_changed_return_type_is_a_signature_change()
    {
        var changes = AssemblyDiffer.Compare(Build(), Build(Source.Replace("public static int Other() => -2;", "public static long Other() => -2;")));
        var m = Assert.Single(changes.Methods);
        Assert.Equal(("Kv.Helper", "Other()", true), (m.Type, m.Method, m.SignatureChanged));
    }

    [Fact]
    public void An_added_type_is_named()
    {
        var old = Build();
        var @new = Build(Source + "\npublic record Entry(string Key, int Value);");
        Assert.NotEqual(old.Digest, @new.Digest);
        var changes = AssemblyDiffer.Compare(old, @new);
        Assert.Contains(new TypeChange("Kv.Entry", ChangeKind.Added), changes.Types);
        Assert.Empty(changes.Methods);
    }

    [Fact]
    public void A_changed_resource_counts()
    {
        var old = Build(resources: [("Kv.data.txt", "one"u8.ToArray())]);
        var same = Build(resources: [("Kv.data.txt", "one"u8.ToArray())], version: "9.9.9");
        var @new = Build(resources: [("Kv.data.txt", "two"u8.ToArray())]);
        Assert.Equal(old.Digest, same.Digest);
        Assert.NotEqual(old.Digest, @new.Digest);
    }

    [Fact]
    public void References_name_assemblies_without_versions()
    {
        Assert.Equal(["System.Private.CoreLib"], Build().References.ToArray());
    }

    [Fact]
    public void A_native_file_is_not_an_assembly()
    {
        Assert.Null(AssemblyDigester.TryDigest("\u007fELF not really a library"u8.ToArray()));
        Assert.Null(AssemblyDigester.TryDigestWhole("\u007fELF not really a library"u8.ToArray()));
    }

    [Fact]
    public void The_whole_digest_alone_equals_the_detailed_one()
    {
        var image = TestCompiler.Compile("Kv", Source, resources: [("Kv.data.txt", "one"u8.ToArray())]);
        var changed = TestCompiler.Compile("Kv", Source.Replace("Helper.Missing()", "Helper.Other()"));
        Assert.Equal(Digest(image).Digest, AssemblyDigester.TryDigestWhole(image));
        Assert.Equal(Digest(changed).Digest, AssemblyDigester.TryDigestWhole(changed));
        Assert.NotEqual(AssemblyDigester.TryDigestWhole(image), AssemblyDigester.TryDigestWhole(changed));
    }
}
