namespace RelTool.Formats.Trust;

public enum SignatureState { Valid, Unsigned, Invalid }

/// <summary>What a detached signature says about a file: valid (by <see cref="Key"/>), missing, or matching no trusted key.</summary>
public sealed record SignatureVerdict(SignatureState State, string File, string SignatureFile, TrustedKey? Key)
{
    public bool IsValid => State == SignatureState.Valid;

    /// <summary>One sentence: what, which file, which key.</summary>
    public string Describe(IReadOnlyList<TrustedKey> keys) => State switch
    {
        SignatureState.Valid => $"{File}: signed by {Key}",
        SignatureState.Unsigned => $"{File}: not signed ({SignatureFile} is missing)",
        _ => $"{File}: {SignatureFile} is not a valid signature of it by any trusted key ({string.Join(", ", keys)}); it was altered after signing or signed by another key",
    };
}

/// <summary>Verifies FILE against FILE.sig with each trusted key: reads the file once.</summary>
public static class SignatureCheck
{
    public static SignatureVerdict Verify(string file, IReadOnlyList<TrustedKey> keys)
    {
        var signatureFile = TrustFiles.SignaturePath(file);
        if (!File.Exists(signatureFile)) return new SignatureVerdict(SignatureState.Unsigned, file, signatureFile, null);
        byte[] signature, hash;
        try
        {
            signature = File.ReadAllBytes(signatureFile);
            hash = SignatureAlgorithm.HashOf(file);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new TrustException($"{file}: cannot read it or its signature: {e.Message}");
        }
        var key = keys.FirstOrDefault(k => SignatureAlgorithm.Verify(k.Key, hash, signature));
        return new SignatureVerdict(key is null ? SignatureState.Invalid : SignatureState.Valid, file, signatureFile, key);
    }
}
