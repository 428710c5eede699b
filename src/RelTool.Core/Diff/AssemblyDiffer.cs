using System.Collections.Immutable;
using RelTool.Core.Diff.Digest;

namespace RelTool.Core.Diff;

/// <summary>Names the types and methods whose digests differ between two versions of an assembly.</summary>
public static class AssemblyDiffer
{
    public static AssemblyChanges Compare(AssemblyDigest old, AssemblyDigest @new)
    {
        var types = ImmutableArray.CreateBuilder<TypeChange>();
        foreach (var (name, digest) in @new.Types)
        {
            if (!old.Types.TryGetValue(name, out var before)) types.Add(new TypeChange(name, ChangeKind.Added));
            else if (before != digest) types.Add(new TypeChange(name, ChangeKind.Changed));
        }
        foreach (var name in old.Types.Keys)
            if (!@new.Types.ContainsKey(name)) types.Add(new TypeChange(name, ChangeKind.Removed));
        types.Sort((a, b) => string.CompareOrdinal(a.Type, b.Type));

        // Methods only for types on both sides: an added or removed type speaks for its methods.
        var methods = ImmutableArray.CreateBuilder<MethodChange>();
        foreach (var (key, digest) in @new.Methods)
        {
            var (type, method) = Split(key);
            if (!old.Types.ContainsKey(type)) continue;
            if (!old.Methods.TryGetValue(key, out var before)) methods.Add(new MethodChange(type, method, ChangeKind.Added, false, false));
            else if (before != digest)
                methods.Add(new MethodChange(type, method, ChangeKind.Changed, before.Signature != digest.Signature, before.Body != digest.Body));
        }
        foreach (var key in old.Methods.Keys)
        {
            var (type, method) = Split(key);
            if (@new.Types.ContainsKey(type) && !@new.Methods.ContainsKey(key))
                methods.Add(new MethodChange(type, method, ChangeKind.Removed, false, false));
        }
        methods.Sort((a, b) => string.CompareOrdinal(a.Type, b.Type) is var c && c != 0 ? c : string.CompareOrdinal(a.Method, b.Method));
        return new AssemblyChanges(types.ToImmutable(), methods.ToImmutable());
    }

    private static (string Type, string Method) Split(string key)
    {
        var at = key.IndexOf("::", StringComparison.Ordinal);
        return (key[..at], key[(at + 2)..]);
    }
}
