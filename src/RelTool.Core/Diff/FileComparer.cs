using RelTool.Core.Diff.Digest;

namespace RelTool.Core.Diff;

/// <summary>
/// Compares one file path of an application on both sides. Equal bytes end it; otherwise a managed
/// assembly compares by its semantic digest, a .deps.json by its version-free content, anything else
/// (native libraries, content) by its bytes, which is what equal SHA-256 digests would say.
/// </summary>
internal static class FileComparer
{
    /// <param name="Kind">Null when the file did not change.</param>
    /// <param name="Old">Digest on the old side, when the file is a module candidate that is a managed assembly and the kind is not null.</param>
    public sealed record Result(string Path, ChangeKind? Kind, AssemblyDigest? Old, AssemblyDigest? New);

    public static Result Compare(string relative, string? oldPath, string? newPath)
    {
        var module = AppFiles.IsModulePath(relative);
        if (oldPath is null) return new Result(relative, ChangeKind.Added, null, module ? AssemblyDigester.TryDigest(newPath!) : null);
        if (newPath is null) return new Result(relative, ChangeKind.Removed, module ? AssemblyDigester.TryDigest(oldPath) : null, null);

        var oldBytes = File.ReadAllBytes(oldPath);
        var newBytes = File.ReadAllBytes(newPath);
        if (oldBytes.AsSpan().SequenceEqual(newBytes)) return new Result(relative, null, null, null);

        if (DepsJsonNormalizer.IsDepsJson(relative)
            && DepsJsonNormalizer.Normalize(oldBytes) is { } oldDeps && DepsJsonNormalizer.Normalize(newBytes) is { } newDeps)
            return new Result(relative, oldDeps == newDeps ? null : ChangeKind.Changed, null, null);

        using var oldAssembly = TryWalk(oldBytes, oldPath);
        using var newAssembly = oldAssembly is null ? null : TryWalk(newBytes, newPath);
        if (oldAssembly is not null && newAssembly is not null && oldAssembly.Digest == newAssembly.Digest)
            return new Result(relative, null, null, null);
        return new Result(relative, ChangeKind.Changed,
            Unreadable(oldPath, () => oldAssembly?.Details()), Unreadable(newPath, () => newAssembly?.Details()));
    }

    private static AssemblyWalk? TryWalk(byte[] image, string path) => Unreadable(path, () => AssemblyDigester.TryWalk(image));

    private static T Unreadable<T>(string path, Func<T> read)
    {
        try
        {
            return read();
        }
        catch (BadImageFormatException e)
        {
            throw new InvalidDataException($"{path}: unreadable assembly metadata: {e.Message}", e);
        }
    }
}
