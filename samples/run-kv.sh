#!/usr/bin/env bash
# Builds reltool, releases samples/kv, unpacks the tarball into an empty directory, starts it with no
# dotnet on PATH, talks to it, and stops it. Usage: bash samples/run-kv.sh [INSTALL_DIR]
set -euo pipefail
repo=$(cd "$(dirname "$0")/.." && pwd)
install=${1:-$(mktemp -d /tmp/kv-install.XXXXXX)}
port=${KV_PORT:-4040}

echo "== building reltool"
dotnet build "$repo/src/RelTool" -c Release -nologo -v quiet
reltool() { dotnet "$repo/src/RelTool/bin/Release/net10.0/reltool.dll" "$@"; }

echo "== reltool release samples/kv"
out=$(mktemp -d /tmp/kv-build.XXXXXX)
reltool release "$repo/samples/kv/src/Kv" --output "$out/kv"
tarball=$(ls "$out"/kv/releases/*/kv.tar.gz)

echo "== unpacking $tarball into $install"
mkdir -p "$install"
tar xzf "$tarball" -C "$install"

# The target needs no .NET: run with a PATH that has no dotnet and no DOTNET_ROOT.
run() { env -i PATH=/usr/bin:/bin HOME="${HOME:-/root}" KV_PORT="$port" "$install/bin/kv" "$@"; }
echo "== bin/kv start";  run start
echo "== bin/kv ping";   run ping
# ping answers once the launcher runs the app's Main; the listener may need a moment more.
for _ in $(seq 50); do exec 3<>"/dev/tcp/127.0.0.1/$port" 2>/dev/null && break; sleep 0.1; done
printf 'PUT greeting hello\n' >&3; read -r reply <&3; echo "PUT greeting hello -> $reply"
printf 'GET greeting\n' >&3;       read -r reply <&3; echo "GET greeting -> $reply"
printf 'GET missing\n' >&3;        read -r reply <&3; echo "GET missing -> $reply"
exec 3>&-
echo "== bin/kv versions"; run versions
echo "== bin/kv stop";     run stop
rm -rf "$out"
echo "release installed in $install (start it again with $install/bin/kv start)"
