using System.Collections.Immutable;

namespace RelTool.Core.Image;

/// <summary>An image written beside the release: its manifest digest (what a registry and `skopeo inspect` call the
/// image's digest), its config digest (the image ID podman and docker show), platform and layers, base first.</summary>
public sealed record ImageResult(string Path, string Digest, string ConfigDigest, string Platform, string RepoTag, long Bytes, ImmutableArray<ImageLayer> Layers);

/// <summary>One layer: <see cref="Content"/> says what it holds ("base", "runtime/", "lib/Kv-0.1.0/", "release").</summary>
public sealed record ImageLayer(string Content, string Digest, long Size, string DiffId);
