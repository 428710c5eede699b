#!/bin/sh
# {{rel_name}}: starts, stops and pings this release. Run "help" for the commands.
# Thin on purpose: finds the release root, the release to boot and a dotnet, then runs the launcher
# (lib/RelTool.Boot-*/) with the arguments listed in releases/<vsn>/host.args (or client.args: its native client).
set -eu

REL_NAME="{{rel_name}}"

# The root is the parent of this script's directory, following symlinks to the script.
script=$0
while [ -L "$script" ]; do
    target=$(readlink "$script")
    case $target in
        /*) script=$target ;;
        *) script=${script%/*}/$target ;;
    esac
done
case $script in
    */*) bin_dir=${script%/*} ;;
    *) bin_dir=. ;;
esac
# Its physical path from a cd there and back, not from $(cd ... && pwd -P): that subshell's fork was ~2 ms of every
# command and node start. CDPATH could send a relative cd elsewhere and make it print.
unset CDPATH
cd -P -- "$bin_dir/.."
RELEASE_ROOT_DIR=$PWD
# Back to the caller's directory, which the commands and the app resolve relative paths against (if it was removed,
# the command runs in the root).
cd -- "$OLDPWD" 2>/dev/null || true

start_erl="$RELEASE_ROOT_DIR/releases/start_erl.data"
if [ ! -r "$start_erl" ]; then
    echo "$REL_NAME: $start_erl is missing: is $RELEASE_ROOT_DIR a release root?" >&2
    exit 1
fi
# start_erl.data has no trailing newline: read returns non-zero at its end but still sets the fields.
read -r RUNTIME_VSN REL_VSN <"$start_erl" || true
if [ -z "${REL_VSN:-}" ]; then
    echo "$REL_NAME: $start_erl must hold \"<runtime vsn> <release vsn>\"" >&2
    exit 1
fi
# The release handler boots a release that is not (yet) permanent by naming it here (upgrade by restart).
if [ -n "${RELTOOL_BOOT_VSN:-}" ]; then
    REL_VSN=$RELTOOL_BOOT_VSN
fi

host_args="$RELEASE_ROOT_DIR/releases/$REL_VSN/host.args"
if [ ! -r "$host_args" ]; then
    echo "$REL_NAME: $host_args is missing" >&2
    exit 1
fi
# host.args starts with "exec" (a dotnet muxer runs the launcher DLL) or names the launcher executable: the target's
# apphost, where runtime/ came from a foreign RID's runtime packs, which hold no muxer.
IFS= read -r launcher <"$host_args" || true

if [ -d "$RELEASE_ROOT_DIR/runtime" ]; then
    DOTNET_ROOT="$RELEASE_ROOT_DIR/runtime"
    export DOTNET_ROOT
    # An apphost prefers these to DOTNET_ROOT: the bundled runtime must win.
    unset DOTNET_ROOT_X64 DOTNET_ROOT_ARM64 DOTNET_ROOT_X86 DOTNET_ROOT_ARM
    dotnet="$DOTNET_ROOT/dotnet"
elif [ "$launcher" != exec ]; then
    echo "$REL_NAME: no runtime/ in $RELEASE_ROOT_DIR for the launcher $launcher (runtime $RUNTIME_VSN needed)" >&2
    exit 1
elif [ -n "${DOTNET_ROOT:-}" ] && [ -x "$DOTNET_ROOT/dotnet" ]; then
    dotnet="$DOTNET_ROOT/dotnet"
elif command -v dotnet >/dev/null 2>&1; then
    dotnet=dotnet
else
    echo "$REL_NAME: no runtime/ in $RELEASE_ROOT_DIR and no dotnet in \$DOTNET_ROOT or on PATH (runtime $RUNTIME_VSN needed)" >&2
    exit 1
fi

# The node of an app that does not use RelTool.Runtime runs the app as the entry program, as `dotnet app.dll` does,
# with the launcher as its startup hook: releases/<vsn>/node.args (written for such releases) replaces host.args for
# "foreground [--detached] [-- ARGS]"; the app gets ARGS. Any other shape goes to the launcher, which checks it.
node_args="$RELEASE_ROOT_DIR/releases/$REL_VSN/node.args"
node_mode=
if [ "$launcher" = exec ] && [ $# -ge 1 ] && [ "$1" = foreground ] && [ -r "$node_args" ]; then
    node_mode=foreground
    skip=1
    if [ $# -ge 2 ] && [ "$2" = --detached ]; then
        node_mode=detached
        skip=2
    fi
    if [ $# -gt "$skip" ]; then
        eval "next=\${$((skip + 1))}"
        if [ "$next" = -- ]; then
            skip=$((skip + 1))
        else
            node_mode=
        fi
    fi
fi
args_file=$host_args
if [ -n "$node_mode" ]; then
    shift "$skip"
    args_file=$node_args
    # Named, not a path: the launcher's assembly is on the app's assembly list. The hook removes these variables, so
    # that what the app starts is not a node; a startup hook of the caller's own runs after it. The name spares the
    # node reading start.boot before the app starts.
    DOTNET_STARTUP_HOOKS="RelTool.Boot${DOTNET_STARTUP_HOOKS:+:$DOTNET_STARTUP_HOOKS}"
    RELTOOL_NODE=$node_mode
    RELTOOL_NODE_ROOT=$RELEASE_ROOT_DIR
    RELTOOL_NODE_NAME=$REL_NAME
    export DOTNET_STARTUP_HOOKS RELTOOL_NODE RELTOOL_NODE_ROOT RELTOOL_NODE_NAME
fi

# The commands that run no app code in their own process go to the launcher's native client where the release has one
# (releases/<vsn>/client.args): no runtime starts for them, which was most of such a command's time. A client.args
# whose file is not there (a launcher lib dir from an older build of the same version) leaves them to the DLL, as do
# RELTOOL_NATIVE_CLIENT=0 and a host the client does not run on (below).
client_args="$RELEASE_ROOT_DIR/releases/$REL_VSN/client.args"
# The client links against the build host's glibc, so an older host's loader refuses it (glibc 2.34 when built on
# Debian 12; RHEL 8 has 2.28). Whether it runs here is found out by running its help, and a success is remembered in
# tmp/ under the launcher lib dir's name (a host's glibc only gets newer; every release version with that launcher
# shares the file): later commands pay one file test. tmp/ is made here only by the root's owner
# (the node's user, whose private folder it is: another user's, root's say, would lock the node out of it). Where the
# client does not run, every command goes to the DLL and tries the client again, quietly (a refused start costs a
# process start).
client_runs_here() {
    client_dir=${client%/*}
    tmp_dir="$RELEASE_ROOT_DIR/tmp"
    client_ok="$tmp_dir/client-ok.${client_dir##*/}"
    [ -e "$client_ok" ] && return 0
    "$RELEASE_ROOT_DIR/$client" --root "$RELEASE_ROOT_DIR" help >/dev/null 2>&1 || return 1
    if [ -d "$tmp_dir" ] || { [ -O "$RELEASE_ROOT_DIR" ] && mkdir -m 700 "$tmp_dir" 2>/dev/null; }; then
        # true, not the special builtin ':', whose failed redirection (a user who may not write there) ends the script.
        true 2>/dev/null >"$client_ok" || true
    fi
    return 0
}
if [ -z "$node_mode" ] && [ "${RELTOOL_NATIVE_CLIENT:-1}" != 0 ] && [ -r "$client_args" ]; then
    case ${1:-help} in
        {{launcher_client_commands}})
            IFS= read -r client <"$client_args" || true
            if [ -n "$client" ] && [ -x "$RELEASE_ROOT_DIR/$client" ] && client_runs_here; then
                args_file=$client_args
                launcher=native
            fi
            ;;
    esac
fi

# Append the arguments file (one argument per line; lines naming a file under the root become absolute) and, for the
# launcher, "--root ROOT" after the caller's arguments, then rotate the caller's arguments to the end.
caller_args=$#
while IFS= read -r line || [ -n "$line" ]; do
    [ -n "$line" ] || continue
    if [ -e "$RELEASE_ROOT_DIR/$line" ]; then
        line="$RELEASE_ROOT_DIR/$line"
    fi
    set -- "$@" "$line"
done <"$args_file"
if [ -z "$node_mode" ]; then
    set -- "$@" --root "$RELEASE_ROOT_DIR"
fi
while [ "$caller_args" -gt 0 ]; do
    set -- "$@" "$1"
    shift
    caller_args=$((caller_args - 1))
done

if [ "$launcher" = exec ]; then
    exec "$dotnet" "$@"
fi
exec "$@"
