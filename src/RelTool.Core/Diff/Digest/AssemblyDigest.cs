using System.Collections.Immutable;

namespace RelTool.Core.Diff.Digest;

/// <summary>
/// What an assembly does and binds to, without what a rebuild alone changes (see docs/diff.md).
/// <see cref="Digest"/> is equal for two assemblies exactly when <see cref="Types"/>, <see cref="Methods"/>
/// and the assembly-level parts are.
/// </summary>
/// <param name="Name">The assembly's simple name.</param>
/// <param name="Digest">The whole assembly.</param>
/// <param name="Types">Full type name (nested types as Outer/Inner) → digest of the type's own declaration and members.</param>
/// <param name="Methods">Method key (<c>Type::Name(params)</c>) → its signature and body digests.</param>
/// <param name="References">Simple names of the referenced assemblies, sorted.</param>
/// <param name="Servers">Hot-swappable server types (deriving from RelTool.Runtime.Server`1).</param>
public sealed record AssemblyDigest(
    string Name,
    ContentDigest Digest,
    ImmutableSortedDictionary<string, ContentDigest> Types,
    ImmutableSortedDictionary<string, MethodDigest> Methods,
    ImmutableArray<string> References,
    ImmutableArray<ServerType> Servers);

/// <param name="Signature">Name, flags, signature, parameters, generic parameters, attributes.</param>
/// <param name="Body">IL with tokens resolved to names, locals, exception regions; equal for all abstract/extern methods.</param>
public readonly record struct MethodDigest(ContentDigest Signature, ContentDigest Body);

/// <summary>A type deriving (directly or not) from <c>RelTool.Runtime.Server&lt;TState&gt;</c>.</summary>
/// <param name="StateShape">"path : type" for every instance field of TState, recursively for types of the same assembly.</param>
/// <param name="CodeChange">Digest of the server's own CodeChange methods; null when it declares none.</param>
public sealed record ServerType(string TypeName, string StateType, ImmutableArray<string> StateShape, ContentDigest? CodeChange);
