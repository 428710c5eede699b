using RelTool.Boot.Layout;
using RelTool.Formats.Layout;
using RelTool.Formats.Trust;

namespace RelTool.Boot.ReleaseHandler.ClientSide;

/// <summary>
/// The first step of unpack: when the installed release (the one start_erl.data boots) carries trusted keys
/// (releases/&lt;Vsn&gt;/trusted_keys/*.pub), the tarball must have a signature beside it (&lt;tarball&gt;.sig) by one of
/// them, checked before a byte is read from the archive or extracted. Without trusted keys any tarball is accepted,
/// as before (docs/launcher.md, "Signed upgrades").
/// </summary>
public static class UnpackSignatureCheck
{
    public static void Check(ReleaseRoot root, string installedVersion, string tarball)
    {
        var keysDirectory = Path.Combine(root.ReleaseDir(installedVersion), ReleaseLayout.TrustedKeysDir);
        IReadOnlyList<TrustedKey> keys;
        try
        {
            keys = TrustedKey.ReadDirectory(keysDirectory);
        }
        catch (TrustException e)
        {
            throw new LauncherException(ExitCodes.Failure, $"unpack refused: release {installedVersion}'s trusted key {e.Message}; nothing was extracted");
        }
        if (keys.Count == 0) return;
        try
        {
            var verdict = SignatureCheck.Verify(tarball, keys);
            if (!verdict.IsValid)
                throw new LauncherException(ExitCodes.Failure, $"unpack refused: {verdict.Describe(keys)}; nothing was extracted");
            Console.WriteLine($"signature ok: {verdict.Describe(keys)}");
        }
        catch (TrustException e)
        {
            throw new LauncherException(ExitCodes.Failure, $"unpack refused: {e.Message}; nothing was extracted");
        }
        finally
        {
            foreach (var key in keys) key.Dispose();
        }
    }
}
