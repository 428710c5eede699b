using System.Runtime.CompilerServices;
using System.Text;

namespace RelTool.Tests.Golden;

/// <summary>
/// Golden-file assertions with Verify's conventions: the expected text lives beside the test source as
/// <c>&lt;TestClass&gt;.&lt;Method&gt;.verified.txt</c>; a mismatch writes <c>.received.txt</c> next to it and fails.
/// Set RELTOOL_ACCEPT_GOLDEN=1 to accept the received text as the new verified file.
/// </summary>
public static class GoldenFile
{
    public const string AcceptVariable = "RELTOOL_ACCEPT_GOLDEN";

    /// <param name="actual">The text produced by the code under test.</param>
    /// <param name="name">Distinguishes several golden files of one test (e.g. a theory's case); appended as ".name".</param>
    public static void Verify(string actual, string? name = null, [CallerFilePath] string sourceFile = "", [CallerMemberName] string method = "")
    {
        var (verified, received) = PathsFor(sourceFile, method, name);
        VerifyAt(verified, received, actual, Environment.GetEnvironmentVariable(AcceptVariable) == "1");
    }

    /// <summary>The comparison itself, with explicit paths and acceptance.</summary>
    public static void VerifyAt(string verified, string received, string actual, bool accept)
    {
        var expected = File.Exists(verified) ? File.ReadAllText(verified) : null;
        if (expected == actual)
        {
            if (File.Exists(received)) File.Delete(received);
            return;
        }
        if (accept)
        {
            File.WriteAllText(verified, actual, Utf8NoBom);
            if (File.Exists(received)) File.Delete(received);
            return;
        }
        File.WriteAllText(received, actual, Utf8NoBom);
        var why = expected is null
            ? $"No verified file {verified}."
            : $"{Path.GetFileName(received)} differs from {Path.GetFileName(verified)}:\n{TextDiff.Describe(expected, actual)}";
        Assert.Fail($"{why}\nReceived text written to {received}. Accept it with {AcceptVariable}=1 if it is right.");
    }

    public static (string Verified, string Received) PathsFor(string sourceFile, string method, string? name = null)
    {
        var dir = Path.GetDirectoryName(sourceFile) ?? throw new ArgumentException("no directory in caller file path", nameof(sourceFile));
        var stem = Path.Combine(dir, $"{Path.GetFileNameWithoutExtension(sourceFile)}.{method}{(name is null ? "" : "." + name)}");
        return (stem + ".verified.txt", stem + ".received.txt");
    }

    private static readonly UTF8Encoding Utf8NoBom = new(false);
}
