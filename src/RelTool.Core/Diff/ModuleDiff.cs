using System.Collections.Immutable;

namespace RelTool.Core.Diff;

/// <summary>A module (assembly) added, removed or changed; <see cref="Old"/>/<see cref="New"/> are null where it is absent.</summary>
/// <param name="Details">Types and methods that differ; null for added or removed modules.</param>
public sealed record ModuleDiff(string Name, ChangeKind Kind, ModuleSide? Old, ModuleSide? New, AssemblyChanges? Details);

/// <summary>A module on one side of the diff.</summary>
/// <param name="Path">Relative to the application directory.</param>
/// <param name="References">Simple names of the assemblies it references.</param>
/// <param name="HasServer">It holds a type deriving from RelTool.Runtime.Server`1.</param>
public sealed record ModuleSide(string Path, ImmutableArray<string> References, bool HasServer);

/// <summary>Types (full names) and methods that were added, removed or changed inside one assembly.</summary>
public sealed record AssemblyChanges(ImmutableArray<TypeChange> Types, ImmutableArray<MethodChange> Methods);

public sealed record TypeChange(string Type, ChangeKind Kind);

/// <param name="Method">Name`arity(parameter types) within <see cref="Type"/>.</param>
public sealed record MethodChange(string Type, string Method, ChangeKind Kind, bool SignatureChanged, bool BodyChanged);
