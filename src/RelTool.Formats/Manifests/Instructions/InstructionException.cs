using RelTool.Formats.Terms;

namespace RelTool.Formats.Manifests.Instructions;

/// <summary>
/// An appup or relup instruction that breaks a rule of appup(4). <see cref="Reason"/> is the term
/// systools_rc gives for it (e.g. <c>{bad_instruction, X}</c>, <c>{bad_purge_method, X}</c>). The file is not known
/// where the instruction is checked: the appup and relup readers name it.
/// </summary>
public sealed class InstructionException(Term reason, string message) : FileProblemException(null, message)
{
    public Term Reason { get; } = reason;

    /// <summary>The reason's first atom, e.g. bad_instruction.</summary>
    public string ReasonName => Reason switch
    {
        ErlAtom a => a.Name,
        ErlTuple { Arity: > 0 } t when t[0] is ErlAtom a => a.Name,
        _ => "error",
    };
}
