# Start-up: a node's process start to its first answer against `dotnet app.dll` of the same app (samples/kv and a stock
# `dotnet new webapi`), and what the precompiled (ReadyToRun) launcher saves over the portable IL one.

STARTUP_NODES=()

startup_stop_nodes() {
    local node
    for node in "${STARTUP_NODES[@]}"; do
        [ -x "${node%%:*}/bin/kv" ] && KV_PORT=${node##*:} "${node%%:*}/bin/kv" stop >/dev/null 2>&1 || true
    done
}

# The same release with the tool's portable IL launcher in place of the precompiled one (and without the native
# client, which only the precompiled build's folder carries).
startup_il_copy() {
    local from=$1 to=$2 boot
    startup_dll_copy "$from" "$to"
    boot=$(ls -d "$to"/lib/RelTool.Boot-*/)
    rm -f "$boot/reltool-client"
    cp "$(dirname "$RELTOOL")"/boot/*.dll "$(dirname "$RELTOOL")"/boot/*.deps.json "$boot"
}

# The same release with its commands run by the launcher DLL: without releases/<vsn>/client.args.
startup_dll_copy() {
    cp -a "$1" "$2"
    rm -f "$2"/releases/*/client.args
}

section_startup() {
    local dir="$WORK/startup" client="$REPO/bench/upgrade/bin/Release/net10.0/reltool-bench-upgrade"
    local runs=${STARTUP_RUNS:-15} kv="$WORK/startup/kv/src/Kv" web="$WORK/startup/web/Shop"
    add_exit_hook startup_stop_nodes
    dotnet build "$REPO/bench/upgrade/RelTool.Bench.Upgrade.csproj" -c Release -nodeReuse:false -v q >/dev/null
    log "startup: releasing and publishing kv and a stock webapi"
    copy_kv "$dir"
    (cd "$kv" && "$RELTOOL" release --output "$dir/rel/kv" >/dev/null 2>&1)
    mkdir -p "$dir/web"
    dotnet new webapi -n Shop -o "$web" >/dev/null
    (cd "$web" && "$RELTOOL" init >/dev/null && "$RELTOOL" release --output "$dir/rel/shop" >/dev/null 2>&1)
    (cd "$web" && dotnet publish -c Release -o "$dir/pub/shop" -nodeReuse:false -v q >/dev/null)
    (cd "$kv" && dotnet publish -c Release -o "$dir/pub/kv" -nodeReuse:false -v q >/dev/null)
    mkdir -p "$dir/kv-node" "$dir/shop-node"
    tar -xzf "$dir/rel/kv/releases/0.1.0/kv.tar.gz" -C "$dir/kv-node"
    tar -xzf "$dir/rel/shop/releases/1.0.0/shop.tar.gz" -C "$dir/shop-node"
    startup_il_copy "$dir/kv-node" "$dir/kv-node-il"
    startup_dll_copy "$dir/kv-node" "$dir/kv-node-dll"
    startup_il_copy "$dir/shop-node" "$dir/shop-node-il"

    local -a names=(kv_dotnet kv_node kv_node_il shop_dotnet shop_node shop_node_il)
    declare -A command=(
        [kv_dotnet]="$dir/pub/kv line dotnet $dir/pub/kv/Kv.dll"
        [kv_node]="$dir/pub line $dir/kv-node/bin/kv foreground"
        [kv_node_il]="$dir/pub line $dir/kv-node-il/bin/kv foreground"
        [shop_dotnet]="$dir/pub/shop http dotnet $dir/pub/shop/Shop.dll"
        [shop_node]="$dir/pub http $dir/shop-node/bin/shop foreground"
        [shop_node_il]="$dir/pub http $dir/shop-node-il/bin/shop foreground"
    )
    local round name cwd protocol rest
    mkdir -p "$dir/times"
    for ((round = 1; round <= runs; round++)); do
        log "startup: round $round of $runs"
        for name in "${names[@]}"; do
            # `dotnet app.dll` runs in its publish folder, its content root: it reads its appsettings.json (log levels
            # among them), as the node's app reads its lib dir's. Run elsewhere, the webapi logged every request at
            # Information and answered first ~40 ms later (measured), which flattered the node.
            read -r cwd protocol rest <<<"${command[$name]}"
            # shellcheck disable=SC2086
            (cd "$cwd" && "$client" first-answer "$protocol" "$(free_port)" $rest) | awk '/^first_answer_ms/ { print $2 }' >> "$dir/times/$name"
        done
    done
    first() { median < "$dir/times/$1"; }
    # The median over rounds of one round's node time ÷ the same round's dotnet time: the rounds are interleaved, so
    # this cancels what drifts between rounds (the machine's load), which a ratio of two medians does not.
    paired() { paste "$dir/times/$1" "$dir/times/$2" | awk '{ printf "%.4f\n", $1 / $2 }' | median | awk '{ printf "%.2f", $1 }'; }

    # Client commands against a running node: `bin/kv ping` with the native client, the ReadyToRun launcher DLL and the IL one.
    local port_native port_r2r port_il
    port_native=$(free_port); port_r2r=$(free_port); port_il=$(free_port)
    STARTUP_NODES+=("$dir/kv-node:$port_native" "$dir/kv-node-dll:$port_r2r" "$dir/kv-node-il:$port_il")
    KV_PORT=$port_native "$dir/kv-node/bin/kv" start >/dev/null
    KV_PORT=$port_r2r "$dir/kv-node-dll/bin/kv" start >/dev/null
    KV_PORT=$port_il "$dir/kv-node-il/bin/kv" start >/dev/null
    add_case ping_native ":" "'$dir/kv-node/bin/kv' ping"
    add_case ping_r2r ":" "'$dir/kv-node-dll/bin/kv' ping"
    add_case ping_il ":" "'$dir/kv-node-il/bin/kv' ping"
    run_cases
    startup_stop_nodes
    STARTUP_NODES=()

    local kn kil sd sn sil size_r2r size_il
    local kd
    kd=$(first kv_dotnet); kn=$(first kv_node); kil=$(first kv_node_il)
    sd=$(first shop_dotnet); sn=$(first shop_node); sil=$(first shop_node_il)
    size_r2r=$(du -sb "$(ls -d "$dir"/kv-node/lib/RelTool.Boot-*/)" | cut -f1)
    size_il=$(du -sb "$(ls -d "$dir"/kv-node-il/lib/RelTool.Boot-*/)" | cut -f1)
    cat >> "$REPORT" <<MD
## Start-up: process start to first answer, node vs \`dotnet app.dll\`

Whole processes, from the process start to the first answer on the app's port (polled every 1 ms: a kv \`GET\` line
answered, or any HTTP response of the webapi), then SIGTERM. The node is \`bin/<name> foreground\` of the extracted
release (its bundled runtime); the peer is \`dotnet <App>.dll\` of \`dotnet publish -c Release\` of the same project,
run in its publish folder (its content root: it reads its appsettings.json, as the node's app does).
"IL launcher" is the same release with lib/RelTool.Boot-*/ holding the portable build instead of the ReadyToRun one
(and no native client). Median of $runs interleaved rounds, all measured in this run; "per round" is the median of each round's node time
divided by the same round's \`dotnet app.dll\` time. The target's verdict below uses the ratio of the medians.

| App | \`dotnet app.dll\` (ms) | node (ms) | node vs \`dotnet app.dll\` | per round (median) | node, IL launcher (ms) | IL launcher vs \`dotnet app.dll\` |
|---|---:|---:|---:|---:|---:|---:|
| samples/kv (RelTool.Runtime) | $kd | **$kn** | **$(ratio "$kn" "$kd")×** | $(paired kv_node kv_dotnet)× | $kil | $(ratio "$kil" "$kd")× |
| stock \`dotnet new webapi\` | $sd | **$sn** | **$(ratio "$sn" "$sd")×** | $(paired shop_node shop_dotnet)× | $sil | $(ratio "$sil" "$sd")× |

Target (node ≤ 1.05× \`dotnet app.dll\`): kv $(verdict "$kn / $kd <= 1.05"), webapi $(verdict "$sn / $sd <= 1.05").
(\`dotnet Kv.dll\` runs KvApplication through \`Node.RunAsync\` in its own Main, on the SDK's shared runtime.)

\`bin/kv ping\` against a running node, whole command (median of $RUNS interleaved rounds): native client (what a linux-x64
release runs) $(median_of ping_native) ms, ReadyToRun launcher DLL $(median_of ping_r2r) ms, IL launcher $(median_of ping_il) ms. The launcher's lib dir:
$(awk -v b="$size_r2r" 'BEGIN { printf "%.2f", b / 1048576 }') MiB ReadyToRun with the native client, $(awk -v b="$size_il" 'BEGIN { printf "%.2f", b / 1048576 }') MiB IL.

MD
    cat >> "$COMMANDS" <<MD
Start-up section:

\`\`\`
reltool release --output rel/kv                                               # samples/kv, copied
dotnet new webapi -n Shop && reltool init && reltool release --output rel/shop && dotnet publish -c Release -o pub/shop
(cd pub/<app> && reltool-bench-upgrade first-answer line|http PORT dotnet <App>.dll)   # KV_PORT / ASPNETCORE_URLS set to PORT
reltool-bench-upgrade first-answer line|http PORT node/bin/<name> foreground
bin/kv ping                                                                   # a node started with bin/kv start
\`\`\`

MD
}
