namespace RelTool.Core.Config;

/// <summary>Scripts the launcher runs around start, stop and upgrade; copied to releases/&lt;Vsn&gt;/hooks/&lt;hook&gt;.sh.</summary>
public enum HookKind
{
    PreStart,
    PostStart,
    PreStop,
    PostStop,
    PreUpgrade,
    PostUpgrade,
}

public static class HookNames
{
    /// <summary>The config key and file name stem: pre_start, post_upgrade, ...</summary>
    public static string KeyOf(HookKind kind) => kind switch
    {
        HookKind.PreStart => "pre_start",
        HookKind.PostStart => "post_start",
        HookKind.PreStop => "pre_stop",
        HookKind.PostStop => "post_stop",
        HookKind.PreUpgrade => "pre_upgrade",
        HookKind.PostUpgrade => "post_upgrade",
        _ => throw new ArgumentOutOfRangeException(nameof(kind)),
    };

    public static readonly IReadOnlyList<HookKind> All = Enum.GetValues<HookKind>();
}
