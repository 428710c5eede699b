using System.Security.Cryptography;
using RelTool.Core.Inspect;
using RelTool.Formats.Archive;
using RelTool.Tests.Archive;

namespace RelTool.Tests.Inspect;

/// <summary>`reltool inspect` on tarballs: read in one pass from the stream, verified as ReleaseArchive.Verify verifies.</summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class TarballInspectionTests : IDisposable
{
    private readonly TempDirectory temp = new();

    public void Dispose() => temp.Dispose();

    private string Pack(string name, Action<string>? change = null)
    {
        var root = temp.Combine("tree-" + name);
        SampleRelease.Write(root);
        change?.Invoke(root);
        var tarball = temp.Combine(name + ".tar.gz");
        ReleaseArchive.Write(root, tarball);
        return tarball;
    }

    [Fact]
    public void A_tarball_reports_what_the_directory_would_plus_its_size_sha256_entries_and_that_it_verified()
    {
        var tarball = Pack("kv");

        var inspection = ReleaseInspection.Run(tarball, null);
        var fromDirectory = ReleaseInspection.Run(temp.Combine("tree-kv"), null);

        Assert.Empty(inspection.Problems);
        Assert.Equal(InputKind.Tarball, inspection.Kind);
        Assert.Equal(fromDirectory.Release!.Applications.ToArray(), inspection.Release!.Applications.ToArray());
        Assert.Equal((fromDirectory.Release.Name, fromDirectory.Release.Version, fromDirectory.Release.RuntimeVersion),
            (inspection.Release.Name, inspection.Release.Version, inspection.Release.RuntimeVersion));
        Assert.Equal(fromDirectory.Installed!.Value.ToArray(), inspection.Installed!.Value.ToArray());
        var facts = inspection.Tarball!;
        Assert.Equal(new FileInfo(tarball).Length, facts.Bytes);
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(tarball))), facts.Sha256);
        Assert.Equal(ReleaseArchive.Verify(tarball).Entries, facts.Entries);
        Assert.True(facts.Verified);
        Assert.Null(facts.Error);
    }

    [Fact]
    public void A_deleted_lib_dir_inside_a_tarball_is_found_as_in_a_directory()
    {
        var tarball = Pack("broken", root => Directory.Delete(Path.Combine(root, "lib", "Kv-0.1.0"), recursive: true));

        Assert.Equal(["lib/Kv-0.1.0/: missing; releases/0.1.0/kv.rel lists Kv 0.1.0"], ReleaseInspection.Run(tarball, null).Problems.Select(p => p.ToString()));
    }

    [Fact]
    public void A_truncated_tarball_is_a_problem_with_Verifys_reason_and_what_was_read_before_is_still_reported()
    {
        var tarball = Pack("kv");
        var bytes = File.ReadAllBytes(tarball);
        var truncated = temp.Combine("truncated.tar.gz");
        File.WriteAllBytes(truncated, bytes[..(bytes.Length - 40)]);
        var reason = Assert.Throws<ArchiveException>(() => ReleaseArchive.Verify(truncated)).Problem;

        var inspection = ReleaseInspection.Run(truncated, null);

        // Absences after the damage prove nothing: the verification failure is the only problem.
        Assert.Equal([new InspectProblem(truncated, reason)], inspection.Problems.ToArray());
        Assert.False(inspection.Tarball!.Verified);
        Assert.Equal(reason, inspection.Tarball.Error);
        Assert.Equal(InputKind.Tarball, inspection.Kind);
    }

    [Fact]
    public void A_file_that_is_not_gzip_is_a_problem_not_a_crash()
    {
        var bogus = temp.Combine("bogus.tar.gz");
        File.WriteAllText(bogus, "not a tarball\n");

        var inspection = ReleaseInspection.Run(bogus, null);

        Assert.Equal([new InspectProblem(bogus, "not a gzip file")], inspection.Problems.ToArray());
        Assert.Null(inspection.Release);
        Assert.Equal(0, inspection.Tarball!.Entries);
    }

    [Fact]
    public void A_tarball_with_an_unsafe_path_is_reported_with_the_entry()
    {
        var tarball = temp.Combine("evil.tar.gz");
        MaliciousTarball.Write(tarball, MaliciousTarball.Directory("releases/"), MaliciousTarball.File("releases/start_erl.data", "10.0.0 0.1.0"),
            MaliciousTarball.File("../outside", "x"));

        var inspection = ReleaseInspection.Run(tarball, null);

        var problem = Assert.Single(inspection.Problems);
        Assert.Equal(tarball, problem.File);
        Assert.Contains("../outside", problem.Message);
        Assert.Equal(Assert.Throws<ArchiveException>(() => ReleaseArchive.Verify(tarball)).Problem, problem.Message);
        Assert.False(File.Exists(temp.Combine("outside")));
    }

    [Fact]
    public void An_upgrade_tarball_lacks_the_installed_lib_dirs_runtime_and_start_erl_data_by_design()
    {
        var tarball = Pack("from-0.1.0", root =>
        {
            SampleRelease.AddUpgrade(root);
            // What `reltool release --upgrade` packs: the new lib dir and releases/0.2.0/, nothing a host of 0.1.0 has.
            foreach (var dir in new[] { "runtime", "bin", "releases/0.1.0", "lib/Kv-0.1.0", "lib/KV.Core-1.2.0", "lib/RelTool.Boot-0.1.0" })
                Directory.Delete(Path.Combine(root, dir), recursive: true);
            File.Delete(Path.Combine(root, "releases", "RELEASES"));
            File.Delete(Path.Combine(root, "releases", "start_erl.data"));
        });

        var inspection = ReleaseInspection.Run(tarball, null);

        Assert.Empty(inspection.Problems);
        Assert.Equal(InputKind.UpgradeTarball, inspection.Kind);
        Assert.Equal(("0.2.0", VersionSource.Newest), (inspection.Release!.Version, inspection.Release.ChosenBy));
        Assert.Equal([("RelTool.Boot", false), ("KV.Core", false), ("Kv", true)], inspection.Release.Applications.Select(a => (a.Name, a.Present)));
        Assert.Equal(["0.1.0"], inspection.Release.Relup!.UpFrom.ToArray());
    }

    [Fact]
    public void Scan_hands_over_every_entry_once_with_the_bytes_asked_for_and_counts_as_Verify_does()
    {
        var tarball = Pack("kv");
        var seen = new List<string>();
        string? startErl = null;

        var result = ReleaseArchive.Scan(tarball, e => e.Path == "releases/start_erl.data", (entry, data) =>
        {
            seen.Add(entry.Path);
            if (data is not null) startErl = System.Text.Encoding.UTF8.GetString(data);
        });

        Assert.Equal(ReleaseArchive.List(tarball).Select(e => e.Path), seen);
        Assert.Equal(ReleaseArchive.Verify(tarball), result);
        Assert.Equal("10.0.0 0.1.0", startErl);
    }
}
