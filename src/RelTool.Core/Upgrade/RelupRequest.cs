using System.Collections.Immutable;
using RelTool.Formats.Manifests;
using RelTool.Formats.Terms;

namespace RelTool.Core.Upgrade;

/// <summary>A release upgraded from or downgraded to, with the description written next to it in the relup ([] by default).</summary>
public sealed record RelupBase(UpgradeRelease Release, Term? Description = null)
{
    public Term DescriptionTerm => Description ?? Erl.Nil;
}

/// <summary>systools:make_relup options that change the result: restart_emulator and warnings_as_errors.</summary>
public sealed record RelupOptions(bool RestartEmulator = false, bool WarningsAsErrors = false)
{
    public static readonly RelupOptions Default = new();
}

/// <summary>Everything systools:make_relup(New, UpFrom, DownTo, Opts) reads: the releases and the application versions they name.</summary>
public sealed record RelupRequest(
    UpgradeRelease NewRelease,
    ImmutableArray<RelupBase> UpFrom,
    ImmutableArray<RelupBase> DownTo,
    ApplicationCatalog Catalog,
    RelupOptions? Options = null)
{
    public RelupOptions Options { get; init; } = Options ?? RelupOptions.Default;
}

/// <summary>A warning of the translation: OTP's warning term (e.g. <c>{erts_vsn_changed, ...}</c>) and plain words.</summary>
public sealed record RelupWarning(Term Reason, string Message)
{
    public string Name => Reason switch
    {
        ErlAtom a => a.Name,
        ErlTuple { Arity: > 0 } t when t[0] is ErlAtom a => a.Name,
        _ => "warning",
    };
}

/// <summary>The relup and the warnings systools would print, in systools' order.</summary>
public sealed record RelupResult(RelupFile Relup, ImmutableArray<RelupWarning> Warnings);
