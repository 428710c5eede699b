# Helpers for the sections in this folder (sourced by bench/run.sh after its own helpers).

# Runs "$1" at exit, before what was registered earlier (bench/run.sh removes $WORK last).
add_exit_hook() {
    local previous
    previous=$(trap -p EXIT | sed -E "s/^trap -- '(.*)' EXIT$/\1/")
    # shellcheck disable=SC2064
    trap "$1; $previous" EXIT
}

# A loopback port nothing listens on.
free_port() {
    local port
    while :; do
        port=$((20000 + RANDOM % 12768))   # below the ephemeral range (32768+), where client connections take their local ports
        (: <"/dev/tcp/127.0.0.1/$port") 2>/dev/null || { echo "$port"; return; }
    done
}

# A copy of samples/kv in "$1"/kv, built against this repository's src/RelTool.Runtime.
copy_kv() {
    mkdir -p "$1"
    cp -r "$REPO/samples/kv" "$1/kv"
    rm -rf "$1/kv/src/Kv/bin" "$1/kv/src/Kv/obj" "$1/kv/src/Kv/_build"
}
export RelToolRepoRoot="$REPO/"

# A fresh node root: the release's full tarball extracted into "$1", with the upgrade tarball "$3" staged for version
# "$4" (releases/VSN/), as an operator copies it before `bin/<name> upgrade VSN`.
stage_node() {
    local root=$1 full=$2 upgrade=$3 version=$4
    mkdir -p "$root/releases/$version"
    tar -xzf "$full" -C "$root"
    cp "$upgrade" "$root/releases/$version/"
}
