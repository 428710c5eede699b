using System.Collections.Immutable;
using RelTool.Formats.Terms;

namespace RelTool.Core.Diff.Release;

/// <summary>Reads what the diff needs from a .rel and an .app through the term model.</summary>
internal static class ReleaseManifests
{
    public sealed record Rel(string Name, string Version, string RuntimeVersion, ImmutableArray<(string App, string Version)> Applications);

    /// <summary>{release, {"Name","Vsn"}, {erts, "RuntimeVsn"}, [{App, "Vsn"} | {App, "Vsn", Type} | ...]}.</summary>
    public static Rel ReadRel(string path)
    {
        var terms = Read(path);
        if (terms.Length != 1 || terms[0] is not ErlTuple { Arity: 4 } t || !Erl.IsAtom(t[0], "release")
            || t[1] is not ErlTuple { Arity: 2 } id || Erl.TextOf(id[0]) is not { } name || Erl.TextOf(id[1]) is not { } vsn
            || t[2] is not ErlTuple { Arity: 2 } erts || Erl.TextOf(erts[1]) is not { } runtime
            || t[3] is not ErlList { IsProper: true } apps)
            throw new ReleaseReadException($"{path}: not a release file: expected {{release, {{Name, Vsn}}, {{erts, Vsn}}, [Apps]}}");
        var list = ImmutableArray.CreateBuilder<(string, string)>();
        foreach (var app in apps.Elements)
        {
            if (app is not ErlTuple { Arity: >= 2 } a || a[0] is not ErlAtom appName || Erl.TextOf(a[1]) is not { } appVsn)
                throw new ReleaseReadException($"{path}: bad application entry {app}: expected {{App, \"Vsn\"}}");
            list.Add((appName.Name, appVsn));
        }
        return new Rel(name, vsn, runtime, list.ToImmutable());
    }

    /// <summary>The modules of {application, App, [..., {modules, [M...]}, ...]}; empty when absent.</summary>
    public static ImmutableArray<string> ReadAppModules(string path)
    {
        if (!File.Exists(path)) return [];
        var terms = Read(path);
        if (terms.Length != 1 || terms[0] is not ErlTuple { Arity: 3 } t || t[2] is not ErlList props) return [];
        foreach (var p in props.Elements)
            if (p is ErlTuple { Arity: 2 } kv && Erl.IsAtom(kv[0], "modules") && kv[1] is ErlList modules)
                return modules.Elements.OfType<ErlAtom>().Select(m => m.Name).ToImmutableArray();
        return [];
    }

    private static ImmutableArray<Term> Read(string path)
    {
        try
        {
            return TermReader.ReadFile(path);
        }
        catch (TermSyntaxException e)
        {
            throw new ReleaseReadException(e.Message, e);
        }
    }
}
