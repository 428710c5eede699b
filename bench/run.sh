#!/usr/bin/env bash
# Benchmarks reltool against its peers and writes docs/benchmarks.md.
#   bench/run.sh              every section
#   bench/run.sh archive      only the named sections
# RUNS (default 7) sets how many times each command runs; tables show the median.
# Each section is a function `section_<name>` that appends markdown to "$REPORT"; add new ones below.
set -euo pipefail

REPO=$(cd "$(dirname "$0")/.." && pwd)
RUNS=${RUNS:-7}
WORK=$(mktemp -d "${TMPDIR:-/tmp}/reltool-bench.XXXXXX")
trap 'rm -rf "$WORK"' EXIT
REPORT="$WORK/report.md"
COMMANDS="$WORK/commands.md"
export MSBUILDDISABLENODEREUSE=1 DOTNET_CLI_USE_MSBUILD_SERVER=0 DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

RELTOOL="$REPO/src/RelTool/bin/Release/net10.0/reltool"
BENCH_ARCHIVE="$REPO/bench/archive/bin/Release/net10.0/reltool-bench-archive"

log() { echo "[bench] $*" >&2; }

RELTOOL_R2R="$WORK/reltool-r2r/reltool"

build() {
    log "building reltool and bench projects (Release)"
    dotnet build "$REPO/src/RelTool/RelTool.csproj" -c Release -nodeReuse:false -v q >/dev/null
    dotnet build "$REPO/bench/archive/RelTool.Bench.Archive.csproj" -c Release -nodeReuse:false -v q >/dev/null
    # The same tool precompiled (ReadyToRun), to show what start-up JIT costs the short cached runs (archive only).
    [[ " ${SECTIONS[*]} " == *" archive "* ]] || return 0
    local rid
    case "$(uname -m)" in aarch64) rid=linux-arm64 ;; *) rid=linux-x64 ;; esac
    dotnet publish "$REPO/src/RelTool/RelTool.csproj" -c Release -r "$rid" --self-contained false -p:PublishReadyToRun=true \
        -o "$(dirname "$RELTOOL_R2R")" -nodeReuse:false -v q >/dev/null
}

now_ms() { echo $(( $(date +%s%N) / 1000000 )); }

median() { sort -n | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'; }

# Cases are measured in interleaved rounds (every case once per round, $RUNS rounds), so that load from
# other processes on a shared machine falls on all of them alike. Register with add_case, run with run_cases,
# then read the median in ms with median_of NAME.
CASES=()
declare -A CASE_PREPARE CASE_COMMAND
add_case() { CASES+=("$1"); CASE_PREPARE[$1]=$2; CASE_COMMAND[$1]=$3; }

run_cases() {
    local round name start
    mkdir -p "$WORK/times"
    for ((round = 1; round <= RUNS; round++)); do
        log "round $round of $RUNS"
        for name in "${CASES[@]}"; do
            eval "${CASE_PREPARE[$name]}"
            start=$(now_ms)
            eval "${CASE_COMMAND[$name]}" >/dev/null
            echo $(( $(now_ms) - start )) >> "$WORK/times/$name"
        done
    done
    CASES=()
}

median_of() { median < "$WORK/times/$1"; }

# "met" or "**missed**" for an awk condition on numbers, e.g. verdict "$a / $b <= 1.15".
verdict() { awk "BEGIN { print ($1) ? \"met\" : \"**missed**\" }"; }

seconds() { awk -v ms="$1" 'BEGIN { printf "%.2f", ms / 1000 }'; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", a / b }'; }
megabytes() { awk -v b="$1" 'BEGIN { printf "%.1f", b / 1048576 }'; }
size_of() { stat -c %s "$1"; }

# A release directory with a bundled runtime, as `reltool release` lays it out (docs/release-layout.md).
make_release_tree() {
    local tree=$1 dotnet_root runtime fxr sdk
    dotnet_root=$(dirname "$(readlink -f "$(command -v dotnet)")")
    runtime=$(ls -d "$dotnet_root"/shared/Microsoft.NETCore.App/*/ | sort -V | tail -1)
    fxr=$(ls -d "$dotnet_root"/host/fxr/*/ | sort -V | tail -1)
    sdk=$(ls -d "$dotnet_root"/sdk/*/ | sort -V | tail -1)
    mkdir -p "$tree"/bin "$tree"/runtime/shared/Microsoft.NETCore.App "$tree"/runtime/host/fxr "$tree"/releases/0.1.0
    cp -a "$runtime" "$tree/runtime/shared/Microsoft.NETCore.App/$(basename "$runtime")"
    cp -a "$fxr" "$tree/runtime/host/fxr/$(basename "$fxr")"
    cp -a "$dotnet_root/dotnet" "$tree/runtime/dotnet"
    mkdir -p "$tree/lib/Kv-0.1.0" "$tree/lib/Microsoft.Build.Framework-17.11.48" "$tree/lib/NuGet.Common-6.0.0" "$tree/lib/RelTool.Boot-0.1.0"
    cp "$sdk/Microsoft.ApplicationInsights.dll" "$tree/lib/Kv-0.1.0/Kv.dll"
    cp "$sdk/Microsoft.Build.Framework.dll" "$tree/lib/Microsoft.Build.Framework-17.11.48/"
    cp "$sdk/NuGet.Common.dll" "$tree/lib/NuGet.Common-6.0.0/"
    cp "$REPO"/src/RelTool/bin/Release/net10.0/RelTool.Formats.dll "$tree/lib/RelTool.Boot-0.1.0/"
    printf '{application,%s,[{vsn,"0.1.0"}]}.\n' "'Kv'" > "$tree/lib/Kv-0.1.0/Kv.app"
    printf '#!/bin/sh\nexec "$(dirname "$0")/../runtime/dotnet" "$@"\n' > "$tree/bin/kv"
    chmod 755 "$tree/bin/kv"
    printf '{release,{"kv","0.1.0"},{erts,"%s"},[]}.\n' "$(basename "$runtime")" > "$tree/releases/0.1.0/kv.rel"
    printf '%s 0.1.0' "$(basename "$runtime")" > "$tree/releases/start_erl.data"
}

# Rewrites the app's assembly with content no earlier run had (last 16 bytes), as a rebuild would.
change_assembly() {
    local file=$1/lib/Kv-0.1.0/Kv.dll size
    size=$(size_of "$file")
    head -c 16 /dev/urandom | dd of="$file" bs=1 seek=$((size - 16)) conv=notrunc status=none
}

section_archive() {
    local tree="$WORK/archive/rel" out="$WORK/archive/out" cache="$WORK/archive/cache" fresh="$WORK/archive/fresh"
    mkdir -p "$out"
    make_release_tree "$tree"
    local files mb
    files=$(find "$tree" -type f | wc -l)
    mb=$(du -sm "$tree" | cut -f1)
    # The stat index trusts files only once they are 2 s old (git's racy-file rule).
    sleep 2
    local gnu_flags="--sort=name --owner=0 --group=0 --numeric-owner --mtime=@315532800"
    local c_gnu="tar $gnu_flags -czf '$out/gnu.tar.gz' -C '$tree' ."
    local c_pigz="tar $gnu_flags -cf - -C '$tree' . | pigz -6 > '$out/pigz.tar.gz'"
    local c_szl="'$BENCH_ARCHIVE' sharpziplib '$tree' '$out/sharpziplib.tar.gz'"
    local c_rel="'$RELTOOL' tar '$tree' -o '$out/reltool.tar.gz'"
    local c_cache="'$RELTOOL' tar '$tree' -o '$out/cached.tar.gz' --cache '$cache'"
    local c_fresh="'$RELTOOL' tar '$fresh' -o '$out/fresh.tar.gz' --cache '$cache'"
    local c_r2r="'$RELTOOL_R2R' tar '$tree' -o '$out/cached.tar.gz' --cache '$cache'"

    log "archive: $files files, $mb MB; $RUNS rounds"
    add_case gnu ":" "$c_gnu"
    add_case pigz ":" "$c_pigz"
    add_case sharpziplib ":" "$c_szl"
    add_case reltool ":" "$c_rel"
    add_case cold "rm -rf '$cache'" "$c_cache"
    add_case warm ":" "$c_cache"
    add_case changed "change_assembly '$tree'" "$c_cache"
    add_case copied "rm -rf '$fresh' && cp -a '$tree' '$fresh' && change_assembly '$fresh'" "$c_fresh"
    add_case r2r_warm ":" "$c_r2r"
    add_case r2r_changed "change_assembly '$tree'" "$c_r2r"
    run_cases
    local t_gnu t_pigz t_szl t_rel t_cold t_warm t_changed t_copied t_r2r_warm t_r2r_changed
    t_gnu=$(median_of gnu); t_pigz=$(median_of pigz); t_szl=$(median_of sharpziplib); t_rel=$(median_of reltool)
    t_cold=$(median_of cold); t_warm=$(median_of warm); t_changed=$(median_of changed); t_copied=$(median_of copied)
    t_r2r_warm=$(median_of r2r_warm); t_r2r_changed=$(median_of r2r_changed)
    # Output identical with and without cache: an empty cache, a warm one, and after a change.
    local same_cache same_warm same_changed
    eval "$c_rel" >/dev/null
    rm -rf "$cache"; eval "$c_cache" >/dev/null
    cmp -s "$out/reltool.tar.gz" "$out/cached.tar.gz" && same_cache=yes || same_cache=NO
    eval "$c_cache" >/dev/null
    cmp -s "$out/reltool.tar.gz" "$out/cached.tar.gz" && same_warm=yes || same_warm=NO
    change_assembly "$tree"
    eval "$c_cache" >/dev/null
    eval "$c_rel" >/dev/null
    cmp -s "$out/reltool.tar.gz" "$out/cached.tar.gz" && same_changed=yes || same_changed=NO
    local gzip_ok tar_ok
    gzip -t "$out/reltool.tar.gz" && gzip_ok=yes || gzip_ok=NO
    mkdir -p "$WORK/archive/x" && tar -xzf "$out/reltool.tar.gz" -C "$WORK/archive/x" && diff -r "$tree" "$WORK/archive/x" >/dev/null && tar_ok=yes || tar_ok=NO

    log "archive: in-process timings"
    local inprocess="$WORK/archive/inprocess.txt"
    for ((i = 0; i < 3; i++)); do "$BENCH_ARCHIVE" inprocess "$tree" "$out/inprocess.tar.gz" "$WORK/archive/ipcache" "$tree/lib/Kv-0.1.0/Kv.dll"; done > "$inprocess"
    ip() { grep "^$1 " "$inprocess" | awk '{ print $2 * 1000 }' | median; }
    local ip_plain ip_cold ip_warm ip_changed
    ip_plain=$(ip no-cache); ip_cold=$(ip cache-cold); ip_warm=$(ip cache-warm); ip_changed=$(ip one-changed)

    local s_gnu s_pigz s_szl s_rel
    s_gnu=$(size_of "$out/gnu.tar.gz"); s_pigz=$(size_of "$out/pigz.tar.gz"); s_szl=$(size_of "$out/sharpziplib.tar.gz"); s_rel=$(size_of "$out/reltool.tar.gz")

    cat >> "$REPORT" <<MD
## Archive: release tarball ($files files, $mb MB, bundled runtime)

Median of $RUNS interleaved rounds (each round runs every case once), whole processes (start-up included), all measured in this run.
"reltool speed-up" is the peer's time divided by \`reltool tar\`'s; "size vs GNU" is the output size over GNU \`tar czf\`'s.

| Tool | Time (s) | Size (MiB) | Size vs GNU | reltool speed-up |
|---|---:|---:|---:|---:|
| GNU \`tar czf\` (gzip -6) | $(seconds "$t_gnu") | $(megabytes "$s_gnu") | 1.000 | $(ratio "$t_gnu" "$t_rel")× |
| \`tar cf - \| pigz -6\` | $(seconds "$t_pigz") | $(megabytes "$s_pigz") | $(awk -v a="$s_pigz" -v b="$s_gnu" 'BEGIN { printf "%.3f", a / b }') | $(ratio "$t_pigz" "$t_rel")× |
| SharpZipLib 1.4.2 (TarOutputStream + GZipOutputStream) | $(seconds "$t_szl") | $(megabytes "$s_szl") | $(awk -v a="$s_szl" -v b="$s_gnu" 'BEGIN { printf "%.3f", a / b }') | $(ratio "$t_szl" "$t_rel")× |
| **\`reltool tar\`** (no cache) | **$(seconds "$t_rel")** | **$(megabytes "$s_rel")** | **$(awk -v a="$s_rel" -v b="$s_gnu" 'BEGIN { printf "%.3f", a / b }')** | 1.00× |

### Reusing compressed segments (\`--cache\`)

| Case | Time (s) | vs \`reltool tar\` without cache |
|---|---:|---:|
| no cache | $(seconds "$t_rel") | 1.00 |
| empty cache (compress and store) | $(seconds "$t_cold") | $(ratio "$t_cold" "$t_rel") |
| warm cache, nothing changed | $(seconds "$t_warm") | $(ratio "$t_warm" "$t_rel") |
| one assembly rewritten in place | $(seconds "$t_changed") | $(ratio "$t_changed" "$t_rel") |
| one assembly changed in a fresh copy of the tree (every file re-read and hashed) | $(seconds "$t_copied") | $(ratio "$t_copied" "$t_rel") |
| ReadyToRun-published reltool: warm cache | $(seconds "$t_r2r_warm") | $(ratio "$t_r2r_warm" "$t_rel") |
| ReadyToRun-published reltool: one assembly rewritten in place | $(seconds "$t_r2r_changed") | $(ratio "$t_r2r_changed" "$t_rel") |

The same, inside one process (\`bench/archive\` calling \`ReleaseArchive.Write\`; no start-up or JIT of the process), median of 3:

| Case | Time (s) | vs no cache |
|---|---:|---:|
| no cache | $(seconds "$ip_plain") | 1.00 |
| empty cache | $(seconds "$ip_cold") | $(ratio "$ip_cold" "$ip_plain") |
| warm cache | $(seconds "$ip_warm") | $(ratio "$ip_warm" "$ip_plain") |
| one assembly rewritten in place | $(seconds "$ip_changed") | $(ratio "$ip_changed" "$ip_plain") |

Targets: at least 2× faster than GNU \`tar czf\`: $(verdict "$t_gnu / $t_rel >= 2"); faster than \`tar | pigz\`: $(verdict "$t_pigz / $t_rel > 1");
at most 1.03× GNU's size: $(verdict "$s_rel / $s_gnu <= 1.03"); with one assembly changed, the tarball written in at most 10% of a cold
write: $(verdict "$ip_changed / $ip_plain <= 0.10") in-process ($(ratio "$ip_changed" "$ip_plain")); as a whole \`reltool tar\` command, process
start-up and JIT included: $(ratio "$t_changed" "$t_rel") ($(ratio "$t_r2r_changed" "$t_rel") ReadyToRun).

Checks: output identical with and without cache: cold $same_cache, warm $same_warm, after a change $same_changed; \`gzip -t\`: $gzip_ok; GNU tar extracts an identical tree: $tar_ok.

Settings of \`reltool tar\`: deflate level 7 of the runtime's zlib-ng, one gzip member per 2 MiB of tar stream (fixed, never
derived from the core count), members grouped in segments (subtrees two names deep, alone from 256 KiB) that the cache keys by the
SHA-256 of their tar bytes. Peers get the same reproducibility flags where they have them (GNU tar: sorted names, owner 0, fixed mtime).

MD
    cat >> "$COMMANDS" <<MD
Archive section:

\`\`\`
$c_gnu
$c_pigz
$c_szl
$c_rel
$c_cache            # cold: cache removed before each run; warm: kept
$c_fresh            # after: rm -rf fresh; cp -a rel fresh; rewrite 16 bytes of lib/Kv-0.1.0/Kv.dll
$c_r2r              # reltool published with -p:PublishReadyToRun=true
$BENCH_ARCHIVE inprocess rel out.tar.gz ipcache rel/lib/Kv-0.1.0/Kv.dll
\`\`\`

MD
}

write_document() {
    local load_before=$1 load_after=$2 doc="$REPO/docs/benchmarks.md"
    {
        echo "# Benchmarks"
        echo
        echo "Generated by \`bench/run.sh\` on $(date -u '+%Y-%m-%d %H:%M UTC'). Re-run it to refresh this file."
        echo
        echo "- Machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'), $(free -g | awk '/Mem:/ { print $2 }') GB RAM, $(uname -sr)"
        echo "- .NET $(dotnet --version) SDK; $(tar --version | head -1); $(pigz --version 2>&1 | head -1); gzip $(gzip --version | head -1 | awk '{ print $2 }')"
        echo "- Load average before: $load_before; after: $load_after (the machine is shared: figures taken under load are noisy)"
        echo "- \`bench/run.sh${BENCH_ARGS:+ $BENCH_ARGS}\` took $(( ($(now_ms) - BENCH_START) / 1000 )) s in all (builds included)"
        echo
        cat "$REPORT"
        echo "## Commands"
        echo
        cat "$COMMANDS"
    } > "$doc"
    log "wrote $doc"
}

# Sections in their own files: bench/sections/<name>.sh defines section_<name>.
for file in "$REPO"/bench/sections/*.sh; do . "$file"; done

BENCH_START=$(now_ms)
BENCH_ARGS="$*"

main() {
    local sections=("$@")
    [ ${#sections[@]} -eq 0 ] && sections=(archive release diff relup upgrade startup overlap image)
    SECTIONS=("${sections[@]}")
    command -v pigz >/dev/null || { echo "pigz is needed (apt-get install -y pigz)" >&2; exit 1; }
    build
    local load_before
    load_before=$(cut -d' ' -f1-3 /proc/loadavg)
    : > "$REPORT"; : > "$COMMANDS"
    for section in "${sections[@]}"; do "section_$section"; done
    cat "$REPORT"
    write_document "$load_before" "$(cut -d' ' -f1-3 /proc/loadavg)"
}

main "$@"
