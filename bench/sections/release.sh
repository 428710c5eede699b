# Release overhead: `reltool release` against `dotnet publish` of the same project (samples/kv), both warm.

section_release() {
    local dir="$WORK/release" kv pub="$WORK/release/publish" out="$WORK/release/rel/kv" cache="$WORK/release/rel/.reltool/tarcache"
    copy_kv "$dir"
    kv="$dir/kv/src/Kv"
    local rid
    case "$(uname -m)" in aarch64) rid=linux-arm64 ;; *) rid=linux-x64 ;; esac
    # reltool publishes framework-dependent for the host's RID; the peer does the same work.
    local c_pub="(cd '$kv' && dotnet publish -c Release -r $rid --self-contained false -o '$pub' -nodeReuse:false -v q)"
    local c_rel="(cd '$kv' && '$RELTOOL' release --output '$out' --overwrite)"
    local c_notar="(cd '$kv' && '$RELTOOL' release --output '$out' --overwrite --no-tar)"
    log "release: warming up (restore, first builds, tarball cache)"
    local i
    for i in 1 2; do eval "$c_pub" >/dev/null; eval "$c_rel" >/dev/null 2>&1; done
    local files mb
    files=$(find "$out" -type f | wc -l)
    mb=$(du -sm "$out" | cut -f1)

    log "release: $RUNS rounds"
    add_case publish ":" "$c_pub"
    add_case release ":" "$c_rel 2>/dev/null"
    add_case release_notar ":" "$c_notar 2>/dev/null"
    add_case release_cold "rm -rf '$cache'" "$c_rel 2>/dev/null"
    add_case release_fresh "rm -rf '$out' '$cache'" "$c_rel 2>/dev/null"
    run_cases
    local t_pub t_rel t_notar t_cold t_fresh verdict
    t_pub=$(median_of publish); t_rel=$(median_of release); t_notar=$(median_of release_notar); t_cold=$(median_of release_cold)
    t_fresh=$(median_of release_fresh)
    verdict=$(verdict "$t_rel / $t_pub <= 1.15")

    cat >> "$REPORT" <<MD
## Release overhead: \`reltool release\` vs \`dotnet publish\` (samples/kv)

samples/kv (Kv + RelTool.Runtime, $rid, Release), copied to a temp folder; warm: restore done, NuGet caches hot, both
commands run twice before measuring, so neither compiles (nothing changed) and the tarball's segment cache
(\`rel/.reltool/tarcache\`) is filled. The release has $files files, $mb MB (bundled runtime, tarball included).
Median of $RUNS interleaved rounds, whole processes, all measured in this run. Target: \`reltool release\` at most 1.15× \`dotnet publish\`.

| Command | Time (s) | vs \`dotnet publish\` |
|---|---:|---:|
| \`dotnet publish -c Release -r $rid --self-contained false\` | $(seconds "$t_pub") | 1.00× |
| **\`reltool release\`** (publish + layout + tarball from the segment cache; the runtime is already in the output) | **$(seconds "$t_rel")** | **$(ratio "$t_rel" "$t_pub")×** |
| \`reltool release --no-tar\` | $(seconds "$t_notar") | $(ratio "$t_notar" "$t_pub")× |
| \`reltool release\`, tarball cache emptied before each run | $(seconds "$t_cold") | $(ratio "$t_cold" "$t_pub")× |
| \`reltool release\` into an empty output, no tarball cache (runtime copied, tarball compressed whole) | $(seconds "$t_fresh") | $(ratio "$t_fresh" "$t_pub")× |

Target (≤ 1.15×): $verdict.

MD
    cat >> "$COMMANDS" <<MD
Release section (in a copy of samples/kv/src/Kv, RelToolRepoRoot=$REPO/):

\`\`\`
dotnet publish -c Release -r $rid --self-contained false -o publish -nodeReuse:false -v q
reltool release --output rel/kv --overwrite
reltool release --output rel/kv --overwrite --no-tar
rm -rf rel/.reltool/tarcache; reltool release --output rel/kv --overwrite
rm -rf rel/kv rel/.reltool/tarcache; reltool release --output rel/kv --overwrite
\`\`\`

MD
}
