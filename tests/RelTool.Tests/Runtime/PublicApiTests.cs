using System.Text.RegularExpressions;
using RelTool.Runtime;

namespace RelTool.Tests.Runtime;

/// <summary>
/// The app author's namespace holds exactly the types docs/runtime.md lists under "Public API", and every other exported
/// type is the launcher's, in RelTool.Runtime.Hosting, listed there too: a launcher-only type in RelTool.Runtime, or
/// an undocumented one anywhere, fails here.
/// </summary>
public sealed partial class PublicApiTests
{
    private const string AuthorNamespace = "RelTool.Runtime";
    private const string HostingNamespace = "RelTool.Runtime.Hosting";

    [Fact]
    public void The_app_authors_namespace_exports_exactly_the_documented_types()
    {
        AssertSame(Documented(AuthorNamespace), Exported(AuthorNamespace), AuthorNamespace);
    }

    [Fact]
    public void Every_other_exported_type_is_the_launchers_and_documented()
    {
        var exported = typeof(Node).Assembly.GetExportedTypes().Where(IsSpeakable).ToArray();
        Assert.Empty(exported.Where(t => t.Namespace is not (AuthorNamespace or HostingNamespace)).Select(t => t.FullName));
        AssertSame(Documented(HostingNamespace), Exported(HostingNamespace), HostingNamespace);
    }

    [Fact]
    public void The_documented_launcher_types_are_not_in_the_app_authors_namespace()
    {
        Assert.Empty(Documented(HostingNamespace).Intersect(Documented(AuthorNamespace)));
        Assert.Contains("NodeHosting", Documented(HostingNamespace));
        Assert.Contains("CodeLoadContext", Documented(HostingNamespace));
    }

    private static void AssertSame(SortedSet<string> documented, SortedSet<string> exported, string ns)
    {
        Assert.True(documented.SetEquals(exported),
            $"{ns}: exported but not in docs/runtime.md: [{string.Join(", ", exported.Except(documented))}]; " +
            $"in docs/runtime.md but not exported: [{string.Join(", ", documented.Except(exported))}]");
    }

    private static SortedSet<string> Exported(string ns) =>
        new(typeof(Node).Assembly.GetExportedTypes().Where(t => t.Namespace == ns && IsSpeakable(t)).Select(t => t.Name), StringComparer.Ordinal);

    /// <summary>Extension blocks compile to nested types with unspeakable names (&lt;G&gt;$…): not API of their own.</summary>
    private static bool IsSpeakable(Type type) => !type.Name.StartsWith('<') && (type.DeclaringType is null || IsSpeakable(type.DeclaringType));

    /// <summary>
    /// The bullets ("- `Type`" or "- `Type`: members") after the line that starts with "`NAMESPACE` (" in the "Public
    /// API" section, up to the next blank-line-separated paragraph; <c>Server&lt;TState&gt;</c> becomes <c>Server`1</c>.
    /// </summary>
    private static SortedSet<string> Documented(string ns)
    {
        var lines = File.ReadAllLines(Path.Combine(RepoFiles.Root, "docs", "runtime.md"));
        var section = Array.IndexOf(lines, "## Public API");
        Assert.True(section >= 0, "docs/runtime.md has no \"## Public API\" section");
        var start = Array.FindIndex(lines, section, l => l.StartsWith($"`{ns}` (", StringComparison.Ordinal));
        Assert.True(start >= 0, $"docs/runtime.md lists no `{ns}` types");
        var names = new SortedSet<string>(StringComparer.Ordinal);
        for (var i = start + 1; i < lines.Length && !lines[i].StartsWith('`') && !lines[i].StartsWith('#'); i++)
        {
            if (Bullet().Match(lines[i]) is { Success: true } bullet)
            {
                var arity = bullet.Groups["args"].Success ? bullet.Groups["args"].Value.Split(',').Length : 0;
                names.Add(arity == 0 ? bullet.Groups["name"].Value : $"{bullet.Groups["name"].Value}`{arity}");
            }
        }

        return names;
    }

    [GeneratedRegex(@"^- `(?<name>[A-Za-z]+)(<(?<args>[A-Za-z, ]+)>)?`")]
    private static partial Regex Bullet();
}
