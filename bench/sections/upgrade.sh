# Upgrade: what 1 and 8 clients of samples/kv see during a live upgrade and downgrade (longest gap, p99 against their
# steady state, the node's own pause), against the downtime of `bin/kv stop && bin/kv start`.

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

    # Pace: each client waits that long after an answer; 0 sends back to back (the clients then saturate 2 cores).
    local i node port conns pace paces=${UPGRADE_PACES_MS:-0 1} raw="$dir/runs.txt"
    : > "$raw"
    # Interleaved: each run measures every pace with 1 connection, then 8, each on a fresh node.
    for ((i = 1; i <= runs; i++)); do
        # The machine's own floor, with no node: one spinning thread per core, 10 s.
        log "upgrade: run $i of $runs, the machine alone"
        "$client" machine-stalls 10 | sed "s/^/machine run$i /" >> "$raw"
        for pace in $paces; do
            for conns in 1 8; do
                log "upgrade: run $i of $runs, pace $pace ms, $conns connection(s)"
                node="$dir/node$i-$pace-$conns"
                port=$(free_port)
                stage_node "$node" "$out/releases/0.1.0/kv.tar.gz" "$out/releases/0.2.0/kv-from-0.1.0.tar.gz" 0.2.0
                UPGRADE_NODES+=("$node:$port")
                RELTOOL_BENCH_PACE_MS=$pace "$client" "$node" "$port" "$keys" "$conns" | sed "s/^/p$pace c$conns run$i /" >> "$raw"
                rm -rf "$node"
            done
        done
    done
    # value P C NAME: the median over the runs of pace P with C connections
    value() { grep "^p$1 c$2 run[0-9]* $3 " "$raw" | awk '{ print $5 }' | median; }
    total() { grep "^p$1 c$2 run[0-9]* $3 " "$raw" | awk '{ s += $5 } END { print s + 0 }'; }
    local rows="" c install steady targets="" placed=""
    for pace in $paces; do
        for c in 1 8; do
            steady=$(value "$pace" "$c" steady_p99_ms)
            rows+="| $pace | $c | \`ping\` (no install) | – | $(value "$pace" "$c" ping_client_gap_ms) | $(value "$pace" "$c" ping_p99_ms) | $steady | $(ratio "$(value "$pace" "$c" ping_p99_ms)" "$steady")× | $(value "$pace" "$c" steady_gap_ms) | $(value "$pace" "$c" ping_steady_gap_as_long_ms) | $(value "$pace" "$c" ping_command_ms) | – | – |"$'\n'
            for install in upgrade downgrade node_upgrade node_downgrade; do
                local label="\`$install\`"
                case $install in
                    node_upgrade) label="node only: \`install 0.2.0\` over the control socket" ;;
                    node_downgrade) label="node only: \`install 0.1.0\` over the control socket" ;;
                esac
                rows+="| $pace | $c | $label | **$(value "$pace" "$c" ${install}_pause_ms)** | **$(value "$pace" "$c" ${install}_client_gap_ms)** | $(value "$pace" "$c" ${install}_p99_ms) | $steady | $(ratio "$(value "$pace" "$c" ${install}_p99_ms)" "$steady")× | $(value "$pace" "$c" steady_gap_ms) | $(value "$pace" "$c" ${install}_steady_gap_as_long_ms) | $(value "$pace" "$c" ${install}_command_ms) | $(total "$pace" "$c" ${install}_wrong) | $(total "$pace" "$c" ${install}_reconnects) |"$'\n'
            done
        done
        local gap8_up gap8_down p99_8_up p99_8_down steady8
        gap8_up=$(value "$pace" 8 upgrade_client_gap_ms); gap8_down=$(value "$pace" 8 downgrade_client_gap_ms)
        p99_8_up=$(value "$pace" 8 upgrade_p99_ms); p99_8_down=$(value "$pace" 8 downgrade_p99_ms); steady8=$(value "$pace" 8 steady_p99_ms)
        placed+="- pace $pace ms, 8 connections: upgrade: began $(value "$pace" 8 upgrade_gap_start_vs_suspend_ms) ms after the suspend, ended $(value "$pace" 8 upgrade_gap_end_vs_resume_ms) ms after the resume; downgrade: began $(value "$pace" 8 downgrade_gap_start_vs_suspend_ms) ms, ended $(value "$pace" 8 downgrade_gap_end_vs_resume_ms) ms after"$'\n'
        targets+="- pace $pace ms, 8 connections: longest gap < 5 ms: upgrade $(verdict "$gap8_up < 5") ($gap8_up), downgrade $(verdict "$gap8_down < 5") ($gap8_down); p99 during the install within 2× of steady state: upgrade $(verdict "$p99_8_up <= 2 * $steady8"), downgrade $(verdict "$p99_8_down <= 2 * $steady8")"$'\n'
    done
    local first=${paces%% *} pause down restart_cmd rate1 rate8 steps stall_max stalls
    stall_max=$(grep "^machine run[0-9]* machine_stall_max_ms " "$raw" | awk '{ print $4 }' | median)
    stalls=$(grep "^machine run[0-9]* machine_stalls_over_2ms " "$raw" | awk '{ print $4 }' | median)
    pause=$(value "$first" 1 upgrade_pause_ms); down=$(value "$first" 1 restart_downtime_ms); restart_cmd=$(value "$first" 1 restart_command_ms)
    rate1=$(value "$first" 1 requests_per_s); rate8=$(value "$first" 8 requests_per_s)
    steps=$(grep -E "^p[0-9.]+ c[0-9]+ run[0-9]* (upgrade|downgrade)_steps " "$raw" | awk '{ p = $1; sub(/^p/, "", p); c = $2; sub(/^c/, "", c); i = $4; sub(/_steps$/, "", i); $1 = $2 = $3 = $4 = ""; sub(/^ +/, ""); print "- pace " p ", " c " conn., " i ": " $0 }')
    cat >> "$REPORT" <<MD
## Upgrade: what clients see during a live upgrade and downgrade, and stop + start downtime (samples/kv)

kv 0.1.0 extracted from its tarball into an empty folder, \`bin/kv start\`, $keys keys seeded; 1 or 8 clients
(\`bench/upgrade\`: each on its own connection, PUT/GET of 200 rotating keys of its own, one request at a time, each GET
checked; on a refused or broken connection it retries the same request every 2 ms) run throughout; back to back
(pace 0) at about $rate1 requests/s (1 connection) and $rate8 requests/s (8 connections) in all, which keeps both
cores busy, or waiting the pace after each answer (headroom left, as on a service that is not saturated). Their steady state is measured over 2 s first;
then \`bin/kv ping\` (no install: the same launcher process start as an upgrade's, and one question to the node: what
any command costs the clients by running beside them), then \`bin/kv upgrade 0.2.0\` (the upgrade tarball from \`reltool release --upgrade\`; state migrated by \`CodeChange\`),
then \`bin/kv downgrade 0.1.0\` (the relup's down script), then the same two installs once more, "node only": the
bench process asks the node for \`install 0.2.0\` and \`install 0.1.0\` over its control socket with the launcher's
own client, so no command process starts, unpacks or takes the lock beside the node (the node's share of an install,
as the clients see it; not made permanent, so the node ends on 0.1.0), then \`bin/kv stop && bin/kv start\`. The longest gap is the
longest time between two answers of one client while the command ran (the largest over the clients); p99 is over every
request answered while the command ran, of all clients. Median of $runs runs per row, each on a fresh node, paces and
1- and 8-connection runs interleaved.

| Pace ms | Connections | Command | node's pause (ms) | longest gap (ms) | p99 during (ms) | steady p99 (ms) | p99 vs steady | steady longest gap (ms) | steady longest gap, window as long as the command (ms) | command (ms) | wrong answers | reconnections |
|---:|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|
$rows
Targets:

$targets
Where the longest gap lay against the node's pause (medians; the node reports its first suspend and last resume on the
monotonic clock the client uses; a negative start means the gap began before the suspend):

$placed
"steady longest gap" is the same clients' longest gap in 2 s with nothing
else going on: on a loaded machine the scheduler alone makes gaps of that size, and a gap during an install is only the
install's where it stands above it. A longest gap grows with the time it is taken over, so the next column takes the
steady state in windows as long as that command ran (the median over the 2 s's consecutive windows): what the clients
saw in as much time without the command. The machine alone (no node, no client: one thread per core spinning on the clock
for 10 s, \`reltool-bench-upgrade machine-stalls 10\`, once per run) saw a longest stall of $stall_max ms and $stalls stalls over 2 ms
(medians): time in which a core ran something else, which no service on this machine can avoid.

| Figure (1 connection, pace $first ms) | Time (ms) | vs live upgrade pause |
|---|---:|---:|
| live upgrade: the \`pause Kv N ms\` reported by \`bin/kv upgrade\` (suspend → resume) | **$pause** | 1× |
| **stop + start: downtime** (last answer before \`stop\` → first answer after \`start\`) | **$down** | **$(ratio "$down" "$pause")×** |
| \`bin/kv stop && bin/kv start\` commands, start to exit | $restart_cmd | |

A restart loses the in-memory state (the $keys keys); a live upgrade keeps it.

\`steps:\` lines of the installs (the node's own timing of each relup instruction while Kv was suspended, and the
garbage collections in that time), and the collections of the whole install (old code's unload included):

$steps

What issue 13 changed on this path, and where its effect shows:

- the launcher (\`bin/kv upgrade\`'s own process, and the node's host) is precompiled (ReadyToRun): the command spends
  no time JIT-compiling the launcher while the node serves (the start-up section measures the same on \`ping\`);
- the command unpacks on a thread of lower priority (nice 10), so on 2 cores the node's request threads win the CPU
  while it decompresses, hashes and writes the new release;
- a \`suspend → load → code_change → resume\` block of one module with one server (kv's) runs on that server's own
  worker between two of its messages (\`RelupRunner\`'s held path): no thread-pool hand-off inside the pause (the
  \`suspend\` and \`resume\` steps above now take microseconds; they took 0.2–3 ms each instruction by instruction);
- kv 0.2.0's migration (and its downgrade's) fills a dictionary sized up front in one pass instead of LINQ's
  \`ToDictionary\` growing one (it runs inside the pause);
- the unload of the old code after the resume used blocking full collections (\`GC.Collect()\`, twice per 20 ms
  until the old context was gone), each of which stopped every thread of the node; it now asks for background
  collections, during which the resumed servers keep serving; and one collection both frees and confirms an unload
  (\`Unloading\` tracks the context's assemblies, which die in the first collection that finds its code unreferenced;
  the context object outlives that collection, and tracking it alone took a second full one). The
  \`whole install: gc …\` figures above are the collections of the whole install and the time the runtime paused the
  node's threads for them.
- \`load_object_code\` compiles of an application callback only its constructors (\`load\` re-creates it in the
  pause; its \`Start\` and \`Stop\` never run there): kv's \`Start\` alone was ~3 ms of JIT in every install, so the
  node-only installs reply sooner (the \`command\` column), whatever the clients' gaps do.
- the commands' control client speaks to the node with libc's socket calls (Linux) instead of System.Net.Sockets,
  whose first socket cost every command's process its library, telemetry, socket engine and engine thread and their
  JIT work (~20–25 ms of CPU): \`ping\` and the commands' share of every install take that much less CPU beside the
  node (the \`ping\` row and the start-up section's \`ping\` figure).
- \`bin/<name>\` finds the release root without a subshell (a fork less per command), and the install commands compile
  less at run time (dictionaries of reference types, a table of term positions of our own, and loops instead of LINQ
  over ints in the tar checks, the extractor and the term writer: \`bin/kv upgrade\` with its unpack compiled 63
  methods, now 31), so the commands take less CPU beside the node (\`perf stat\`, two sittings: 121 → 114 and
  110 → 98 ms for an upgrade, 121 → 111 and 106 → 100 ms for a downgrade).
- the node loads and compiles the new code (\`load_object_code\`, ~5–30 ms before the suspend) on a thread of lower
  priority (nice 10), so its request threads win the cores meanwhile; the install reports the step
  (\`load_object_code Kv-0.2.0 N ms, at low priority\`). At pace 1 with 8 clients, the requests slowed past 1.5 ms in the
  10 ms before the suspend went from 11–13.5 to 4.7–6 per install (means of 12 installs, three interleaved sittings,
  ad hoc); with the cores saturated (pace 0, 8 clients, node-only \`install 0.2.0\`, three interleaved sittings of 6, ad
  hoc) p99 went from 3.3–4.4 to 1.9–2.3 ms, and the install's reply took longer, 28–29 → 60–119 ms: the load waits for
  the cores the clients leave it.
- \`bin/kv\` runs every command but \`foreground\`, \`eval\` and \`describe\` with the launcher's native client (compiled ahead of time,
  \`lib/RelTool.Boot-*/reltool-client\`): the \`ping\`, \`upgrade\` and \`downgrade\` rows start no runtime beside the node.
  Against the same release with the commands run by the launcher DLL (client.args removed; pace 1, 8 clients, 2 × 10
  rounds interleaved by sitting, ad hoc): commands 37–41 vs 136–143 ms (\`ping\`), 72–80 vs 221–254 ms (\`upgrade\`),
  77–80 vs 244–267 ms (\`downgrade\`); longest gaps, medians of 10: \`ping\` 4.7/5.3 vs 5.5/6.3, \`upgrade\` 5.7/6.6 vs
  8.0/7.9, \`downgrade\` 7.3/7.5 vs 8.2/9.2 ms; p99 during the command about the same (3.5–4.6 vs 2.8–3.4 ms: a shorter
  window holds the node's own install work in fewer requests). A do-nothing native process (\`sleep 0.1\`) beside the
  same clients left p99 at 1.34 ms; a .NET hello world, 2.38 ms.
- the node's first install holds nothing in its pause but the steps (commit 930f73d): the steps' timings were kept in
  a list of (string, TimeSpan) tuples, whose code nothing had precompiled or warmed up, so the runtime compiled it at
  the first install's first step, inside the pause; they are records now (the runtime's precompiled shared code), and
  the block's arguments (old version, extra term, new code) and the entry's name are looked up before the suspend.
  The \`steps:\` line now says how many methods the runtime compiled on the held worker in the pause (\`jit N\`: 1
  before this change, 0 since; KvLiveUpgradeTests checks it).
  The first upgrade's pause beyond the sum of its steps went from 0.49 to 0.15 ms, the pause from 2.93 to 2.30 ms
  (medians; −0.42 ms paired; pace 1, 8 clients, 10,000 keys, 8 interleaved rounds, ad hoc); the downgrade (a node's
  second install) had not paid it.

MD
    cat >> "$COMMANDS" <<MD
Upgrade section:

\`\`\`
reltool release --output rel/kv                 # samples/kv 0.1.0, copied to a temp folder
git apply -p3 patches/0.2.0.patch               # from the copy of samples/kv
reltool release --upgrade --output rel/kv       # 0.2.0 and releases/0.2.0/kv-from-0.1.0.tar.gz
tar -xzf rel/kv/releases/0.1.0/kv.tar.gz -C node && cp rel/kv/releases/0.2.0/kv-from-0.1.0.tar.gz node/releases/0.2.0/
reltool-bench-upgrade machine-stalls 10          # the machine alone, once per run
RELTOOL_BENCH_PACE_MS=0|1 reltool-bench-upgrade node PORT $keys 1|8   # bin/kv start, seed, client loops, steady state, bin/kv ping, bin/kv upgrade 0.2.0, bin/kv downgrade 0.1.0, install 0.2.0 and 0.1.0 over the control socket, bin/kv stop, bin/kv start
\`\`\`

MD
}
