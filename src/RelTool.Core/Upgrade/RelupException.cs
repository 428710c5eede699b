using RelTool.Formats;
using RelTool.Formats.Terms;

namespace RelTool.Core.Upgrade;

/// <summary>
/// The translation failed as systools would: <see cref="Reason"/> is the reason term systools returns
/// in <c>{error, Module, Reason}</c> (e.g. <c>{no_relup, File, App, Vsn}</c>, <c>{undef_module, M}</c>),
/// <see cref="Module"/> the systools module that raises it, and the message says it in plain words, then names
/// both as <c>[no_relup, from systools_relup]</c>.
/// </summary>
public sealed class RelupException(string module, Term reason, string message) : RelToolException($"{message} [{NameOf(reason)}, from {module}]")
{
    public string Module { get; } = module;
    public Term Reason { get; } = reason;

    /// <summary>The reason's first atom, e.g. no_relup.</summary>
    public string ReasonName => NameOf(Reason);

    private static string NameOf(Term reason) => reason switch
    {
        ErlAtom a => a.Name,
        ErlTuple { Arity: > 0 } t when t[0] is ErlAtom a => a.Name,
        _ => "error",
    };

    internal static RelupException Rc(Term reason, string message) => new("systools_rc", reason, message);
    internal static RelupException Relup(Term reason, string message) => new("systools_relup", reason, message);
    internal static RelupException Make(Term reason, string message) => new("systools_make", reason, message);
}
