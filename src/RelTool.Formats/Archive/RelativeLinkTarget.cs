namespace RelTool.Formats.Archive;

/// <summary>The rule for symbolic links inside a release: a relative target made of leading `..` names followed by
/// plain names, climbing no higher than the link's own directory allows. Such a link resolves inside the tree even
/// through other links that obey the same rule, which a purely lexical check of `a/../b` would not guarantee.</summary>
public static class RelativeLinkTarget
{
    /// <summary>Null when <paramref name="target"/> of a link at <paramref name="linkPath"/> (relative, `/`-separated)
    /// stays inside the root; otherwise why not.</summary>
    public static string? Check(string linkPath, string target)
    {
        if (target.Length == 0) return "the link target is empty";
        if (target.StartsWith('/') || (target.Length > 1 && target[1] == ':')) return $"the link target '{target}' is absolute";
        if (target.Contains('\0')) return "the link target contains a NUL character";
        var depth = SafeEntryPath.Depth(linkPath);
        var climbing = true;
        var ups = 0;
        foreach (var name in target.Split('/'))
        {
            if (name.Length == 0 || name == ".") continue;
            if (name == "..")
            {
                if (!climbing) return $"the link target '{target}' has '..' after a name";
                if (++ups > depth) return $"the link target '{target}' points outside the tree";
            }
            else climbing = false;
        }
        return null;
    }
}
