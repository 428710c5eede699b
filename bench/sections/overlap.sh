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

    local i root port
    : > "$raw"
    for ((i = 1; i <= runs; i++)); do
        log "overlap: run $i of $runs"
        root="$dir/node$i"
        port=$(free_port)
        mkdir -p "$root/releases/1.0.1"
        tar -xzf "$dir/rel/releases/1.0.0/shop.tar.gz" -C "$root"
        cp "$dir/rel/releases/1.0.1/shop-from-1.0.0.tar.gz" "$root/releases/1.0.1/"
        OVERLAP_ROOTS+=("$root")
        "$client" "$root" shop "$port" 1.0.0 1.0.1 >> "$raw"
        rm -rf "$root"
    done
    # field N of the lines of MODE COMMAND: the sum (failures) or the median (times) over the runs
    sum_of() { grep "^$1 $2 " "$raw" | awk -v f="$3" '{ for (i = 3; i < NF; i += 2) if ($i == f) s += $(i + 1) } END { print s + 0 }'; }
    median_field() { grep "^$1 $2 " "$raw" | awk -v f="$3" '{ for (i = 3; i < NF; i += 2) if ($i == f) print $(i + 1) }' | median; }
    max_field() { grep "^$1 $2 " "$raw" | awk -v f="$3" '{ for (i = 3; i < NF; i += 2) if ($i == f && $(i + 1) > m) m = $(i + 1) } END { print m + 0 }'; }
    local rows="" mode command
    for mode in stop-then-start overlapped; do
        for command in upgrade downgrade; do
            rows+="| $mode | \`$command\` | $(sum_of $mode $command fresh_failed) | $(median_field $mode $command fresh_gap_ms) ($(max_field $mode $command fresh_gap_ms)) | $(sum_of $mode $command keepalive_failed) | $(median_field $mode $command keepalive_gap_ms) ($(max_field $mode $command keepalive_gap_ms)) | $(sum_of $mode $command refused) | $(median_field $mode $command command_ms) |"$'\n'
        done
    done
    cat >> "$REPORT" <<MD
## Overlap: installs by restart of a stock webapi, stop-then-start vs overlapped

A stock \`dotnet new webapi\` (\`/version\` added; 1.0.0, then 1.0.1 with \`reltool release --upgrade\`), extracted into an
empty folder and started with \`ASPNETCORE_URLS=http://127.0.0.1:PORT\`. Three clients run throughout
(\`bench/overlap\`, the loops of \`tests/RelTool.IntegrationTests/StockApps/ServiceLoops.cs\`): GET /version with a new
connection per request, GET /version on one keep-alive connection — neither retries: a refused connection, a reset, a
timeout or a non-2xx answer is a failed request — and a TCP connect every 1 ms. Each run installs 1.0.1 and back to
1.0.0 first by stop-then-start (\`RELTOOL_OVERLAP=off bin/shop upgrade/downgrade\`), then by overlapped install (the
default), on the same node. $runs runs, each on a fresh node; failures are summed over the runs, times are the median
(and the largest) of the runs.

| Install | Command | New-connection loop: failed | longest gap ms (max) | Keep-alive loop: failed | longest gap ms (max) | Refused connects (1 ms loop) | Command ms |
|---|---|---:|---:|---:|---:|---:|---:|
$rows
MD
    cat >> "$COMMANDS" <<MD
Overlap section:

\`\`\`
dotnet new webapi -n Shop && reltool init && reltool release --output rel     # /version added, <Version>1.0.0
reltool release --upgrade --output rel                                       # <Version>1.0.1
tar -xzf rel/releases/1.0.0/shop.tar.gz -C node && cp rel/releases/1.0.1/shop-from-1.0.0.tar.gz node/releases/1.0.1/
reltool-bench-overlap node shop PORT 1.0.0 1.0.1   # start; loops; RELTOOL_OVERLAP=off upgrade, downgrade; upgrade, downgrade; stop
\`\`\`

MD
}
