# relup: reltool's relup generation against systools:make_relup on the same 100 applications / 10,000 modules.

section_relup() {
    local raw="$WORK/relup.txt"
    log "relup: building and running bench/relup (100 applications, 10,000 modules)"
    "$REPO/bench/relup/run.sh" "$WORK/relup" > "$raw"
    local ours theirs same systools_row ratio_row
    ours=$(sed -n 's/^reltool relup.*: \([0-9.]*\) ms.*/\1/p' "$raw")
    theirs=$(sed -n 's/^systools:make_relup.*: \([0-9.]*\) ms.*/\1/p' "$raw")
    same=$(sed -n 's/^relup identical to systools.: //p' "$raw")
    if [ -n "$theirs" ]; then
        systools_row="| \`systools:make_relup\` (OTP $(erl -noshell -eval 'io:format("~s", [erlang:system_info(otp_release)]), halt().'), in a running \`erl\`) | $theirs | 1.00× |"
        ratio_row="| **reltool** (read .rel/.app/.appup + translate + format) | **$ours** | **$(awk -v a="$theirs" -v b="$ours" 'BEGIN { printf "%.1f", a / b }')× faster** |"
    else
        systools_row="| \`systools:make_relup\` | erl not installed | |"
        ratio_row="| **reltool** | **$ours** | |"
    fi
    cat >> "$REPORT" <<MD
## relup: 100 applications, 10,000 modules

\`bench/relup\`: generates two releases of 100 applications × 100 modules (+ kernel, stdlib, sasl) with appups of
\`load_module\`/\`update\` instructions and dependencies, then times reltool's relup in-process and
\`systools:make_relup(New, [Old], [Old], [{path, ["lib/*/ebin"]}, silent])\` inside one \`erl\`, on the same files,
mean of 5 warm runs each (neither counts process start-up).

| Generator | Time (ms) | vs systools |
|---|---:|---:|
$systools_row
$ratio_row

Same relup as systools: ${same:-n/a}.

MD
    cat >> "$COMMANDS" <<MD
relup section:

\`\`\`
bench/relup/run.sh DIR
\`\`\`

MD
}
