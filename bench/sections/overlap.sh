# Overlap: requests failed and the longest gap between two answers during an install by restart of a stock
# `dotnet new webapi`, stop-then-start (RELTOOL_OVERLAP=off) against the overlapped install, in one run.

OVERLAP_ROOTS=()

overlap_stop_nodes() {
    local root
    for root in "${OVERLAP_ROOTS[@]}"; do [ -x "$root/bin/shop" ] && "$root/bin/shop" stop >/dev/null 2>&1 || true; done
}

section_overlap() {
    local dir="$WORK/overlap" runs=${OVERLAP_RUNS:-3} client="$REPO/bench/overlap/bin/Release/net10.0/reltool-bench-overlap"
    local project="$WORK/overlap/src/Shop" raw="$WORK/overlap/runs.txt"
    add_exit_hook overlap_stop_nodes
    dotnet build "$REPO/bench/overlap/RelTool.Bench.Overlap.csproj" -c Release -nodeReuse:false -v q >/dev/null
    log "overlap: dotnet new webapi, reltool init, release 1.0.0, then 1.0.1 with --upgrade"
    mkdir -p "$dir"
    dotnet new webapi -n Shop -o "$project" >/dev/null
    sed -i 's|<PropertyGroup>|<PropertyGroup>\n    <Version>1.0.0</Version>|' "$project/Shop.csproj"
    sed -i 's|^app.Run();|app.MapGet("/version", () => typeof(Program).Assembly.GetName().Version!.ToString(3));\napp.Run();|' "$project/Program.cs"
    (cd "$project" && "$RELTOOL" init >/dev/null && "$RELTOOL" release --output "$dir/rel" >/dev/null)
    sed -i 's|<Version>1.0.0</Version>|<Version>1.0.1</Version>|' "$project/Shop.csproj"
    (cd "$project" && "$RELTOOL" release --upgrade --output "$dir/rel" >/dev/null)

    # Pace: the request loops wait that long after each answer; 0 sends back to back, which saturates 2 cores.
    local i root port pace paces=${OVERLAP_PACES_MS:-0 5}
    : > "$raw"
    for ((i = 1; i <= runs; i++)); do
        for pace in $paces; do
            log "overlap: run $i of $runs, pace $pace ms"
            root="$dir/node$i-$pace"
            port=$(free_port)
            stage_node "$root" "$dir/rel/releases/1.0.0/shop.tar.gz" "$dir/rel/releases/1.0.1/shop-from-1.0.0.tar.gz" 1.0.1
            OVERLAP_ROOTS+=("$root")
            RELTOOL_BENCH_PACE_MS=$pace "$client" "$root" shop "$port" 1.0.0 1.0.1 | sed "s/^/p$pace /" >> "$raw"
            rm -rf "$root"
        done
    done
    # field F of the lines of PACE MODE COMMAND: the sum (failures) or the median (times) over the runs
    sum_of() { grep "^p$1 $2 $3 " "$raw" | awk -v f="$4" '{ for (i = 4; i < NF; i += 2) if ($i == f) s += $(i + 1) } END { print s + 0 }'; }
    median_field() { grep "^p$1 $2 $3 " "$raw" | awk -v f="$4" '{ for (i = 4; i < NF; i += 2) if ($i == f) print $(i + 1) }' | median; }
    max_field() { grep "^p$1 $2 $3 " "$raw" | awk -v f="$4" '{ for (i = 4; i < NF; i += 2) if ($i == f && $(i + 1) > m) m = $(i + 1) } END { print m + 0 }'; }
    local rows="" mode command gaps="" 
    for pace in $paces; do
        rows+="| $pace | nothing (5 s steady state) | | $(sum_of "$pace" steady none fresh_failed) | $(median_field "$pace" steady none fresh_gap_ms) ($(max_field "$pace" steady none fresh_gap_ms)) | $(sum_of "$pace" steady none keepalive_failed) | $(median_field "$pace" steady none keepalive_gap_ms) ($(max_field "$pace" steady none keepalive_gap_ms)) | $(sum_of "$pace" steady none refused) | |"$'\n'
        for mode in stop-then-start overlapped; do
            for command in upgrade downgrade; do
                rows+="| $pace | $mode | \`$command\` | $(sum_of "$pace" $mode $command fresh_failed) | $(median_field "$pace" $mode $command fresh_gap_ms) ($(max_field "$pace" $mode $command fresh_gap_ms)) | $(sum_of "$pace" $mode $command keepalive_failed) | $(median_field "$pace" $mode $command keepalive_gap_ms) ($(max_field "$pace" $mode $command keepalive_gap_ms)) | $(sum_of "$pace" $mode $command refused) | $(median_field "$pace" $mode $command command_ms) |"$'\n'
            done
        done
        gaps+="- pace $pace ms: $(grep "^p$pace overlapped " "$raw" | awk '{ c = $3; for (i = 4; i < NF; i += 2) { if ($i == "fresh_gap_ms") fg = $(i + 1); if ($i == "fresh_gap_end_ms") fe = $(i + 1); if ($i == "keepalive_gap_ms") kg = $(i + 1); if ($i == "keepalive_gap_end_ms") ke = $(i + 1); if ($i == "command_ms") cm = $(i + 1) } printf "%s%s: new-connection %s ms ending at %s ms, keep-alive %s ms ending at %s ms, of %s ms", (NR > 1 ? "; " : ""), c, fg, fe, kg, ke, cm }')"$'\n'
    done
    cat >> "$REPORT" <<MD
## Overlap: installs by restart of a stock webapi, stop-then-start vs overlapped

A stock \`dotnet new webapi\` (\`/version\` added; 1.0.0, then 1.0.1 with \`reltool release --upgrade\`), extracted into an
empty folder and started with \`ASPNETCORE_URLS=http://127.0.0.1:PORT\`. Three clients run throughout
(\`bench/overlap\`, the loops of \`tests/RelTool.IntegrationTests/StockApps/ServiceLoops.cs\`): GET /version with a new
connection per request, GET /version on one keep-alive connection — neither retries: a refused connection, a reset, a
timeout or a non-2xx answer is a failed request — and a TCP connect every 1 ms. Each run installs 1.0.1 and back to
1.0.0 first by stop-then-start (\`RELTOOL_OVERLAP=off bin/shop upgrade/downgrade\`), then by overlapped install (the
default), on the same node; first, the same loops run 5 s with nothing going on (steady state). Each case runs twice:
with the request loops sending back to back (pace 0: the node and the client then use both cores, and the
scheduler alone makes gaps of 0.1–0.4 s), and with a pause of 5 ms after each answer (pace 5: headroom left, as on a
service that is not saturated). $runs runs per pace, each on a fresh node, paces interleaved; failures are summed over
the runs, times are the median (and the largest) of the runs.

| Pace ms | Install | Command | New-connection loop: failed | longest gap ms (max) | Keep-alive loop: failed | longest gap ms (max) | Refused connects (1 ms loop) | Command ms |
|---:|---|---|---:|---:|---:|---:|---:|---:|
$rows
Where the overlapped installs' longest gaps fell (time from the command's start to the end of the gap):

$gaps
MD
    cat >> "$COMMANDS" <<MD
Overlap section:

\`\`\`
dotnet new webapi -n Shop && reltool init && reltool release --output rel     # /version added, <Version>1.0.0
reltool release --upgrade --output rel                                       # <Version>1.0.1
tar -xzf rel/releases/1.0.0/shop.tar.gz -C node && cp rel/releases/1.0.1/shop-from-1.0.0.tar.gz node/releases/1.0.1/
RELTOOL_BENCH_PACE_MS=0|5 reltool-bench-overlap node shop PORT 1.0.0 1.0.1   # start; steady 5 s; loops; RELTOOL_OVERLAP=off upgrade, downgrade; upgrade, downgrade; stop
\`\`\`

MD
}
