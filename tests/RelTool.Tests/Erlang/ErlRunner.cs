using System.Diagnostics;
using System.Text;

namespace RelTool.Tests.Erlang;

/// <summary>
/// Runs Erlang/OTP's erl for differential tests. erl must be installed (CI installs erlang-base):
/// when it is missing the tests fail with a message saying so rather than being skipped.
/// </summary>
public static class ErlRunner
{
    private static readonly Lazy<string?> Executable = new(FindErl);

    private static string? FindErl()
    {
        var fromEnv = Environment.GetEnvironmentVariable("RELTOOL_ERL");
        if (!string.IsNullOrEmpty(fromEnv)) return File.Exists(fromEnv) ? fromEnv : null;
        foreach (var dir in (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator))
        {
            var candidate = Path.Combine(dir, "erl");
            if (dir.Length > 0 && File.Exists(candidate)) return candidate;
        }
        return null;
    }

    public static string ErlPath => Executable.Value ??
        throw new InvalidOperationException("These tests compare with Erlang/OTP but `erl` was not found on PATH (or at RELTOOL_ERL). Install it, e.g. `apt-get install erlang-base`.");

    /// <summary>Evaluates Erlang expressions (separated by commas, no final dot) with erl -noshell; returns stdout. halt() is added.</summary>
    public static string Eval(string expressions, TimeSpan? timeout = null)
    {
        var start = new ProcessStartInfo(ErlPath)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            StandardOutputEncoding = Encoding.UTF8,
            StandardErrorEncoding = Encoding.UTF8,
        };
        foreach (var a in new[] { "-noshell", "-noinput", "-eval", expressions + ", halt(0)." }) start.ArgumentList.Add(a);
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"could not start {ErlPath}");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(timeout ?? TimeSpan.FromSeconds(60)))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"erl did not finish: {expressions[..Math.Min(200, expressions.Length)]}");
        }
        if (process.ExitCode != 0)
            throw new InvalidOperationException($"erl exited with {process.ExitCode}:\n{stderr.Result}\n{stdout.Result}");
        return stdout.Result;
    }

    /// <summary>An Erlang string literal for a file path or text (ASCII-safe: other characters as \x{...}).</summary>
    public static string Literal(string text)
    {
        var sb = new StringBuilder("\"");
        foreach (var c in RelTool.Formats.Terms.Erl.CodePointsOf(text))
        {
            if (c is '"' or '\\') sb.Append('\\').Append((char)c);
            else if (c is >= 0x20 and < 0x7F) sb.Append((char)c);
            else sb.Append($"\\x{{{c:X}}}");
        }
        return sb.Append('"').ToString();
    }
}
