using System.Diagnostics;
using RelTool.Formats.Manifests;

namespace RelTool.IntegrationTests.Upgrade;

/// <summary>
/// Runs the real systools:make_relup (OTP) on a reltool release: the .rel of both versions and every lib dir's .app and
/// .appup, copied into a work folder. systools insists on kernel, stdlib (systools_make) and sasl (systools_relup) in
/// both releases; they are added with the same versions on both sides and no modules, so they add no instruction.
/// erl must be installed: without it the test fails.
/// </summary>
public static class SystoolsRelup
{
    private static readonly (string Name, string Version, string Uses)[] OtpCore =
        [("kernel", "8.5.3", "[]"), ("stdlib", "4.2", "[kernel]"), ("sasl", "4.2", "[kernel,stdlib]")];

    /// <returns>The relup file systools wrote.</returns>
    public static string Make(string root, string name, string newVersion, string fromVersion) => Make(root, name, newVersion, [fromVersion]);

    /// <summary>systools:make_relup(New, Bases, Bases, ...): the relup lists the bases in the reverse order of <paramref name="baseVersions"/>.</summary>
    public static string Make(string root, string name, string newVersion, IReadOnlyList<string> baseVersions)
    {
        var work = Directory.CreateTempSubdirectory("reltool-systools-").FullName;
        try
        {
            foreach (var lib in Directory.GetDirectories(Path.Combine(root, "lib")))
            {
                var target = Directory.CreateDirectory(Path.Combine(work, "lib", Path.GetFileName(lib))).FullName;
                foreach (var file in Directory.GetFiles(lib).Where(f => f.EndsWith(".app") || f.EndsWith(".appup")))
                    File.Copy(file, Path.Combine(target, Path.GetFileName(file)));
            }
            foreach (var (app, vsn, uses) in OtpCore)
            {
                var dir = Directory.CreateDirectory(Path.Combine(work, "lib", $"{app}-{vsn}")).FullName;
                File.WriteAllText(Path.Combine(dir, app + ".app"), $"{{application,{app},[{{description,\"{app}\"}},{{vsn,\"{vsn}\"}},{{modules,[]}},{{registered,[]}},{{applications,{uses}}}]}}.\n");
            }
            foreach (var version in baseVersions.Prepend(newVersion))
            {
                var rel = RelFile.Read(Path.Combine(root, "releases", version, name + ".rel"));
                var withCore = rel with { Applications = [.. OtpCore.Select(c => new RelApplication(c.Name, c.Version)), .. rel.Applications] };
                Directory.CreateDirectory(Path.Combine(work, version));
                File.WriteAllText(Path.Combine(work, version, name + ".rel"), withCore.Format());
            }
            var outDir = Directory.CreateDirectory(Path.Combine(work, "out")).FullName;
            var bases = string.Join(",", baseVersions.Select(v => $"\"{v}/{name}\""));
            var eval = $"R = systools:make_relup(\"{newVersion}/{name}\", [{bases}], [{bases}], " +
                       $"[{{path, [\"lib/*\"]}}, {{outdir, \"{outDir}\"}}, silent]), io:format(\"~p~n\", [R]), halt().";
            var start = new ProcessStartInfo("erl", ["-noshell", "-noinput", "-eval", eval])
            {
                WorkingDirectory = work, RedirectStandardOutput = true, RedirectStandardError = true,
            };
            Process erl;
            try
            {
                erl = Process.Start(start)!;
            }
            catch (System.ComponentModel.Win32Exception e)
            {
                throw new InvalidOperationException("this test compares with Erlang/OTP's systools but `erl` is not on PATH; install it (apt-get install erlang-base)", e);
            }
            using (erl)
            {
                var stdout = erl.StandardOutput.ReadToEnd();
                erl.WaitForExit();
                var relup = Path.Combine(outDir, "relup");
                if (!stdout.StartsWith("{ok,") || !File.Exists(relup)) throw new InvalidOperationException($"systools:make_relup failed: {stdout}");
                return File.ReadAllText(relup);
            }
        }
        finally
        {
            Directory.Delete(work, recursive: true);
        }
    }

    /// <summary>file:consult/1 of a file, printed with ~p by erl: proves Erlang reads it.</summary>
    public static string Consult(string path)
    {
        var start = new ProcessStartInfo("erl", ["-noshell", "-noinput", "-eval", $"{{ok, T}} = file:consult(\"{path}\"), io:format(\"~p~n\", [T]), halt()."])
        {
            RedirectStandardOutput = true, RedirectStandardError = true,
        };
        using var erl = Process.Start(start)!;
        var stdout = erl.StandardOutput.ReadToEnd();
        erl.WaitForExit();
        if (erl.ExitCode != 0) throw new InvalidOperationException($"file:consult(\"{path}\") failed: {stdout}{erl.StandardError.ReadToEnd()}");
        return stdout;
    }
}
