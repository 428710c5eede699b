using System.Reflection;
using System.Reflection.Emit;

namespace RelTool.Runtime.Hosting;

/// <summary>The methods a method's IL calls, creates or takes the address of (call, callvirt, newobj, ldftn, ldvirtftn).</summary>
internal static class IlCalls
{
    private static readonly Dictionary<short, OpCode> KnownOpCodes = typeof(OpCodes)
        .GetFields(BindingFlags.Public | BindingFlags.Static)
        .Select(f => (OpCode)f.GetValue(null)!)
        .ToDictionary(o => o.Value);

    public static IEnumerable<MethodBase> Of(MethodBase method)
    {
        var il = method.GetMethodBody()?.GetILAsByteArray();
        if (il is null) yield break;
        var typeArguments = method.DeclaringType is { IsGenericType: true } type ? type.GetGenericArguments() : null;
        var methodArguments = method.IsGenericMethod ? method.GetGenericArguments() : null;
        for (var at = 0; at < il.Length;)
        {
            short value = il[at] == 0xFE && at + 1 < il.Length ? (short)(0xFE00 | il[at + 1]) : il[at];
            if (!KnownOpCodes.TryGetValue(value, out var op)) yield break; // not IL we understand: stop rather than misread
            at += op.Size;
            if (op.OperandType == OperandType.InlineMethod && at + 4 <= il.Length)
            {
                var callee = Resolve(method.Module, BitConverter.ToInt32(il, at), typeArguments, methodArguments);
                if (callee is not null) yield return callee;
            }
            at += OperandSize(op, il, at);
        }
    }

    private static MethodBase? Resolve(Module module, int token, Type[]? typeArguments, Type[]? methodArguments)
    {
        try { return module.ResolveMethod(token, typeArguments, methodArguments); }
        catch (Exception e) when (e is ArgumentException or BadImageFormatException or MissingMethodException or TypeLoadException or FileNotFoundException) { return null; }
    }

    private static int OperandSize(OpCode op, byte[] il, int at) => op.OperandType switch
    {
        OperandType.InlineNone => 0,
        OperandType.ShortInlineBrTarget or OperandType.ShortInlineI or OperandType.ShortInlineVar => 1,
        OperandType.InlineVar => 2,
        OperandType.InlineI8 or OperandType.InlineR => 8,
        OperandType.InlineSwitch => 4 + 4 * (at + 4 <= il.Length ? BitConverter.ToInt32(il, at) : 0),
        _ => 4,
    };
}
