# OCI images: `reltool release --image` against building the same layers with `podman build` from a Dockerfile onto
# the same base, and the bytes a node pulls for a one-assembly upgrade against the SDK's single-layer image.
# Needs podman, runc, skopeo (apt-get install -y podman runc skopeo) and apt-get download (for the Debian base).

# podman with storage and configuration of its own under $1 (as the tests use it: runc, host network, no registry).
image_podman() {
    local root=$1
    shift
    CONTAINERS_CONF="$root/containers.conf" CONTAINERS_REGISTRIES_CONF="$root/registries.conf" \
        podman --root "$root/storage" --runroot "$root/run" --storage-driver "$IMAGE_STORAGE_DRIVER" \
        --cgroup-manager cgroupfs --events-backend file "$@"
}

# The Debian base of the tests (docs/containers.md), saved as an OCI archive at $2/base.oci.tar.
image_base() {
    local root=$1 dir=$2
    mkdir -p "$dir/debs" "$dir/rootfs/tmp" "$dir/rootfs/etc/ssl/certs"
    (cd "$dir/debs" && apt-get download libc6 libgcc-s1 libstdc++6 zlib1g libssl3 libicu72 ca-certificates tzdata dash >/dev/null 2>&1)
    local deb
    for deb in "$dir"/debs/*.deb; do dpkg-deb -x "$deb" "$dir/rootfs"; done
    chmod 1777 "$dir/rootfs/tmp"
    find "$dir/rootfs/usr/share/ca-certificates" -name '*.crt' | sort | xargs cat > "$dir/rootfs/etc/ssl/certs/ca-certificates.crt"
    tar --sort=name --owner=0 --group=0 --numeric-owner -C "$dir/rootfs" -cf "$dir/rootfs.tar" .
    image_podman "$root" import "$dir/rootfs.tar" localhost/bench-base:1 >/dev/null
    image_podman "$root" save --format oci-archive -o "$dir/base.oci.tar" localhost/bench-base:1 >/dev/null 2>&1
}

section_image() {
    local dir="$WORK/image" pod="$WORK/image/podman"
    command -v podman >/dev/null && command -v skopeo >/dev/null || { log "image: podman and skopeo are needed; section skipped"; return; }
    mkdir -p "$pod"
    printf '[containers]\ndefault_ulimits = []\nnetns = "host"\n[engine]\nruntime = "runc"\n' > "$pod/containers.conf"
    echo 'unqualified-search-registries = []' > "$pod/registries.conf"
    # overlay where the kernel and file system allow it (what a CI runner's podman uses), else vfs.
    IMAGE_STORAGE_DRIVER=overlay
    image_podman "$pod" info >/dev/null 2>&1 || IMAGE_STORAGE_DRIVER=vfs
    add_exit_hook "rm -rf '$pod'"
    log "image: base image from Debian packages (storage driver $IMAGE_STORAGE_DRIVER)"
    image_base "$pod" "$dir/base"
    local base="$dir/base/base.oci.tar"

    log "image: stock webapi"
    (cd "$dir" && dotnet new webapi -n Shop -o "$dir/Shop" >/dev/null)
    local app="$dir/Shop" out="$dir/rel/shop" rid
    case "$(uname -m)" in aarch64) rid=linux-arm64 ;; *) rid=linux-x64 ;; esac
    sed -i 's|<PropertyGroup>|<PropertyGroup>\n    <Version>1.0.0</Version>|' "$app/Shop.csproj"
    local c_rel="(cd '$app' && '$RELTOOL' release --output '$out' --overwrite)"
    local c_img="(cd '$app' && '$RELTOOL' release --output '$out' --overwrite --image --image-base '$base')"
    local i
    for i in 1 2; do eval "$c_rel" >/dev/null 2>&1; eval "$c_img" >/dev/null 2>&1; done

    # The same layers from a Dockerfile: runtime/, one COPY per lib dir in the release's order, then the rest.
    local ctx="$dir/ctx" tree="$out" libs
    rm -rf "$ctx"; mkdir -p "$ctx"
    libs=$(grep -o "lib/[^/\"]*" "$out/releases/1.0.0/start.boot" | awk '!seen[$0]++')
    image_podman "$pod" load -i "$base" >/dev/null 2>&1
    {
        echo "FROM localhost/bench-base:1"
        echo "COPY runtime/ /opt/shop/runtime/"
        for lib in $libs; do echo "COPY $lib/ /opt/shop/$lib/"; done
        echo "COPY bin/ /opt/shop/bin/"
        echo "COPY releases/ /opt/shop/releases/"
        echo "USER 1654:1654"
        echo "WORKDIR /opt/shop"
        echo 'ENTRYPOINT ["/opt/shop/bin/shop", "foreground"]'
    } > "$ctx/Dockerfile"
    printf '%s\n' 'releases/*/*.tar.gz' 'releases/*/*.oci.tar' > "$ctx/.containerignore"
    local c_podman="image_podman '$pod' build --pull=never --format oci -f '$ctx/Dockerfile' -t localhost/shop-df:1.0.0 '$tree' && image_podman '$pod' save --format oci-archive -o '$dir/df.oci.tar' localhost/shop-df:1.0.0"
    cp "$ctx/.containerignore" "$tree/.containerignore"

    log "image: $RUNS rounds"
    add_case img_release ":" "$c_rel 2>/dev/null"
    add_case img_image ":" "$c_img 2>/dev/null"
    add_case img_podman "image_podman '$pod' rmi -f localhost/shop-df:1.0.0 >/dev/null 2>&1 || true" "$c_podman >/dev/null 2>&1"
    run_cases
    rm -f "$tree/.containerignore"
    local t_rel t_img t_pod t_step
    t_rel=$(median_of img_release); t_img=$(median_of img_image); t_pod=$(median_of img_podman)
    t_step=$(( t_img - t_rel ))

    # A one-assembly change: 1.0.1 adds an endpoint.
    local json1="$dir/img-1.0.0.json" json2="$dir/img-1.0.1.json"
    (cd "$app" && "$RELTOOL" release --output "$out" --overwrite --image --image-base "$base" --json > "$json1" 2>/dev/null)
    sed -i 's|<Version>1.0.0</Version>|<Version>1.0.1</Version>|; ' "$app/Shop.csproj"
    sed -i 's|^app.Run();|app.MapGet("/version", () => "1.0.1");\napp.Run();|' "$app/Program.cs"
    (cd "$app" && "$RELTOOL" release --upgrade --output "$out" --image --image-base "$base" --json > "$json2" 2>/dev/null)
    local pulled total layers_changed upgrade_tgz full_tgz
    read -r pulled total layers_changed < <(python3 - "$json1" "$json2" <<'PY'
import json, sys
a = json.load(open(sys.argv[1]))["image"]["layers"]; b = json.load(open(sys.argv[2]))["image"]["layers"]
have = {l["digest"] for l in a}
new = [l for l in b if l["digest"] not in have]
print(sum(l["size"] for l in new), sum(l["size"] for l in b), " ".join(l["content"] for l in new))
PY
)
    upgrade_tgz=$(size_of "$out/releases/1.0.1/shop-from-1.0.0.tar.gz")
    full_tgz=$(size_of "$out/releases/1.0.1/shop.tar.gz")
    # The SDK's image ships the publish output as one layer on its base: what a node pulls for any change. Measured as
    # that layer's content: the framework-dependent publish output, gzip -6 (the SDK's layer compression).
    local pub="$dir/publish" sdk_layer
    (cd "$app" && dotnet publish -c Release -r "$rid" --self-contained false -o "$pub" -nodeReuse:false -v q >/dev/null)
    sdk_layer=$(tar --sort=name --owner=0 --group=0 --numeric-owner -C "$pub" -cf - . | gzip -6 | wc -c)

    cat >> "$REPORT" <<MD
## Images: \`reltool release --image\` (stock \`dotnet new webapi\`)

A stock \`dotnet new webapi\` (Shop), $rid, on a base made of Debian's libc6, libgcc-s1, libstdc++6, zlib1g, libssl3, libicu72,
ca-certificates, tzdata and dash (what the tests use); warm (restore done, both commands run twice before measuring). Median of
$RUNS interleaved rounds, whole processes. \`dotnet publish /t:PublishContainer\` cannot be measured onto the same base here: the
.NET $(dotnet --version) SDK takes its base only from a registry (a local base is an open SDK pull request), and no registry is
reachable; so the peer for the build time is \`podman build\` of the same layers from a Dockerfile (one \`COPY\` per layer, podman
storage driver: $IMAGE_STORAGE_DRIVER) followed by \`podman save --format oci-archive\`, the same product as reltool's file.

| Command | Time (s) | vs \`podman build\` + \`save\` |
|---|---:|---:|
| \`reltool release\` (no image) | $(seconds "$t_rel") | |
| **\`reltool release --image\`** | **$(seconds "$t_img")** | |
| the image's share (the difference) | $(seconds "$t_step") | $(ratio "$t_step" "$t_pod")× |
| \`podman build\` (same layers, Dockerfile) + \`podman save --format oci-archive\` | $(seconds "$t_pod") | 1.00× |

Bytes a node pulls for a one-assembly change (1.0.0 → 1.0.1: one endpoint added to Program.cs), compressed:

| What changes hands | Bytes | vs the SDK's layer |
|---|---:|---:|
| reltool image: layers not in 1.0.0's image ($layers_changed) | $pulled | $(ratio "$pulled" "$sdk_layer") |
| reltool image, all layers (base included) | $total | |
| the SDK's single app layer (the publish output, gzip -6): pulled again on every change | $sdk_layer | 1.00 |
| reltool's upgrade tarball for a plain host (\`shop-from-1.0.0.tar.gz\`) | $upgrade_tgz | $(ratio "$upgrade_tgz" "$sdk_layer") |
| reltool's full tarball | $full_tgz | |

MD
    cat >> "$COMMANDS" <<MD
Image section:

\`\`\`
(cd Shop && reltool release --output rel/shop --overwrite)
(cd Shop && reltool release --output rel/shop --overwrite --image --image-base base.oci.tar)
podman build --pull=never --format oci -f Dockerfile -t localhost/shop-df:1.0.0 <release dir> && podman save --format oci-archive -o df.oci.tar localhost/shop-df:1.0.0
dotnet publish -c Release -r $rid --self-contained false -o publish; tar --sort=name -C publish -cf - . | gzip -6 | wc -c
\`\`\`

MD
}
