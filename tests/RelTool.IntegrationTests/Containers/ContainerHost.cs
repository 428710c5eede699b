namespace RelTool.IntegrationTests.Containers;

/// <summary>
/// What every container test shares, made once per test run under one temp root: a <see cref="Podman"/> of its own and
/// a base image built from Debian's packages (libc6, libgcc-s1, libstdc++6, zlib1g, libssl3, libicu72, ca-certificates,
/// tzdata, dash) with `apt-get download` and `dpkg-deb -x`, imported into podman and saved as an OCI archive
/// (<see cref="BaseArchive"/>) — the kind of file `skopeo copy docker://…/runtime-deps:10.0 oci-archive:base.tar` saves.
/// </summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class ContainerHost : IDisposable
{
    public static readonly string[] BasePackages = ["libc6", "libgcc-s1", "libstdc++6", "zlib1g", "libssl3", "libicu72", "ca-certificates", "tzdata", "dash"];

    public string Root { get; } = Directory.CreateTempSubdirectory("reltool-oci-").FullName;
    public Podman Podman { get; }
    public string BaseArchive => Path.Combine(Root, "base.oci.tar");
    public TimeSpan BaseBuildTime { get; }

    public ContainerHost()
    {
        if (Podman.MissingTools() is { Count: > 0 } missing)
            throw new InvalidOperationException($"the container tests need {string.Join(", ", missing)} on PATH (Debian packages podman, runc, skopeo; .ci/run installs them)");
        Podman = new Podman(Path.Combine(Root, "podman"));
        try
        {
            var started = DateTime.UtcNow;
            BuildBase();
            BaseBuildTime = DateTime.UtcNow - started;
        }
        catch
        {
            Dispose();
            throw;
        }
    }

    private void BuildBase()
    {
        var debs = Directory.CreateDirectory(Path.Combine(Root, "debs")).FullName;
        var rootfs = Directory.CreateDirectory(Path.Combine(Root, "rootfs")).FullName;
        Checked(Podman.Exec("sh", ["-c", $"cd '{debs}' && apt-get download {string.Join(' ', BasePackages)}"]), "apt-get download");
        foreach (var deb in Directory.GetFiles(debs, "*.deb").Order(StringComparer.Ordinal))
            Checked(Podman.Exec("dpkg-deb", ["-x", deb, rootfs]), "dpkg-deb -x " + deb);
        if (!File.Exists(Path.Combine(rootfs, "bin", "sh"))) throw new InvalidOperationException("the dash package gave no /bin/sh");
        // What maintainer scripts would have made: /tmp, and the CA bundle update-ca-certificates writes.
        var tmp = Directory.CreateDirectory(Path.Combine(rootfs, "tmp")).FullName;
        File.SetUnixFileMode(tmp, (UnixFileMode)Convert.ToInt32("1777", 8));
        var certs = Directory.CreateDirectory(Path.Combine(rootfs, "etc", "ssl", "certs")).FullName;
        File.WriteAllText(Path.Combine(certs, "ca-certificates.crt"), string.Concat(
            Directory.GetFiles(Path.Combine(rootfs, "usr", "share", "ca-certificates"), "*.crt", SearchOption.AllDirectories)
                .Order(StringComparer.Ordinal).Select(File.ReadAllText)));

        var tar = Path.Combine(Root, "rootfs.tar");
        Checked(Podman.Exec("tar", ["--sort=name", "--owner=0", "--group=0", "--numeric-owner", "-C", rootfs, "-cf", tar, "."]), "tar of the base rootfs");
        Podman.Checked("import", tar, "localhost/reltool-test-base:1");
        Podman.Checked("save", "--format", "oci-archive", "-o", BaseArchive, "localhost/reltool-test-base:1");
        File.Delete(tar);
        Directory.Delete(rootfs, recursive: true);
    }

    private readonly Dictionary<Type, Lazy<IDisposable>> shared = [];

    /// <summary>The one <typeparamref name="T"/> of this run (the releases of one app, built once for all its tests), made on first use;
    /// a failure to make it is kept and rethrown to every test that asks, not retried.
    /// (xunit 2 cannot hand a collection fixture to a class fixture, so the collection fixture keeps them.)</summary>
    public T Shared<T>(Func<ContainerHost, T> create) where T : class, IDisposable
    {
        Lazy<IDisposable> value;
        lock (shared)
        {
            if (!shared.TryGetValue(typeof(T), out value!)) shared[typeof(T)] = value = new Lazy<IDisposable>(() => create(this));
        }
        return (T)value.Value;
    }

    private static void Checked(Podman.Outcome outcome, string what)
    {
        if (outcome.ExitCode != 0) throw new InvalidOperationException($"{what} failed: {outcome}");
    }

    public void Dispose()
    {
        foreach (var value in shared.Values.Where(v => v.IsValueCreated)) value.Value.Dispose();
        Podman?.Dispose();
        try { Directory.Delete(Root, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }
}

[CollectionDefinition(Name)]
public sealed class ContainerCollection : ICollectionFixture<ContainerHost>
{
    public const string Name = "containers";
}
