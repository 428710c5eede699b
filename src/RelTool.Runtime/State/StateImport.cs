using System.Collections;
using System.Runtime.CompilerServices;

namespace RelTool.Runtime;

/// <summary>
/// The default migration: rebuilds a state exported by <see cref="StateExport"/> as the new code's type when
/// that type is unchanged (same full name and shape), and fails clearly otherwise.
/// </summary>
internal static class StateImport
{
    public static TState Rebuild<TState>(object? exported)
    {
        try
        {
            return (TState)Rebuild(exported, typeof(TState), "state")!;
        }
        catch (StateShapeException mismatch)
        {
            throw new CodeChangeException(
                $"the state type changed ({mismatch.Message}); override CodeChange to migrate it", mismatch);
        }
    }

    private static object? Rebuild(object? value, Type target, string path)
    {
        if (value is null)
        {
            return !target.IsValueType || Nullable.GetUnderlyingType(target) is not null
                ? null
                : throw new StateShapeException($"{path}: null where {target} needs a value");
        }

        if (target.IsInstanceOfType(value))
        {
            return value;
        }

        var underlying = Nullable.GetUnderlyingType(target);
        if (underlying is not null)
        {
            return Rebuild(value, underlying, path);
        }

        return value switch
        {
            string name when target.IsEnum => Enum.Parse(target, name),
            ExportedObject exported => RebuildObject(exported, target, path),
            IDictionary dictionary => RebuildDictionary(dictionary, target, path),
            IList list => RebuildSequence(list, target, path),
            _ => throw new StateShapeException($"{path}: was {value.GetType()}, is now {target}"),
        };
    }

    private static object RebuildObject(ExportedObject exported, Type target, string path)
    {
        if (exported.TypeName != target.ToString())
        {
            throw new StateShapeException($"{path}: was {exported.TypeName}, is now {target}");
        }

        var shape = StateFields.Shape(target);
        if (exported.Shape != shape)
        {
            throw new StateShapeException($"{path}: {target} had fields [{exported.Shape}], now has [{shape}]");
        }

        var result = RuntimeHelpers.GetUninitializedObject(target);
        foreach (var (name, field) in StateFields.Of(target))
        {
            field.SetValue(result, Rebuild(exported[name], field.FieldType, $"{path}.{name}"));
        }

        return result;
    }

    private static object RebuildDictionary(IDictionary exported, Type target, string path)
    {
        var arguments = GenericArgumentsOf(target, typeof(IDictionary<,>)) ?? [typeof(object), typeof(object)];
        if (Create(target) is not IDictionary result)
        {
            throw new StateShapeException($"{path}: a dictionary cannot become {target}");
        }

        foreach (DictionaryEntry entry in exported)
        {
            var key = Rebuild(entry.Key, arguments[0], $"{path}.key")!;
            result.Add(key, Rebuild(entry.Value, arguments[1], $"{path}[{entry.Key}]"));
        }

        return result;
    }

    private static object RebuildSequence(IList exported, Type target, string path)
    {
        if (target.IsArray)
        {
            var element = target.GetElementType()!;
            var array = Array.CreateInstance(element, exported.Count);
            for (var i = 0; i < exported.Count; i++)
            {
                array.SetValue(Rebuild(exported[i], element, $"{path}[{i}]"), i);
            }

            return array;
        }

        var elementType = GenericArgumentsOf(target, typeof(ICollection<>))?[0] ?? typeof(object);
        var result = Create(target)
            ?? throw new StateShapeException($"{path}: a sequence cannot become {target}");
        var add = target.GetMethod("Add", [elementType])
            ?? throw new StateShapeException($"{path}: {target} has no Add({elementType})");
        for (var i = 0; i < exported.Count; i++)
        {
            add.Invoke(result, [Rebuild(exported[i], elementType, $"{path}[{i}]")]);
        }

        return result;
    }

    private static object? Create(Type target) =>
        target.IsAbstract || target.IsInterface || target.GetConstructor(Type.EmptyTypes) is null
            ? null
            : Activator.CreateInstance(target);

    private static Type[]? GenericArgumentsOf(Type target, Type genericInterface) =>
        target.GetInterfaces()
            .Append(target)
            .FirstOrDefault(i => i.IsGenericType && i.GetGenericTypeDefinition() == genericInterface)
            ?.GetGenericArguments();

    private sealed class StateShapeException(string message) : Exception(message);
}
