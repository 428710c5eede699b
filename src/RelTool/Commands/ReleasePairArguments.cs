using System.CommandLine;
using RelTool.Core.Diff;
using RelTool.Core.Releases;

namespace RelTool.Commands;

/// <summary>OLD NEW [--root DIR]: two release directories or tarballs, or two versions inside one install.</summary>
internal sealed class ReleasePairArguments
{
    public Argument<string> Old { get; } = new Argument<string>("OLD") { Description = "The release upgraded from: a release directory, a .tar.gz of one, or a version with --root" }.NoOptionLike();
    public Argument<string> New { get; } = new Argument<string>("NEW") { Description = "The release upgraded to: a release directory, a .tar.gz of one, or a version with --root" }.NoOptionLike();
    public Option<string?> Root { get; } = new("--root") { Description = "An install holding both versions: OLD and NEW are then versions under its releases/" };

    public void AddTo(Command command)
    {
        command.Arguments.Add(Old);
        command.Arguments.Add(New);
        command.Options.Add(Root);
    }

    /// <summary>Opens both releases, diffs them and hands both snapshots and the diff to <paramref name="use"/>; the
    /// opened releases (extracted tarballs) are disposed afterwards.</summary>
    /// <exception cref="ReleaseReadException">either release cannot be read (or a FileProblemException naming its broken manifest)</exception>
    public T Compare<T>(ParseResult result, Func<ReleaseSnapshot, ReleaseSnapshot, ReleaseDiff, T> use)
    {
        var (old, @new) = Open(result);
        using (old)
        using (@new)
            return use(old.Snapshot, @new.Snapshot, ReleaseDiffer.Compare(old.Snapshot, @new.Snapshot));
    }

    private (OpenedRelease Old, OpenedRelease New) Open(ParseResult result)
    {
        var root = result.GetValue(Root);
        var old = result.GetValue(Old)!;
        var @new = result.GetValue(New)!;
        if (root is not null) return (OpenedRelease.Open(root, old), OpenedRelease.Open(root, @new));
        var opened = OpenedRelease.Open(old);
        try
        {
            return (opened, OpenedRelease.Open(@new));
        }
        catch
        {
            opened.Dispose();
            throw;
        }
    }
}
