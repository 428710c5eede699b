using RelTool.Core.Diff.Appup;

namespace RelTool.Tests.Diff;

public class HandWrittenAppupTests : IDisposable
{
    private readonly string dir = Directory.CreateTempSubdirectory("reltool-appup-").FullName;
    private static readonly HashSet<string> Modules = ["Kv", "Kv.Core"];

    public void Dispose() => Directory.Delete(dir, recursive: true);

    private string Validate(string text, string oldVsn = "1.0.3", string newVsn = "1.1.0")
    {
        var path = Path.Combine(dir, "Kv", $"{oldVsn}-{newVsn}.appup");
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, text);
        Assert.Equal(path, HandWrittenAppup.Find(dir, "Kv", "/nonexistent", oldVsn, newVsn));
        return HandWrittenAppup.Validate(path, oldVsn, newVsn, Modules);
    }

    [Fact]
    public void A_valid_appup_with_a_regexp_key_is_used_as_written()
    {
        const string text = "{\"1.1.0\", [{<<\"1\\\\.0\\\\..*\">>, [{load_module, 'Kv.Core'}, {update, 'Kv', {advanced, []}, ['Kv.Core']}]}],\n [{<<\"1\\\\.0\\\\..*\">>, [{load_module, 'Kv.Core'}]}]}.\n";
        Assert.Equal(text, Validate(text));
    }

    [Theory]
    [InlineData("{\"1.1.0\", [{\"1.0.3\", [{load_module, 'Kv'}]}], [{\"1.0.3\", []}]", "does not parse")]
    [InlineData("{\"1.1.0\", [{\"1.0.3\", [{load_module, 'Kv.Web'}]}], [{\"1.0.3\", []}]}.", "names unknown module Kv.Web")]
    [InlineData("{\"1.2.0\", [{\"1.0.3\", []}], [{\"1.0.3\", []}]}.", "is for version \"1.2.0\"")]
    [InlineData("{\"1.1.0\", [{\"1.0.2\", []}], [{\"1.0.3\", []}]}.", "has no upgrade from \"1.0.3\" (keys: 1.0.2)")]
    [InlineData("{\"1.1.0\", [{<<\"1\\\\.0\\\\..*\">>, []}], [{<<\"2\\\\..*\">>, []}]}.", "has no downgrade to \"1.0.3\"")]
    [InlineData("{\"1.1.0\", [{\"1.0.3\", [{load_module}]}], [{\"1.0.3\", []}]}.", "up entry 1")]
    public void An_invalid_appup_is_rejected_with_the_reason(string text, string reason)
    {
        var error = Assert.Throws<AppupValidationException>(() => Validate(text));
        Assert.Contains(reason, error.Message);
        Assert.StartsWith(Path.Combine(dir, "Kv"), error.Message);
    }
}
