# Diff/appup scaling: bench/diff on synthetic releases of 50, 500 and 5,000 assemblies; time per assembly should stay flat or fall.

section_diff() {
    local raw="$WORK/diff.txt"
    log "diff: building and running bench/diff (50, 500, 5000 assemblies)"
    "$REPO/bench/diff/run.sh" 50 500 5000 > "$raw"
    local header rows base verdict
    header=$(head -1 "$raw")
    # Lines: assemblies runs best-ms median-ms us/assembly MB-allocated changed-apps
    base=$(awk '$1 == 50 { print $4 * 1000 / 50 }' "$raw")
    rows=$(awk -v base="$base" '$1 ~ /^[0-9]+$/ { per = $4 * 1000 / $1; printf "| %d | %.1f | %.1f | %.1f | %.2f | %d |\n", $1, $3, $4, per, per / base, $7 }' "$raw")
    digest=$(grep '^digest alone' "$raw" | sed 's/^/- /')
    verdict=$(awk -v base="$base" '$1 ~ /^[0-9]+$/ && $1 > 50 { per = $4 * 1000 / $1; if (per > base * 1.15) bad = 1 } END { print bad ? "**missed** (per-assembly time grows)" : "met (per-assembly time flat or falling, within 15% of the 50-assembly figure)" }' "$raw")
    cat >> "$REPORT" <<MD
## Diff: releases of 50, 500 and 5,000 assemblies

\`bench/diff\`: a full \`ReleaseDiffer.Compare\` of two synthetic releases (every assembly rebuilt with a new version, so each gets a full semantic digest; 1 in 20 changed in one method body), in one
process, in steady state (3 s of diffs of a 200-assembly release first, then 1 s per size before measuring, with dynamic PGO off: with it on, the
first size measured ran 2-3× slower per assembly on instrumented code), 7 runs per size (3 at 5,000). There is no peer: the figure is how the time scales.
$header. $(grep '^warm-up' "$raw").

$digest

| Assemblies | Best (ms) | Median (ms) | Median per assembly (µs) | vs 50 | Changed apps |
|---:|---:|---:|---:|---:|---:|
$rows

Target (time per assembly flat or falling): $verdict.

MD
    cat >> "$COMMANDS" <<MD
Diff section:

\`\`\`
bench/diff/run.sh 50 500 5000
\`\`\`

MD
}
