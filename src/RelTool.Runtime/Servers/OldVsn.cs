namespace RelTool.Runtime;

/// <summary>
/// The first argument of <c>CodeChange</c>, mirroring OTP's <c>code_change(OldVsn, State, Extra)</c>:
/// on an upgrade it is the version of the code being replaced; on a downgrade it is <c>{down, Vsn}</c>,
/// where Vsn is the version of the (newer) code being replaced.
/// </summary>
public readonly record struct OldVsn(string Version, bool IsDowngrade)
{
    public static OldVsn Up(string fromVersion) => new(fromVersion, false);

    public static OldVsn Down(string fromVersion) => new(fromVersion, true);

    public override string ToString() => IsDowngrade ? $"{{down,{Version}}}" : Version;
}
