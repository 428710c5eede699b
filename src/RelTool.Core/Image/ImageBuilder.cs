using System.Collections.Immutable;
using System.IO.Compression;
using RelTool.Core.Release;
using RelTool.Formats.Archive;
using RelTool.Formats.Layout;
using RelTool.Formats.Oci;

namespace RelTool.Core.Image;

/// <summary>
/// Writes a staged release as an OCI image archive on top of a base image (docs/containers.md). Layers, base first: the
/// runtime, one per application in load order, then the rest of the release (bin/, releases/, overlays). Each is a
/// reproducible tar.gz of the project's archive writer, so an application that did not change gives a layer with the
/// same digest in the next release and a node pulls only what changed.
/// </summary>
public static class ImageBuilder
{
    public const string FileSuffix = ".oci.tar";

    /// <summary>releases/&lt;vsn&gt;/&lt;name&gt;-&lt;vsn&gt;.oci.tar</summary>
    public static string FileName(string name, string version) => $"{name}-{version}{FileSuffix}";

    /// <param name="staged">the release tree (and its grafts) as packed into the tarball</param>
    /// <param name="work">an empty scratch folder</param>
    /// <param name="cacheDirectory">the release tarball's segment cache, shared so that rebuilt layers splice unchanged segments</param>
    /// <param name="cacheName">stable name of this image in the cache</param>
    public static ImageResult Write(StagedRelease staged, ImagePlan plan, ImageFacts facts, string work, string outputFile,
        string? cacheDirectory, string cacheName, IReleaseProgress progress)
    {
        try
        {
            return WriteIn(staged, plan, facts, work, outputFile, cacheDirectory, cacheName, progress);
        }
        catch (OciException e)
        {
            throw new ReleaseException($"image: {e.Message}");
        }
        catch (ArchiveException e)
        {
            throw new ReleaseException($"image layer: {e.Message}");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new ReleaseException($"image: {e.Message}");
        }
    }

    private static ImageResult WriteIn(StagedRelease staged, ImagePlan plan, ImageFacts facts, string work, string outputFile,
        string? cacheDirectory, string cacheName, IReleaseProgress progress)
    {
        var platform = OciPlatform.FromRuntimeIdentifier(facts.RuntimeIdentifier);
        var baseImage = OpenBase(plan.BasePath, platform, Path.Combine(work, "base"));
        var time = ArchiveTimestamp.FromEnvironment();
        var root = plan.Root.Trim('/');

        // The user writes RELEASES and start_erl.data, tmp/ (pid, control socket), and lib/ and releases/ when it unpacks an
        // upgrade inside the container (runtime/ too when the upgrade brings a new runtime); everything else stays root's.
        var owner = plan.Uid == 0 && plan.Gid == 0 ? null : new ArchiveOwner(plan.Uid, plan.Gid,
            [.. new[] { "", "/lib", "/releases", "/releases/*", "/runtime", "/runtime/shared", "/runtime/shared/*", "/runtime/host", "/runtime/host/fxr" }
                .Select(p => "/" + root + p)]);

        var layersDirectory = Directory.CreateDirectory(Path.Combine(work, "layers")).FullName;
        var ours = new List<(string Content, string Source, string Prefix, string[] Exclude, Dictionary<string, string> Grafts)>();
        if (staged.IncludeRuntime)
        {
            // Runtime folders the output already holds are grafted into the staged tree (empty there): pack them from the output.
            const string runtimePrefix = ReleaseLayout.RuntimeDir + "/";
            var runtimeGrafts = staged.Grafts.Where(g => g.Key.StartsWith(runtimePrefix, StringComparison.Ordinal))
                .ToDictionary(g => g.Key[runtimePrefix.Length..], g => g.Value, StringComparer.Ordinal);
            ours.Add((runtimePrefix, new ReleaseRoot(staged.Root).RuntimeDir, $"{root}/{ReleaseLayout.RuntimeDir}", [], runtimeGrafts));
        }
        foreach (var application in staged.Applications)
            ours.Add((application.LibDirectory + "/", new ReleaseRoot(staged.Root).LibDirOf(application.DirectoryName), $"{root}/{application.LibDirectory}", [], []));
        ours.Add(("release", staged.Root, root, ["/" + ReleaseLayout.RuntimeDir, $"/{ReleaseLayout.LibDir}/*"], []));

        var layers = new List<ImageLayer>();
        var blobs = new Dictionary<string, string>(StringComparer.Ordinal);
        var layerDescriptors = new List<OciDescriptor>();
        var history = new List<OciHistory>(baseImage.Config.History);
        for (var i = 0; i < baseImage.Manifest.Layers.Length; i++)
        {
            var layer = baseImage.Manifest.Layers[i];
            blobs[layer.Digest] = baseImage.BlobPath(layer);
            layerDescriptors.Add(new OciDescriptor(OciMediaTypes.OciLayerType(layer.MediaType)!, layer.Digest, layer.Size));
            layers.Add(new ImageLayer("base", layer.Digest, layer.Size, baseImage.Config.DiffIds[i]));
        }
        var created = OciImageConfig.Timestamp(time);
        foreach (var (content, source, prefix, exclude, grafts) in ours)
        {
            progress.Step($"image layer {content}");
            var file = Path.Combine(layersDirectory, $"layer-{layers.Count}.tar.gz");
            ReleaseArchive.Write(source, file, new ArchiveOptions
            {
                EntryPrefix = prefix, Owner = owner, Exclude = exclude, Timestamp = time, Grafts = grafts,
                CacheDirectory = cacheDirectory, IndexName = $"{cacheName}#{content}",
            });
            var digest = OciDigest.OfFile(file);
            var size = new FileInfo(file).Length;
            blobs[digest] = file;
            layerDescriptors.Add(new OciDescriptor(OciMediaTypes.LayerGzip, digest, size));
            layers.Add(new ImageLayer(content, digest, size, DiffIdOf(file)));
            history.Add(new OciHistory(created, $"reltool release: {plan.Root}/{(content == "release" ? "bin, releases" : content)}", "reltool"));
        }

        var config = ConfigOf(baseImage.Config, plan, facts, staged, platform, time, [.. layers.Select(l => l.DiffId)], [.. history]);
        var configBytes = config.ToBytes();
        var configDescriptor = new OciDescriptor(OciMediaTypes.Config, OciDigest.Of(configBytes), configBytes.Length);
        blobs[configDescriptor.Digest] = WriteBlob(work, configBytes);

        var manifest = new OciManifest(configDescriptor, [.. layerDescriptors]) { Annotations = Annotations(staged, facts, time) };
        var manifestBytes = manifest.ToBytes();
        var manifestDescriptor = new OciDescriptor(OciMediaTypes.Manifest, OciDigest.Of(manifestBytes), manifestBytes.Length);
        blobs[manifestDescriptor.Digest] = WriteBlob(work, manifestBytes);

        progress.Step($"writing image {Path.GetFileName(outputFile)}");
        var repoTag = $"{staged.Name}:{staged.Version}";
        OciLayout.WriteArchive(outputFile, manifestDescriptor, blobs, manifest, repoTag, time);
        return new ImageResult(outputFile, manifestDescriptor.Digest, configDescriptor.Digest, platform.ToString(), repoTag,
            new FileInfo(outputFile).Length, [.. layers]);
    }

    private static OciBaseImage OpenBase(string basePath, OciPlatform platform, string extractTo)
    {
        if (Directory.Exists(basePath)) return OciBaseImage.Open(basePath, platform, basePath);
        OciLayout.Extract(basePath, extractTo);
        return OciBaseImage.Open(extractTo, platform, basePath);
    }

    private static OciImageConfig ConfigOf(OciImageConfig baseConfig, ImagePlan plan, ImageFacts facts, StagedRelease staged, OciPlatform platform,
        DateTimeOffset time, ImmutableArray<string> diffIds, ImmutableArray<OciHistory> history)
    {
        var env = new List<string>();
        var ownNames = new HashSet<string>(StringComparer.Ordinal) { "DOTNET_RUNNING_IN_CONTAINER", "PATH" };
        var basePath = baseConfig.Env.FirstOrDefault(e => e.StartsWith("PATH=", StringComparison.Ordinal))?["PATH=".Length..]
            ?? "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";
        env.Add($"PATH={plan.Root}/bin:{basePath}");
        env.AddRange(baseConfig.Env.Where(e => !ownNames.Contains(e.Split('=')[0])));
        // What Microsoft's images set: libraries and the app know they are in a container.
        env.Add("DOTNET_RUNNING_IN_CONTAINER=true");

        var labels = baseConfig.Labels.SetItems(Annotations(staged, facts, time));
        return new OciImageConfig(platform, time, diffIds, history)
        {
            User = plan.User,
            Env = [.. env],
            Entrypoint = [$"{plan.Root}/{ReleaseLayout.BinScriptPath(staged.Name)}", LauncherCommands.Foreground],
            Cmd = [],
            WorkingDir = plan.Root,
            ExposedPorts = baseConfig.ExposedPorts.Union(facts.Ports.Select(p => $"{p}/tcp")),
            Labels = labels,
            StopSignal = "SIGTERM",
        };
    }

    private static Dictionary<string, string> Annotations(StagedRelease staged, ImageFacts facts, DateTimeOffset time)
    {
        var annotations = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["org.opencontainers.image.title"] = staged.Name,
            ["org.opencontainers.image.version"] = staged.Version,
            ["org.opencontainers.image.created"] = OciImageConfig.Timestamp(time),
        };
        if (facts.Source is { Length: > 0 } source) annotations["org.opencontainers.image.source"] = source;
        if (facts.Revision is { Length: > 0 } revision) annotations["org.opencontainers.image.revision"] = revision;
        return annotations;
    }

    private static string WriteBlob(string work, byte[] bytes)
    {
        var path = Path.Combine(work, "blobs", OciDigest.Of(bytes)[OciDigest.Prefix.Length..]);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllBytes(path, bytes);
        return path;
    }

    /// <summary>The digest of the uncompressed layer (the config's diff_id). GZipStream reads every member of the multi-member file.</summary>
    private static string DiffIdOf(string gzipFile)
    {
        using var file = File.OpenRead(gzipFile);
        using var gzip = new GZipStream(file, CompressionMode.Decompress);
        return OciDigest.Of(gzip);
    }
}

/// <summary>What the image says about the release besides its files: the RID it was built for (the image's platform),
/// the ports its URLs name, and where its source lives (the project's RepositoryUrl and SourceRevisionId, when set).</summary>
public sealed record ImageFacts(string RuntimeIdentifier, ImmutableSortedSet<int> Ports, string? Source, string? Revision);
