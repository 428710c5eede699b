# Upgrade: the pause of a live upgrade of samples/kv under load against the downtime of `bin/kv stop && bin/kv start`.

UPGRADE_NODES=()

upgrade_stop_nodes() {
    local node
    for node in "${UPGRADE_NODES[@]}"; do
        [ -x "${node%%:*}/bin/kv" ] && KV_PORT=${node##*:} "${node%%:*}/bin/kv" stop >/dev/null 2>&1 || true
    done
}

section_upgrade() {
    local dir="$WORK/upgrade" kv out="$WORK/upgrade/rel/kv" client="$REPO/bench/upgrade/bin/Release/net10.0/reltool-bench-upgrade"
    local runs=${UPGRADE_RUNS:-5} keys=10000
    add_exit_hook upgrade_stop_nodes
    dotnet build "$REPO/bench/upgrade/RelTool.Bench.Upgrade.csproj" -c Release -nodeReuse:false -v q >/dev/null
    copy_kv "$dir"
    kv="$dir/kv/src/Kv"
    log "upgrade: releasing kv 0.1.0, then 0.2.0 with --upgrade"
    (cd "$kv" && "$RELTOOL" release --output "$out" >/dev/null 2>&1)
    (cd "$dir/kv" && git apply -p3 patches/0.2.0.patch)
    (cd "$kv" && "$RELTOOL" release --upgrade --output "$out" >/dev/null 2>&1)

    local i node port raw="$dir/runs.txt"
    : > "$raw"
    for ((i = 1; i <= runs; i++)); do
        log "upgrade: run $i of $runs"
        node="$dir/node$i"
        port=$(free_port)
        mkdir -p "$node/releases/0.2.0"
        tar -xzf "$out/releases/0.1.0/kv.tar.gz" -C "$node"
        cp "$out/releases/0.2.0/kv-from-0.1.0.tar.gz" "$node/releases/0.2.0/"
        UPGRADE_NODES+=("$node:$port")
        "$client" "$node" "$port" "$keys" | sed "s/^/run$i /" >> "$raw"
        rm -rf "$node"
    done
    value() { grep " $1 " "$raw" | awk '{ print $3 }' | median; }
    local pause gap cmd down restart_cmd rate wrong steps verdict
    pause=$(value pause_ms); gap=$(value upgrade_client_gap_ms); cmd=$(value upgrade_command_ms)
    down=$(value restart_downtime_ms); restart_cmd=$(value restart_command_ms); rate=$(value requests_per_s)
    wrong=$(grep " upgrade_wrong " "$raw" | awk '{ s += $3 } END { print s + 0 }')
    local reconnects
    reconnects=$(grep " reconnects_during_upgrade " "$raw" | awk '{ s += $3 } END { print s + 0 }')
    steps=$(grep " steps " "$raw" | cut -d' ' -f3- | sed 's/^/- /')
    cat >> "$REPORT" <<MD
## Upgrade: live upgrade pause vs stop + start downtime (samples/kv)

kv 0.1.0 extracted from its tarball into an empty folder, \`bin/kv start\`, $keys keys seeded; a client
(\`bench/upgrade\`: one connection, PUT/GET of 200 rotating keys one at a time, each GET checked; on a refused or
broken connection it retries the same request every 2 ms) runs throughout at about $rate requests/s. Then
\`bin/kv upgrade 0.2.0\` (the upgrade tarball from \`reltool release --upgrade\`; state migrated by \`CodeChange\`), and
then \`bin/kv stop && bin/kv start\` of the same release. Median of $runs runs, each on a fresh node.

| Figure | Time (ms) | vs live upgrade pause |
|---|---:|---:|
| live upgrade: the \`pause Kv N ms\` reported by \`bin/kv upgrade\` (suspend → resume) | **$pause** | 1× |
| live upgrade: longest gap between two answers the client saw while \`bin/kv upgrade\` ran | $gap | $(ratio "$gap" "$pause")× |
| \`bin/kv upgrade 0.2.0\` command, start to exit (unpack, check, install, make permanent) | $cmd | |
| **stop + start: downtime** (last answer before \`stop\` → first answer after \`start\`) | **$down** | **$(ratio "$down" "$pause")×** |
| \`bin/kv stop && bin/kv start\` commands, start to exit | $restart_cmd | |

Wrong answers during the live upgrade (all runs): $wrong; reconnections the client needed during it: $reconnects. A
restart loses the in-memory state (the $keys keys); a live upgrade keeps it.

\`steps:\` lines of the upgrades:

$steps

MD
    cat >> "$COMMANDS" <<MD
Upgrade section:

\`\`\`
reltool release --output rel/kv                 # samples/kv 0.1.0, copied to a temp folder
git apply -p3 patches/0.2.0.patch               # from the copy of samples/kv
reltool release --upgrade --output rel/kv       # 0.2.0 and releases/0.2.0/kv-from-0.1.0.tar.gz
tar -xzf rel/kv/releases/0.1.0/kv.tar.gz -C node && cp rel/kv/releases/0.2.0/kv-from-0.1.0.tar.gz node/releases/0.2.0/
reltool-bench-upgrade node PORT $keys             # bin/kv start, seed, client loop, bin/kv upgrade 0.2.0, bin/kv stop, bin/kv start
\`\`\`

MD
}
