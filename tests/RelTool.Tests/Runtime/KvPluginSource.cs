namespace RelTool.Tests.Runtime;

/// <summary>Two versions of a small key-value server, compiled in-test into assemblies of the same name.</summary>
internal static class KvPluginSource
{
    public const string AssemblyName = "Kv.Plugin";
    public const string ServerType = "Kv.KvServer";

    /// <summary>Version 1: the state is a plain dictionary; put replies "ok:1".</summary>
    public const string V1 = """
        using System;
        using System.Collections.Generic;
        using RelTool.Runtime;

        [assembly: System.Reflection.AssemblyVersion("1.0.0.0")]

        namespace Kv;

        public sealed class KvServer : Server<Dictionary<string, string>>
        {
            public override Dictionary<string, string> Init(object? args) => new();

            public override CallResult<Dictionary<string, string>> HandleCall(object request, From from, Dictionary<string, string> state)
            {
                var r = (string[])request;
                switch (r[0])
                {
                    case "put": state[r[1]] = r[2]; return Reply("ok:1", state);
                    case "get": return Reply(state.TryGetValue(r[1], out var v) ? v : null, state);
                    case "count": return Reply(state.Count, state);
                    case "vsn": return Reply("1", state);
                    case "crash": throw new InvalidOperationException("boom");
                    default: return Reply("error:unknown", state);
                }
            }

            // Downgrade from 2: the v2 state arrives exported (its Entry type is v2's own), entries as field maps.
            public override Dictionary<string, string> CodeChange(object? oldState, OldVsn oldVsn, object? extra)
            {
                if (!oldVsn.IsDowngrade)
                {
                    return base.CodeChange(oldState, oldVsn, extra);
                }

                var result = new Dictionary<string, string>();
                foreach (var (key, entry) in (IReadOnlyDictionary<string, object?>)oldState!)
                {
                    result[key] = (string)((IReadOnlyDictionary<string, object?>)entry!)["Value"]!;
                }

                return result;
            }
        }

        public sealed class KvApp : IApplication
        {
            public IChildProcess Start(Node node, IReadOnlyList<string> args) =>
                Supervisor.StartOneForOne(
                    "kv_sup",
                    [node.ServerChild<KvServer>("kv", name: "kv")],
                    new RestartIntensity(5, TimeSpan.FromSeconds(5)));

            public void Stop(Node node)
            {
            }
        }
        """;

    /// <summary>Version 2: counts writes per key; put replies "ok:2:&lt;writes&gt;"; migrates v1 state (1 write per key).</summary>
    public const string V2 = """
        using System;
        using System.Collections.Generic;
        using System.Linq;
        using RelTool.Runtime;

        [assembly: System.Reflection.AssemblyVersion("2.0.0.0")]

        namespace Kv;

        public sealed record Entry(string Value, int Writes);

        public sealed class KvServer : Server<Dictionary<string, Entry>>
        {
            public override Dictionary<string, Entry> Init(object? args) => new();

            public override CallResult<Dictionary<string, Entry>> HandleCall(object request, From from, Dictionary<string, Entry> state)
            {
                var r = (string[])request;
                switch (r[0])
                {
                    case "put":
                        var writes = (state.TryGetValue(r[1], out var old) ? old.Writes : 0) + 1;
                        state[r[1]] = new Entry(r[2], writes);
                        return Reply($"ok:2:{writes}", state);
                    case "get": return Reply(state.TryGetValue(r[1], out var e) ? e.Value : null, state);
                    case "writes": return Reply(state.TryGetValue(r[1], out var w) ? w.Writes : 0, state);
                    case "count": return Reply(state.Count, state);
                    case "vsn": return Reply("2", state);
                    case "crash": throw new InvalidOperationException("boom");
                    default: return Reply("error:unknown", state);
                }
            }

            public override Dictionary<string, Entry> CodeChange(object? oldState, OldVsn oldVsn, object? extra)
            {
                if (extra is "fail")
                {
                    throw new InvalidOperationException("migration refused");
                }

                var v1 = (Dictionary<string, string>)oldState!;
                return v1.ToDictionary(kv => kv.Key, kv => new Entry(kv.Value, 1));
            }
        }

        public sealed class KvApp : IApplication
        {
            public IChildProcess Start(Node node, IReadOnlyList<string> args) =>
                Supervisor.StartOneForOne(
                    "kv_sup",
                    [node.ServerChild<KvServer>("kv", name: "kv")],
                    new RestartIntensity(5, TimeSpan.FromSeconds(5)));

            public void Stop(Node node)
            {
            }
        }
        """;
}
