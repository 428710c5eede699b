using System.Numerics;
using RelTool.Formats.Terms;

namespace RelTool.Formats.Manifests.Instructions;

/// <summary>How processes running old code are treated when code is loaded or removed.</summary>
public enum PurgeMethod { BrutalPurge, SoftPurge }

/// <summary>Whether a process module is dynamic (the default) or static (supervisors): decides when code_change runs on a downgrade.</summary>
public enum ModuleType { Dynamic, Static }

/// <summary>The time allowed for suspending a process: default, infinity or a positive number of milliseconds.</summary>
public abstract record UpgradeTimeout
{
    public static readonly UpgradeTimeout Default = new Named("default");
    public static readonly UpgradeTimeout Infinity = new Named("infinity");
    public static UpgradeTimeout Milliseconds(BigInteger ms) =>
        ms > 0 ? new Millis(ms) : throw new ArgumentOutOfRangeException(nameof(ms), "a timeout is a positive integer");

    public abstract Term ToTerm();

    private sealed record Named(string Name) : UpgradeTimeout
    {
        public override Term ToTerm() => Erl.Atom(Name);
    }

    private sealed record Millis(BigInteger Value) : UpgradeTimeout
    {
        public override Term ToTerm() => Erl.Int(Value);
    }
}

/// <summary>What an update does with process state: soft (nothing) or advanced (code_change with Extra).</summary>
public abstract record ModuleChange
{
    public static readonly ModuleChange Soft = new SoftChange();
    public static ModuleChange Advanced(Term extra) => new AdvancedChange(extra);

    public abstract Term ToTerm();
}

public sealed record SoftChange : ModuleChange
{
    public override Term ToTerm() => Erl.Atom("soft");
}

public sealed record AdvancedChange(Term Extra) : ModuleChange
{
    public override Term ToTerm() => Erl.Tuple(Erl.Atom("advanced"), Extra);
}

/// <summary>Atom spellings of the option enums.</summary>
public static class InstructionAtoms
{
    public static string Of(PurgeMethod p) => p == PurgeMethod.SoftPurge ? "soft_purge" : "brutal_purge";
    public static string Of(ModuleType t) => t == ModuleType.Static ? "static" : "dynamic";
    public static string Of(StartType t) => t.ToString().ToLowerInvariant();

    public static ErlAtom Atom(PurgeMethod p) => Erl.Atom(Of(p));
    public static ErlAtom Atom(StartType t) => Erl.Atom(Of(t));

    public static bool TryStartType(string atom, out StartType type)
    {
        foreach (var t in Enum.GetValues<StartType>())
            if (Of(t) == atom) { type = t; return true; }
        type = default;
        return false;
    }
}
