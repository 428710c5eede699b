using System.Collections.Immutable;
using RelTool.Core.Diff.Digest;

namespace RelTool.Core.Diff;

/// <summary>Servers present in both versions whose state changed shape while CodeChange stayed the same or is missing.</summary>
internal static class StateShapeCheck
{
    public static IEnumerable<StateShapeWarning> Check(string application, AssemblyDigest old, AssemblyDigest @new)
    {
        foreach (var server in @new.Servers)
        {
            var before = old.Servers.FirstOrDefault(s => s.TypeName == server.TypeName);
            if (before is null) continue;
            var shapeChanged = before.StateType != server.StateType || !before.StateShape.SequenceEqual(server.StateShape);
            if (!shapeChanged) continue;
            if (server.CodeChange is not null && server.CodeChange != before.CodeChange) continue;
            yield return new StateShapeWarning(application, @new.Name, server.TypeName, before.StateType, server.StateType,
                server.StateShape.Except(before.StateShape).ToImmutableArray(),
                before.StateShape.Except(server.StateShape).ToImmutableArray(),
                CodeChangeMissing: server.CodeChange is null);
        }
    }
}
